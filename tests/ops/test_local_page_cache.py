"""Workers answer their most-read pages from memory, before Django's handling."""

import time
from unittest import mock

import pytest

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from comments import services as comment_services
from comments.models import Comment
from newsroom import localcache, pagecache
from tests.comments.factories import make_comment


@pytest.fixture(autouse=True)
def page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHE_IS_SHARED = True  # one test process: as shared as Redis
    settings.PAGE_CACHE_RECHECK_SECONDS = 1.0
    monkeypatch.setattr("newsroom.pagecache.transaction.on_commit", lambda fn: fn())
    localcache.local_pages.clear()
    pagecache.known.checked_at = float("-inf")
    yield
    localcache.local_pages.clear()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The real handler closes database connections after each request; the
    test's transaction lives on one (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Served:
    def __init__(self, handler, environ):
        self.status, self.headers = None, {}

        def start_response(status, headers):
            self.status, self.headers = status, dict(headers)

        self.body = b"".join(handler(environ, start_response))
        self.state = self.headers.get("X-Page-Cache")


def serve(path, method="GET", **headers):
    """One request through the production WSGI handler."""
    environ = RequestFactory().generic(method, path, **headers).environ
    return Served(localcache.PageCacheWSGIHandler(), environ)


def test_third_visit_is_answered_from_memory(published_article):
    url = published_article.get_absolute_url()
    assert [serve(url).state for _ in range(3)] == ["MISS", "LOCAL", "LOCAL"]


def test_a_local_answer_skips_django(published_article, django_assert_num_queries):
    url = published_article.get_absolute_url()
    serve(url)
    started = mock.Mock()
    request_started.connect(started)
    try:
        with django_assert_num_queries(0):
            page = serve(url)
    finally:
        request_started.disconnect(started)
    assert (page.state, started.called) == ("LOCAL", False)


def test_the_local_answer_is_the_page_with_every_header(published_article):
    url = published_article.get_absolute_url()
    first, local = serve(url), serve(url)
    same = ("Content-Type", "X-Frame-Options", "Content-Security-Policy",
            "Cache-Control", "Vary", "Cross-Origin-Resource-Policy", "ETag")  # fmt: skip
    assert local.body == first.body and local.status == "200 OK"
    assert {h: local.headers.get(h) for h in same} == {
        h: first.headers.get(h) for h in same
    }
    assert local.headers["X-Request-ID"] != first.headers["X-Request-ID"]


def test_head_gets_headers_only(published_article):
    url = published_article.get_absolute_url()
    serve(url)
    head = serve(url, method="HEAD")
    assert (head.state, head.body) == ("LOCAL", b"")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "own_comments=1"},
        {"HTTP_X_FORWARDED_PROTO": "https"},
        {"HTTP_HOST": "other.example"},
        {"QUERY_STRING": "utm_source=x"},
        {"HTTP_IF_NONE_MATCH": '"abc"'},
    ],
)
def test_only_the_very_same_anonymous_request_is_answered(
    published_article, headers, settings
):
    settings.FORWARDED_ALLOW_IPS = ["*"]  # X-Forwarded-Proto from a proxy
    url = published_article.get_absolute_url()
    serve(url)
    assert serve(url, **headers).state != "LOCAL"


def test_a_change_in_this_process_shows_at_once(published_article):
    url = published_article.get_absolute_url()
    serve(url)
    published_article.headline = "Corrected here"
    published_article.save()
    page = serve(url)
    assert page.state == "MISS" and b"Corrected here" in page.body


def test_a_change_elsewhere_shows_after_the_recheck(published_article):
    url = published_article.get_absolute_url()
    serve(url)
    # Another process starts a new generation: only the shared cache knows.
    pagecache.cache.set(pagecache.GENERATION_KEY, "from-another-worker")
    assert serve(url).state == "LOCAL"
    later = time.monotonic() + 1.5
    with mock.patch("time.monotonic", return_value=later):
        assert serve(url).state == "MISS"


def test_a_comment_shows_within_the_delay(published_article, settings):
    url = published_article.get_absolute_url()
    serve(url)
    comment_services.approve_comment(
        comment=make_comment(
            published_article, body="Approved words", status=Comment.Status.PENDING
        )
    )
    later = time.time() + settings.PAGE_CACHE_COMMENT_DELAY + 1
    with mock.patch("time.time", return_value=later):
        page = serve(url)
    assert page.state == "MISS" and b"Approved words" in page.body


def test_unreachable_cache_means_no_local_answer(published_article, settings):
    url = published_article.get_absolute_url()
    serve(url)
    settings.CACHES = {
        "default": {"BACKEND": "tests.comments.broken_cache.BrokenCache"}
    }
    later = time.monotonic() + 1.5
    with mock.patch("time.monotonic", return_value=later):
        page = serve(url)
    assert page.status == "200 OK" and page.state is None


def test_memory_holds_a_bounded_number_of_pages(published_article, settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 2
    for path in ("/", published_article.get_absolute_url(), "/authors/"):
        serve(path)
    assert (serve("/").state, serve("/authors/").state) == ("HIT", "LOCAL")


def test_off_with_no_local_pages(published_article, settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 0
    url = published_article.get_absolute_url()
    assert [serve(url).state for _ in range(3)] == ["MISS", "HIT", "HIT"]


def test_never_from_memory_when_each_process_has_its_own_cache(
    published_article, settings
):
    settings.CACHE_IS_SHARED = False
    url = published_article.get_absolute_url()
    assert "LOCAL" not in [serve(url).state for _ in range(3)]
