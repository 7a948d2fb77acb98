"""The own-comments cookie lives only as long as it is needed: while it
exists, the commenter's article pages skip the page cache."""

import time
from unittest import mock

from django.http import HttpResponse
from django.test import RequestFactory

from comments import cookies
from comments.models import Comment
from tests.comments.factories import make_comment


def remember(comment, cookie=None):
    request = RequestFactory().get("/")
    if cookie:
        request.COOKIES[cookies.OWN_COMMENTS] = cookie.value
    response = HttpResponse()
    cookies.remember_own_comment(request, response, comment)
    return response.cookies[cookies.OWN_COMMENTS]


def ids_seen(cookie, at):
    request = RequestFactory().get("/")
    request.COOKIES[cookies.OWN_COMMENTS] = cookie.value
    with mock.patch("time.time", return_value=at):
        return cookies.own_comment_ids(request)


def test_a_published_comment_is_remembered_for_its_edit_window(
    published_article, settings
):
    settings.COMMENT_EDIT_WINDOW_MINUTES = 10
    cookie = remember(make_comment(published_article))
    assert cookie["max-age"] == 600


def test_a_held_comment_is_remembered_until_a_moderator_can_decide(
    published_article,
):
    cookie = remember(make_comment(published_article, status=Comment.Status.PENDING))
    assert cookie["max-age"] == cookies.OWN_COMMENTS_MAX_AGE


def test_a_published_comment_after_a_held_one_keeps_the_held_one(
    published_article, settings
):
    settings.COMMENT_EDIT_WINDOW_MINUTES = 10
    held = make_comment(published_article, status=Comment.Status.PENDING)
    published = make_comment(published_article, body="Another one")
    cookie = remember(published, remember(held))
    later = time.time() + 3600
    assert (
        cookie["max-age"],
        ids_seen(cookie, time.time()),
        ids_seen(cookie, later),
    ) == (cookies.OWN_COMMENTS_MAX_AGE, [held.pk, published.pk], [held.pk])


def test_an_older_cookie_of_bare_ids_still_counts(published_article):
    held = make_comment(published_article, status=Comment.Status.PENDING)
    request = RequestFactory().get("/")
    response = HttpResponse()
    response.set_signed_cookie(
        cookies.OWN_COMMENTS, str(held.pk), salt=cookies.OWN_COMMENTS
    )
    request.COOKIES[cookies.OWN_COMMENTS] = response.cookies[cookies.OWN_COMMENTS].value
    assert cookies.own_comment_ids(request) == [held.pk]
