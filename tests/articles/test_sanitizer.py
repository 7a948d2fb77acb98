import pytest

from articles.sanitize import sanitize_html
from tests.factories import make_article

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">x</div>',
    "<body onload=alert(1)>",
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<img src="x"/onerror=alert(1)>',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<!--<script>alert(1)</script>-->",
    '<details open ontoggle="alert(1)">',
    '<a href="vbscript:msgbox(1)">x</a>',
]

FORBIDDEN = ["<script", "onerror", "onload", "onmouseover", "ontoggle", "javascript:",
             "vbscript:", "<iframe", "style=", "<style", "<object", "<embed", "<form",
             "<meta", "<base", "<link", "data:text/html"]  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitizer_removes_active_content(payload):
    cleaned = sanitize_html(f"<p>before</p>{payload}<p>after</p>").lower()
    assert not [bad for bad in FORBIDDEN if bad in cleaned]


def test_sanitizer_keeps_editorial_markup():
    html = (
        '<h2>Heading</h2><p>A <a href="https://example.org/report">source</a>, '
        "<strong>bold</strong> and <em>em</em>.</p><ul><li>one</li></ul>"
        '<blockquote><p>Quote</p></blockquote><img src="/media/x.jpg" alt="A map">'
    )
    cleaned = sanitize_html(html)
    for kept in ["<h2>", 'href="https://example.org/report"', "<ul>", "<blockquote>",
                 'alt="A map"', "<strong>"]:  # fmt: skip
        assert kept in cleaned


def test_article_body_is_sanitized_when_saved(db):
    article = make_article(body='<p onclick="x()">Hi</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_article_page_never_shows_a_payload(client, db, payload):
    article = make_article(body=f"<p>Text</p>{payload}")
    html = client.get(article.get_absolute_url()).content.decode().lower()
    body = html.split('class="story__body"', 1)[1].split("</div>", 1)[0]
    assert not [bad for bad in FORBIDDEN if bad in body]
