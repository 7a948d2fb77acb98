import pytest

from django.urls import reverse

from comments.models import Comment
from tests.conftest import aged_token


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """django-ratelimit counts in clock-aligned windows: keep every post of a
    test inside one, or a minute boundary would reset the count mid-test."""
    from types import SimpleNamespace

    frozen = SimpleNamespace(time=lambda: 1_800_000_000.0)
    monkeypatch.setattr("django_ratelimit.core.time", frozen)


def post_n(client, article, comment_data, n, **extra):
    responses = []
    for i in range(n):
        data = comment_data(body=f"Comment {i}", author_email=f"r{i}@example.com",
                            token=aged_token(nonce=f"{i:016d}"))  # fmt: skip
        responses.append(
            client.post(reverse("comments:post", args=[article.pk]), data, **extra)
        )
    return responses


def test_sixth_comment_in_a_minute_gets_429(
    client, published_article, comment_data, settings
):
    settings.COMMENT_FLOOD_SECONDS = 0
    codes = [r.status_code for r in post_n(client, published_article, comment_data, 6)]
    assert codes == [302] * 5 + [429]


def test_rate_limited_form_keeps_the_text(
    client, published_article, comment_data, settings
):
    settings.COMMENT_FLOOD_SECONDS = 0
    last = post_n(client, published_article, comment_data, 6)[-1]
    assert "Comment 5" in last.text and "wait a minute" in last.text


def test_rate_limit_is_per_ip(client, published_article, comment_data, settings):
    settings.COMMENT_FLOOD_SECONDS = 0
    post_n(client, published_article, comment_data, 5, REMOTE_ADDR="198.51.100.1")
    data = comment_data(body="From elsewhere", token=aged_token(nonce="9" * 16))
    response = client.post(
        reverse("comments:post", args=[published_article.pk]),
        data,
        REMOTE_ADDR="198.51.100.2",
    )
    assert response.status_code == 302


def test_rate_limit_is_a_setting(client, published_article, comment_data, settings):
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_RATE_LIMIT = "2/m"
    codes = [r.status_code for r in post_n(client, published_article, comment_data, 3)]
    assert codes == [302, 302, 429]


def test_cache_down_lets_comments_through(
    client, published_article, comment_data, settings
):
    # A cache that cannot be reached: rate limiting fails open, nothing is lost.
    settings.CACHES = {
        "default": {"BACKEND": "tests.comments.broken_cache.BrokenCache"}
    }
    settings.COMMENT_FLOOD_SECONDS = 0
    codes = [r.status_code for r in post_n(client, published_article, comment_data, 7)]
    assert codes == [302] * 7 and Comment.objects.count() == 7


def test_flood_check_still_applies_when_cache_is_down(
    client, published_article, comment_data, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "tests.comments.broken_cache.BrokenCache"}
    }
    post_n(client, published_article, comment_data, 1)
    data = comment_data(
        body="Again", author_email="r0@example.com", token=aged_token(nonce="8" * 16)
    )
    response = client.post(reverse("comments:post", args=[published_article.pk]), data)
    assert "too quickly" in response.text
