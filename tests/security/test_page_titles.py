"""Finding 1: a flat page's title is plain text everywhere; its content keeps
to the article allow-list, however it was saved."""

import re

import pytest

from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

TITLE = (
    '<meta http-equiv="refresh" content="0;url=https://elsewhere.example/">'
    '<a href="javascript:alert(1)" onclick="x()">About</a>'
)


@pytest.fixture
def hostile_page(db):
    page = FlatPage.objects.create(
        url="/about/",
        title=TITLE,
        content='<p>Hi</p><form action="https://elsewhere.example/"><input></form>'
        '<img src="https://elsewhere.example/x.gif" onerror="x()">',
    )
    page.sites.add(Site.objects.get_current())
    return page


def test_page_title_markup_is_shown_as_text(client, hostile_page):
    html = client.get("/pages/about/").text
    assert "<meta http-equiv" not in html
    assert not re.search(r"<a [^>]*javascript:", html)


def test_page_title_is_escaped_in_heading_and_meta_tags(client, hostile_page):
    html = client.get("/pages/about/").text
    escaped = r"&lt;meta http-equiv=&(quot|#34);refresh&(quot|#34);"
    # <title>, <h1>, meta description, og:title, og:description, twitter x2.
    assert len(re.findall(escaped, html)) >= 6


def test_page_content_saved_outside_admin_is_cleaned_when_shown(client, hostile_page):
    body = client.get("/pages/about/").text.split('class="story__body"', 1)[1]
    assert "<form" not in body and "elsewhere.example" not in body.split("</div>")[0]


def test_page_template_name_cannot_pick_any_template(client, hostile_page):
    hostile_page.template_name = "admin/base.html"
    hostile_page.save()
    assert client.get("/pages/about/").templates[0].name == "flatpages/default.html"
