"""The body editor and the sanitizer share one allow-list."""

import pytest
from django_prose_editor.config import allowlist_from_extensions

from articles import demo
from articles.editor import BodyEditorWidget
from articles.sanitize import (
    EDITOR_EXTENSIONS,
    NH3_OWNED_ATTRIBUTES,
    body_allow_list,
    sanitize_body,
    sanitize_html,
)

# One sample of every node and mark the editor can make, as it writes them.
EDITOR_OUTPUT = [
    "<p>Plain paragraph.</p>",
    "<p>Line one<br>line two</p>",
    "<h2>Section heading</h2>",
    "<h3>Sub-heading</h3>",
    "<p><strong>Bold</strong> and <em>italic</em>.</p>",
    '<p><a href="https://example.org/report" title="Report">a link</a></p>',
    '<p><a href="/world/other-story/">an internal link</a></p>',
    '<p><a href="mailto:desk@example.org">mail</a></p>',
    "<ul><li><p>Bullet</p></li></ul>",
    '<ol start="3" type="1"><li><p>Numbered</p></li></ol>',
    "<blockquote><p>A quotation.</p></blockquote>",
    "<table><tbody><tr><th>Party</th><th>Seats</th></tr>"
    '<tr><td colspan="1" rowspan="1">Green</td><td>12</td></tr></tbody></table>',
    '<figure class="figure"><img src="/media/images/2026/01/a.jpg" alt="A map" '
    'data-file="7"><figcaption>The <em>new</em> border</figcaption></figure>',
]
# What the editor cannot make: each is dropped (its text may stay).
NOT_FROM_THE_EDITOR = [
    ("<h4>", "<h4>Too deep</h4>"),
    ("<span", '<p><span style="color:red">red</span></p>'),
    ("<font", '<p><font face="Arial">font</font></p>'),
    ("style=", '<p style="font-size:20px">big</p>'),
    ("<u>", "<p><u>underlined</u></p>"),
    ("<code>", "<p><code>x = 1</code></p>"),
    ("<abbr", '<p><abbr title="World Health Organization">WHO</abbr></p>'),
    ("<hr>", "<hr>"),
    ("<div", "<div>wrapped</div>"),
    ("target=", '<p><a href="https://a.example/" target="_blank">x</a></p>'),
    ("<!--", "<p>a<!-- comment -->b</p>"),
]


def test_the_editor_makes_exactly_what_the_sanitizer_keeps(settings):
    config = BodyEditorWidget().get_config()
    made = allowlist_from_extensions(config["extensions"])
    tags, attributes = body_allow_list()
    made_attributes = {
        tag: frozenset(set(names) - NH3_OWNED_ATTRIBUTES.get(tag, set()))
        for tag, names in made["attributes"].items()
    }
    assert (frozenset(made["tags"]), made_attributes) == (tags, attributes)


def test_the_editor_is_configured_from_the_allow_list(db):
    extensions = BodyEditorWidget().get_config()["extensions"]
    assert set(EDITOR_EXTENSIONS) <= set(extensions)


@pytest.mark.parametrize("html", EDITOR_OUTPUT)
def test_everything_the_editor_makes_survives(html):
    expected = html.replace('title="Report"', 'title="Report" rel="noopener"')
    if "<a " in html and "rel=" not in expected:
        expected = expected.replace('">', '" rel="noopener">', 1)
    assert sanitize_body(html) == expected


@pytest.mark.parametrize(("marker", "html"), NOT_FROM_THE_EDITOR)
def test_nothing_else_survives(marker, html):
    assert marker not in sanitize_body(html)


@pytest.mark.parametrize("article", demo.ARTICLES, ids=lambda a: a["headline"][:30])
def test_existing_bodies_lose_nothing_under_the_editor_allow_list(article):
    # Bodies saved before the editor passed the wider page allow-list.
    assert sanitize_body(article["body"]) == sanitize_html(article["body"])
