from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from tests.factories import make_user


def make_page(
    url="/privacy/", title="Privacy", content="<p>How we use comment data.</p>"
):
    page = FlatPage.objects.create(url=url, title=title, content=content)
    page.sites.add(Site.objects.get_current())
    return page


def test_privacy_page_is_served_under_pages(client, db):
    make_page()
    response = client.get("/pages/privacy/")
    assert "How we use comment data." in response.text


def test_unknown_page_is_not_found(client, db):
    assert client.get("/pages/nope/").status_code == 404


def test_page_content_is_sanitized_when_saved_in_admin(client, db):
    client.force_login(make_user(role="Editor"))
    client.post(
        "/admin/flatpages/flatpage/add/",
        {
            "url": "/about/",
            "title": "About",
            "content": "<p>Hello</p><script>alert(1)</script>",
            "sites": [Site.objects.get_current().pk],
            "template_name": "",
        },
    )
    assert FlatPage.objects.get(url="/about/").content == "<p>Hello</p>"
