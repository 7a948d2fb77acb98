"""Finding 11: the login page's `next`: an off-site or empty value lands on
the admin index, never on a 404 (Django's /accounts/profile/)."""

import pytest

from tests.factories import make_user


@pytest.mark.parametrize(
    "next_url",
    ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)", ""],
)
def test_a_refused_next_lands_on_the_admin_index(client, db, next_url):
    make_user(role="Editor", username="ed", password="a-long-test-password")
    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": "ed", "password": "a-long-test-password", "next": next_url},
    )
    assert response["Location"] == "/admin/"


def test_a_safe_next_is_followed(client, db):
    make_user(role="Editor", username="ed", password="a-long-test-password")
    response = client.post(
        "/admin/login/",
        {
            "username": "ed",
            "password": "a-long-test-password",
            "next": "/admin/articles/article/",
        },
    )
    assert response["Location"] == "/admin/articles/article/"


def test_pages_needing_a_login_send_readers_to_the_admin_login(client, db):
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    page = FlatPage.objects.create(
        url="/staff/", title="Staff", content="x", registration_required=True
    )
    page.sites.add(Site.objects.get_current())
    assert client.get("/pages/staff/")["Location"].startswith("/admin/login/")
