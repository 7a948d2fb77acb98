"""Search ranks only the newest matches, and says when there were more."""

from datetime import timedelta

import pytest

from django.db import connection
from django.utils import timezone

from articles import models, views
from tests.factories import make_article

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the window is PostgreSQL's"
)


@pytest.fixture
def window_of_two(monkeypatch):
    monkeypatch.setattr(models, "SEARCH_WINDOW", 2)
    monkeypatch.setattr(views, "SEARCH_WINDOW", 2)


def hours_ago(n):
    return timezone.now() - timedelta(hours=n)


def search(client, q):
    return client.get("/search/", {"q": q})


@postgres_only
def test_a_better_match_older_than_the_window_is_left_out(client, db, window_of_two):
    make_article(headline="Harbour harbour harbour", published_at=hours_ago(5))
    newer = [
        make_article(body=f"<p>The harbour {n}.</p>", published_at=hours_ago(n))
        for n in (2, 3)
    ]
    results = search(client, "harbour").context["page_obj"].object_list
    assert sorted(a.pk for a in results) == sorted(a.pk for a in newer)


@postgres_only
def test_the_window_is_ranked_best_first(client, db, window_of_two):
    make_article(body="<p>The harbour.</p>", published_at=hours_ago(2))
    best = make_article(headline="Harbour", published_at=hours_ago(3))
    results = search(client, "harbour").context["page_obj"].object_list
    assert results[0] == best


def test_more_matches_than_the_window_says_more_than(client, db, window_of_two):
    for _ in range(3):
        make_article(headline="Harbour news")
    summary = search(client, "harbour").text
    assert "More than 2 results for “harbour”" in summary


def test_fewer_matches_than_the_window_are_counted_exactly(client, db, window_of_two):
    make_article(headline="Harbour news")
    assert "1 result for “harbour”" in search(client, "harbour").text
