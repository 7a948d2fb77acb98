"""The blank comment form is rendered once per article and reply target."""

import re

from crispy_forms.utils import render_crispy_form

from comments.forms import CommentForm, read_form_token
from comments.rendering import crispy


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_each_copy_gets_its_own_valid_token(published_article):
    first = crispy(CommentForm(article=published_article))
    second = crispy(CommentForm(article=published_article))
    tokens = [token_in(first), token_in(second)]
    assert tokens[0] != tokens[1] and all(read_form_token(t) for t in tokens)
    assert first.replace(tokens[0], "") == second.replace(tokens[1], "")


def test_a_kept_copy_is_what_crispy_renders(published_article):
    crispy(CommentForm(article=published_article))  # kept
    form = CommentForm(article=published_article)
    expected = render_crispy_form(CommentForm(
        initial={"token": form.initial["token"]}, article=published_article
    ))  # fmt: skip
    assert crispy(form) == expected


def test_a_reply_form_is_kept_apart(published_article):
    crispy(CommentForm(article=published_article))
    reply = crispy(CommentForm(initial={"parent": 42}, article=published_article))
    assert re.search(r'name="parent" value="42"', reply)


def test_saved_details_are_never_kept(published_article):
    saved = CommentForm(
        initial={"author_name": "Ada Reader", "remember": True},
        article=published_article,
    )
    assert "Ada Reader" in crispy(saved)
    blank = crispy(CommentForm(article=published_article))
    assert "Ada Reader" not in blank
