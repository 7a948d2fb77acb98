"""Finding 8: URL-bearing attributes keep http(s) and relative URLs only, and
pictures come from our own media library."""

import pytest

from articles.sanitize import sanitize_html

SCRIPT_IN_ATTRIBUTES = [
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    '<q cite="JaVaScRiPt:alert(1)">q</q>',
    '<q cite="java&#x09;script:alert(1)">q</q>',
    '<a href="/x" title="javascript:alert(1)">x</a>',
    '<abbr title="j&#97;vascript:alert(1)">x</abbr>',
    '<img src="/media/a.jpg" alt="vbscript:msgbox(1)">',
]


@pytest.mark.parametrize("html", SCRIPT_IN_ATTRIBUTES)
def test_no_attribute_keeps_a_script_url(html):
    assert "script:" not in sanitize_html(html).lower()


@pytest.mark.parametrize(
    "cite", ["data:text/html,x", "ftp://example.org/", "mailto:a@example.org"]
)
def test_cite_keeps_only_http_and_relative_urls(cite):
    assert "cite=" not in sanitize_html(f'<q cite="{cite}">q</q>')


@pytest.mark.parametrize("cite", ["https://example.org/report", "/world/story/"])
def test_cite_keeps_http_and_relative_urls(cite):
    assert f'cite="{cite}"' in sanitize_html(f'<q cite="{cite}">q</q>')


@pytest.mark.parametrize(
    "src",
    [
        "https://elsewhere.example/a.jpg",
        "http://elsewhere.example/a.jpg",
        "//elsewhere.example/a.jpg",
        "/\\elsewhere.example/a.jpg",
        "data:image/png;base64,iVBORw0KGgo=",
        "/static/../media/a.jpg",
        "/media/../admin/",
        "a.jpg",
    ],
)
def test_images_from_elsewhere_are_refused(src):
    assert "src=" not in sanitize_html(f'<img src="{src}" alt="x">')


def test_images_from_the_media_library_are_kept():
    cleaned = sanitize_html('<img src="/media/images/2026/a.jpg" alt="A map">')
    assert 'src="/media/images/2026/a.jpg"' in cleaned


def test_images_follow_an_absolute_media_url(settings):
    settings.MEDIA_URL = "https://media.example/"
    html = '<img src="https://media.example/a.jpg"><img src="/media/b.jpg">'
    assert sanitize_html(html) == '<img src="https://media.example/a.jpg"><img>'


def test_links_keep_http_relative_and_mail_links():
    html = '<a href="https://a.example/">1</a><a href="#n">2</a><a href="mailto:x@a.example">3</a>'
    assert sanitize_html(html).count("href=") == 3


def test_plain_titles_and_alt_text_are_kept():
    html = '<abbr title="World Health Organization">WHO</abbr>'
    assert sanitize_html(html) == html
