"""Anonymous pages come from the page cache and go stale exactly when content changes."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest

from django.utils import timezone

from articles.models import Article
from comments import services as comment_services
from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_user


@pytest.fixture(autouse=True)
def page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    # Tests run inside a transaction that never commits; run the
    # invalidation as the commit would (test_invalidation_waits_for_commit
    # checks the real thing).
    monkeypatch.setattr(
        "newsroom.pagecache.transaction.on_commit", lambda fn, **kwargs: fn()
    )


def state(response):
    return response.get("X-Page-Cache")


def test_second_visit_is_served_from_the_cache(client, published_article):
    url = published_article.get_absolute_url()
    assert [state(client.get(url)) for _ in range(2)] == ["MISS", "HIT"]


def test_a_cached_page_costs_no_queries(
    client, published_article, django_assert_num_queries
):
    url = published_article.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        assert state(client.get(url)) == "HIT"


def test_cached_page_is_the_same_page(client, published_article):
    url = published_article.get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert (second.content, second["Content-Security-Policy"]) == (
        first.content,
        first["Content-Security-Policy"],
    )


def test_cached_page_has_a_content_length(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    hit = client.get(url)
    assert (state(hit), hit["Content-Length"]) == ("HIT", str(len(hit.content)))


def test_cached_page_keeps_security_headers(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    hit = client.get(url)
    assert (hit["X-Frame-Options"], hit["X-Content-Type-Options"]) == (
        "DENY",
        "nosniff",
    )


def test_logged_in_staff_never_get_the_cached_page(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    client.force_login(make_user(role="Editor"))
    response = client.get(url)
    assert state(response) is None and "private" in response["Cache-Control"]


@pytest.mark.parametrize("cookie", ["messages", "own_comments", "commenter"])
def test_personal_cookies_bypass_the_cache(client, published_article, cookie):
    url = published_article.get_absolute_url()
    client.get(url)
    client.cookies[cookie] = "x"
    assert state(client.get(url)) is None


def test_a_personal_page_is_never_stored_for_others(
    client, published_article, comment_data
):
    url = published_article.get_absolute_url()
    client.post(
        f"/comments/post/{published_article.pk}/",
        comment_data(body="My own held words"),
    )
    assert "My own held words" in client.get(url).text
    client.cookies.clear()
    response = client.get(url)
    assert "My own held words" not in response.text and state(response) == "MISS"


def test_anonymous_pages_are_public_with_a_short_life(client, published_article):
    cache_control = client.get(published_article.get_absolute_url())["Cache-Control"]
    assert set(cache_control.split(", ")) == {
        "public",
        "max-age=5",
        "stale-while-revalidate=30",
    }


def test_anonymous_pages_vary_on_cookie(client, published_article):
    assert "Cookie" in client.get(published_article.get_absolute_url())["Vary"]


def test_error_pages_are_private(client, db):
    assert "private" in client.get("/nope/")["Cache-Control"]


def test_etag_gives_304(client, published_article):
    url = published_article.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def visit_twice(client, url):
    client.get(url)
    return client.get(url)


def test_editing_an_article_shows_at_once(client, published_article):
    url = published_article.get_absolute_url()
    visit_twice(client, url)
    published_article.headline = "A corrected headline"
    published_article.save()
    response = client.get(url)
    assert (state(response), "A corrected headline" in response.text) == ("MISS", True)


def test_publishing_shows_on_the_section_page(client, published_article):
    section_url = published_article.section.get_absolute_url()
    visit_twice(client, section_url)
    make_article(section=published_article.section, headline="Fresh news")
    assert "Fresh news" in client.get(section_url).text


def test_unpublishing_removes_it_from_home(client, published_article):
    visit_twice(client, "/")
    published_article.status = Article.Status.UNPUBLISHED
    published_article.save()
    assert published_article.headline not in client.get("/").text


def after_comment_delay(client, url, settings):
    """A request once PAGE_CACHE_COMMENT_DELAY has passed."""
    later = time.time() + settings.PAGE_CACHE_COMMENT_DELAY + 1
    with mock.patch("time.time", return_value=later):
        return client.get(url)


def test_approving_a_comment_shows_it(client, published_article, settings):
    url = published_article.get_absolute_url()
    comment = make_comment(
        published_article, body="Newly approved words", status=Comment.Status.PENDING
    )
    visit_twice(client, url)
    comment_services.approve_comment(comment=comment)
    assert "Newly approved words" in after_comment_delay(client, url, settings).text


def test_a_comment_shows_at_once_with_no_delay(client, published_article, settings):
    settings.PAGE_CACHE_COMMENT_DELAY = 0
    url = published_article.get_absolute_url()
    comment = make_comment(
        published_article, body="Newly approved words", status=Comment.Status.PENDING
    )
    visit_twice(client, url)
    comment_services.approve_comment(comment=comment)
    assert "Newly approved words" in client.get(url).text


def test_a_stream_of_comments_renders_a_page_once_per_delay(
    client, published_article, settings
):
    settings.PAGE_CACHE_COMMENT_DELAY = 5
    url, start = published_article.get_absolute_url(), time.time()

    def at(offset, action):
        with mock.patch("time.time", return_value=start + offset):
            return action()

    def approve(body):
        comment = make_comment(
            published_article, body=body, status=Comment.Status.PENDING
        )
        return lambda: comment_services.approve_comment(comment=comment)

    states = [at(0, lambda: state(client.get(url)))]
    at(1, approve("First reply"))
    states.append(at(2, lambda: state(client.get(url))))  # kept: rendered 2 s ago
    page = at(6, lambda: client.get(url))  # older than the delay: rendered again
    states.append(state(page))
    at(7, approve("Second reply"))
    states.append(at(8, lambda: state(client.get(url))))  # rendered 2 s ago again
    assert states == ["MISS", "HIT", "MISS", "HIT"] and "First reply" in page.text


def test_a_comment_leaves_the_generation_alone(client, published_article):
    from newsroom.pagecache import current_generation

    before = current_generation()
    comment_services.approve_comment(
        comment=make_comment(published_article, status=Comment.Status.PENDING)
    )
    assert current_generation() == before


def test_editing_a_comment_shows_the_new_text(client, published_article, settings):
    url = published_article.get_absolute_url()
    comment = make_comment(published_article, body="Old text")
    visit_twice(client, url)
    comment_services.edit_comment(
        comment=comment, body="Edited text", moderator=make_user()
    )
    assert "Edited text" in after_comment_delay(client, url, settings).text


def test_removing_a_comment_hides_it(client, published_article, settings):
    url = published_article.get_absolute_url()
    comment = make_comment(published_article, body="Soon gone")
    visit_twice(client, url)
    comment_services.trash_comment(comment=comment)
    assert "Soon gone" not in after_comment_delay(client, url, settings).text


def test_a_comment_count_on_home_follows_within_the_delay(
    client, published_article, settings
):
    visit_twice(client, "/")
    comment_services.approve_comment(
        comment=make_comment(published_article, status=Comment.Status.PENDING)
    )
    assert "1 comment" in after_comment_delay(client, "/", settings).text


def test_a_new_held_comment_does_not_empty_the_cache(
    client, published_article, comment_data
):
    url = published_article.get_absolute_url()
    visit_twice(client, url)
    client.post(f"/comments/post/{published_article.pk}/", comment_data())
    client.cookies.clear()
    assert state(client.get(url)) == "HIT"


def test_scheduled_article_appears_at_its_time_without_a_job(client, section):
    at = timezone.now() + timedelta(minutes=10)
    make_article(section=section, headline="Embargoed story", published_at=at)
    visit_twice(client, "/")
    later = at + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later), \
            mock.patch("time.time", return_value=later.timestamp()):  # fmt: skip
        assert "Embargoed story" in client.get("/").text


def test_a_cached_page_still_takes_comments(client, published_article, comment_data):
    url = published_article.get_absolute_url()
    cached = visit_twice(client, url)
    token = re.search(r'name="token" value="([^"]+)"', cached.text).group(1)
    assert state(cached) == "HIT" and "csrfmiddlewaretoken" not in cached.text
    with mock.patch("time.time", return_value=time.time() + 10):
        response = client.post(f"/comments/post/{published_article.pk}/",
                                comment_data(token=token), HTTP_ORIGIN="http://testserver")  # fmt: skip
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_stale_page_is_served_while_another_request_renders(client, published_article):
    from django.core.cache import cache
    from django.test import RequestFactory

    from newsroom.pagecache import _key, new_generation

    url = published_article.get_absolute_url()
    visit_twice(client, url)
    new_generation()
    cache.add(f"{_key(RequestFactory().get(url))}:lock", 1, timeout=5)
    assert state(client.get(url)) == "STALE"


def test_admin_is_never_page_cached(client, db):
    client.force_login(make_user(role="Editor"))
    response = client.get("/admin/")
    assert state(response) is None and "no-cache" in response["Cache-Control"]


def test_off_when_disabled(client, published_article, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = published_article.get_absolute_url()
    assert state(visit_twice(client, url)) is None


def test_a_broken_cache_still_serves_pages(client, published_article, settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.comments.broken_cache.BrokenCache"}
    }
    response = client.get(published_article.get_absolute_url())
    assert (response.status_code, state(response)) == (200, None)


def test_invalidation_waits_for_commit(
    client, published_article, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.undo()
    from django.conf import settings

    settings.PAGE_CACHE_ENABLED = True
    url = published_article.get_absolute_url()
    visit_twice(client, url)
    with django_capture_on_commit_callbacks() as callbacks:
        published_article.headline = "Changed before commit"
        published_article.save()
        assert state(client.get(url)) == "HIT"  # not committed yet: nothing new to show
    for callback in callbacks:
        callback()
    assert "Changed before commit" in client.get(url).text


def test_unpublished_page_leaves_no_stale_copy(client, published_article):
    from django.core.cache import cache

    url = published_article.get_absolute_url()
    visit_twice(client, url)
    published_article.status = Article.Status.UNPUBLISHED
    published_article.save()
    assert client.get(url).status_code == 404
    assert cache.get(f"pagecache:page:testserver:{url}") is None


def test_unknown_query_parameters_are_not_stored(client, published_article):
    url = published_article.get_absolute_url() + "?utm_source=x"
    assert [state(client.get(url)) for _ in range(2)] == [None, None]


def test_page_parameters_are_cached(client, published_article):
    url = published_article.section.get_absolute_url() + "?page=1"
    assert [state(client.get(url)) for _ in range(2)] == ["MISS", "HIT"]


def test_a_held_comment_recheck_keeps_the_cache(client, published_article):
    url = published_article.get_absolute_url()
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    visit_twice(client, url)
    comment_services.mark_spam(comment=comment)
    assert state(client.get(url)) == "HIT"


def test_an_auto_approved_commenter_sees_their_comment_at_once(
    client, published_article, comment_data
):
    make_comment(
        published_article,
        author_name="Reader One",
        author_email="reader@example.com",
    )  # approved before: the next one is published at once
    url = published_article.get_absolute_url()
    visit_twice(client, url)
    response = client.post(
        f"/comments/post/{published_article.pk}/",
        comment_data(body="Published straight away"),
        follow=True,
    )
    assert "your comment is published" in response.text
    assert "Published straight away" in response.text
    assert state(response) is None  # the flash message made it personal
