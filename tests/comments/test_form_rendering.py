"""The comment form is rendered fresh each time, with the markup crispy-forms'
bootstrap5 pack gives CommentForm's layout (written out in the Jinja2
template: crispy took a fifth of an article page)."""

import re
from html.parser import HTMLParser

from crispy_forms.utils import render_crispy_form

from django.template import engines

from comments.forms import CommentForm, read_form_token


def form_html(form) -> str:
    return (
        engines["jinja2"]
        .get_template("comments/_comment_form.html")
        .render({"form": form})
    )


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, sorted((name, value or "") for name, value in attrs)))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", " ".join(data.split())))


def elements(html: str) -> list:
    """Tags with their attributes (in any order) and text: what a browser,
    a screen reader and comment-form.js see, whitespace aside."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


def test_each_copy_gets_its_own_valid_token(published_article):
    first = form_html(CommentForm(article=published_article))
    second = form_html(CommentForm(article=published_article))
    tokens = [token_in(first), token_in(second)]
    assert tokens[0] != tokens[1] and all(read_form_token(t) for t in tokens)
    assert first.replace(tokens[0], "") == second.replace(tokens[1], "")


def test_a_blank_form_is_what_crispy_renders(published_article):
    form = CommentForm(
        initial={"author_name": "Ada", "remember": True, "parent": 5},
        article=published_article,
    )
    assert elements(form_html(form)) == elements(render_crispy_form(form))


def test_a_form_with_errors_is_what_crispy_renders(published_article):
    form = CommentForm(
        {"body": "", "author_email": "bad", "author_url": "ftp://x",
         "remember": "on", "parent": "3", "token": "t", "homepage": "x<"},
        article=published_article,
    )  # fmt: skip
    form.is_valid()
    form.add_error(None, "Slow down")
    assert elements(form_html(form)) == elements(render_crispy_form(form))


def test_a_reply_form_carries_its_parent(published_article):
    reply = form_html(CommentForm(initial={"parent": 42}, article=published_article))
    assert re.search(r'name="parent" value="42"', reply)


def test_saved_details_show_only_in_their_own_form(published_article):
    saved = CommentForm(
        initial={"author_name": "Ada Reader", "remember": True},
        article=published_article,
    )
    assert "Ada Reader" in form_html(saved)
    blank = form_html(CommentForm(article=published_article))
    assert "Ada Reader" not in blank
