"""Post/Redirect/Get for a form error: the reader lands on the article's form
with their text and the error, and a reload never posts again."""

import secrets

from django.urls import reverse

from comments.models import Comment
from newsroom import pagecache
from tests.factories import make_article


def post(client, article, data, **extra):
    return client.post(reverse("comments:post", args=[article.pk]), data, **extra)


def test_a_form_error_redirects_to_the_articles_form(
    client, published_article, comment_data
):
    response = post(client, published_article, comment_data(author_email="nope"))
    assert (response.status_code, response["Location"], Comment.objects.count()) == (
        303,
        f"{published_article.get_absolute_url()}#leave-comment",
        0,
    )


def test_reloading_the_page_shows_the_text_and_error_again(
    client, published_article, comment_data
):
    post(client, published_article, comment_data(author_email="nope", body="Mine."))
    client.get(published_article.get_absolute_url())
    html = client.get(published_article.get_absolute_url()).text
    assert ("Mine.</textarea>" in html, "Enter a valid email address." in html) == (
        True,
        True,
    )


def test_posting_successfully_afterwards_forgets_the_draft(
    client, published_article, comment_data
):
    post(client, published_article, comment_data(author_email="nope"))
    response = post(client, published_article, comment_data())
    assert (response.status_code, response.cookies["comment_draft"].value) == (302, "")


def test_a_draft_is_not_shown_on_another_article(
    client, published_article, comment_data
):
    post(client, published_article, comment_data(author_email="nope", body="Mine."))
    other = make_article()
    assert "Mine." not in client.get(other.get_absolute_url()).text


def test_a_draft_too_long_for_a_cookie_is_answered_in_place(
    client, published_article, comment_data
):
    body = secrets.token_urlsafe(3700)[:4900]  # random: does not compress
    response = post(
        client, published_article, comment_data(author_email="no", body=body)
    )
    assert (response.status_code, body in response.text) == (400, True)


def test_a_page_with_a_draft_is_never_cached():
    assert pagecache.has_personal_cookie({"comment_draft": "x"})
