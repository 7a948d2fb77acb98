"""The time trap counts only a reader's own token, once (comments.timetrap)."""

import re

import pytest

from django.urls import reverse

from comments.forms import READER_TOKEN, read_form_token
from comments.models import Comment
from tests.conftest import aged_token


@pytest.fixture
def page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    monkeypatch.setattr(
        "newsroom.pagecache.transaction.on_commit", lambda fn, **kwargs: fn()
    )


def page_token(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.text).group(1)


def post(client, article, data, ip="198.51.100.9"):
    url = reverse("comments:post", args=[article.pk])
    return client.post(url, data, REMOTE_ADDR=ip)


def test_replaying_a_cached_pages_token_never_passes_as_fresh(
    client, published_article, comment_data, page_cache
):
    url = published_article.get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert second["X-Page-Cache"] == "HIT"
    token = page_token(second)
    assert token == page_token(first)  # every reader of the copy shares it
    for n in range(4):
        client.cookies.clear()
        post(client, published_article,
             comment_data(token=token, author_email=f"bot{n}@example.com",
                          body=f"Buy now {n}"), ip=f"203.0.113.{n}")  # fmt: skip
    signals = [c.form_signals for c in Comment.objects.all()]
    assert len(signals) == 4 and all(
        s["time_trap"] == "unknown" and s["seconds_to_submit"] is None for s in signals
    )


def test_a_readers_token_is_fresh_once_then_replayed(
    client, published_article, comment_data
):
    token = aged_token(seconds_ago=30, nonce="1234123412341234")
    post(client, published_article, comment_data(token=token, body="One"))
    post(client, published_article,
         comment_data(token=token, body="Two", author_email="b@example.com"),
         ip="203.0.113.77")  # fmt: skip
    assert [c.form_signals["time_trap"] for c in Comment.objects.order_by("pk")] == [
        "fresh",
        "replayed",
    ]


def test_a_page_token_posted_at_once_is_not_too_fast(
    client, published_article, comment_data
):
    post(client, published_article, comment_data(token=aged_token(0, kind="page")))
    assert Comment.objects.get().status != Comment.Status.SPAM


def test_a_readers_token_posted_at_once_is_too_fast(
    client, published_article, comment_data
):
    post(client, published_article, comment_data(token=aged_token(0)))
    assert Comment.objects.get().hold_reason.startswith("submitted")


def test_the_token_view_gives_each_reader_a_token_no_cache_keeps(
    client, db, page_cache
):
    responses = [client.get(reverse("comments:token")) for _ in range(2)]
    tokens = [read_form_token(r.json()["token"]) for r in responses]
    assert tokens[0]["n"] != tokens[1]["n"] and tokens[0]["k"] == READER_TOKEN
    assert "no-store" in responses[1]["Cache-Control"]


def test_the_form_says_where_to_fetch_its_token(client, published_article):
    response = client.get(published_article.get_absolute_url())
    assert f'data-token-url="{reverse("comments:token")}"' in response.text
    assert "js/comment-form" in response.text
