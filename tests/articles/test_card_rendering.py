"""Article cards are kept per process until content changes."""

import time
from unittest import mock

import pytest

from articles.models import Article
from articles.templatetags.articles import article_card
from newsroom import pagecache


@pytest.fixture(autouse=True)
def shared_cache(settings, monkeypatch):
    # One test process: its memory cache is as shared as Redis would be.
    settings.CACHE_IS_SHARED = True
    # Tests never commit; run the invalidation as the commit would.
    monkeypatch.setattr("newsroom.pagecache.transaction.on_commit", lambda fn: fn())


def card(article_id, **options):
    article = Article.objects.for_listing().get(pk=article_id)
    return article_card(article, **options)


def test_an_edited_headline_shows(published_article):
    assert "Talks resume in Geneva" in card(published_article.pk)
    published_article.headline = "Talks collapse in Geneva"
    published_article.save()
    assert "Talks collapse in Geneva" in card(published_article.pk)


def test_a_renamed_author_shows(published_article, author):
    assert "Jane Doe" in card(published_article.pk)
    author.name = "Jane Roe"
    author.save()
    assert "Jane Roe" in card(published_article.pk)


def test_a_new_comment_count_shows(published_article):
    card(published_article.pk)
    Article.objects.filter(pk=published_article.pk).update(comment_count=3)
    assert "3 comments" in card(published_article.pk)


def test_options_are_part_of_the_key(published_article):
    assert "<h3" in card(published_article.pk)
    assert "<h2" in card(published_article.pk, heading="h2")


def test_a_change_elsewhere_shows_after_the_recheck(published_article, settings):
    card(published_article.pk)
    # Another process saved the article: only the shared cache knows.
    Article.objects.filter(pk=published_article.pk).update(headline="Changed there")
    pagecache.cache.set(pagecache.GENERATION_KEY, "from-another-worker")
    later = time.monotonic() + settings.PAGE_CACHE_RECHECK_SECONDS + 0.5
    with mock.patch("time.monotonic", return_value=later):
        assert "Changed there" in card(published_article.pk)


def test_without_a_cache_cards_are_rendered_each_time(published_article, settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.comments.broken_cache.BrokenCache"}
    }
    card(published_article.pk)
    Article.objects.filter(pk=published_article.pk).update(headline="Fresh")
    assert "Fresh" in card(published_article.pk)


def test_each_process_with_its_own_cache_renders_every_time(
    published_article, settings
):
    """make serve without Redis: five workers, five caches; none may keep cards."""
    settings.CACHE_IS_SHARED = False
    card(published_article.pk)
    Article.objects.filter(pk=published_article.pk).update(headline="Seen at once")
    assert "Seen at once" in card(published_article.pk)
