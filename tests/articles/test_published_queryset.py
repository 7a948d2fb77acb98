from datetime import timedelta
from unittest import mock

from django.utils import timezone

from articles.models import Article
from tests.factories import make_article


def test_published_article_is_visible(db):
    article = make_article()
    assert list(Article.objects.published()) == [article]


def test_draft_is_not_published(db):
    make_article(status=Article.Status.DRAFT)
    assert not Article.objects.published().exists()


def test_article_in_review_is_not_published(db):
    make_article(status=Article.Status.REVIEW)
    assert not Article.objects.published().exists()


def test_unpublished_article_is_not_published(db):
    make_article(status=Article.Status.UNPUBLISHED)
    assert not Article.objects.published().exists()


def test_scheduled_article_is_not_published_yet(db):
    make_article(published_at=timezone.now() + timedelta(hours=1))
    assert not Article.objects.published().exists()


def test_scheduled_article_appears_at_its_time_without_any_job(db):
    at = timezone.now() + timedelta(hours=1)
    article = make_article(published_at=at)
    with mock.patch(
        "django.utils.timezone.now", return_value=at + timedelta(seconds=1)
    ):
        assert list(Article.objects.published()) == [article]


def test_publishing_without_a_time_sets_it_to_now(db):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert timezone.now() - article.published_at < timedelta(seconds=5)


def test_first_published_time_survives_republication(db):
    article = make_article()
    first = article.first_published_at
    article.status = Article.Status.UNPUBLISHED
    article.save()
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    article.save()
    assert article.first_published_at == first


def test_rescheduling_before_going_live_moves_first_published_time(db):
    article = make_article(published_at=timezone.now() + timedelta(days=1))
    later = timezone.now() + timedelta(days=2)
    article.published_at = later
    article.save()
    assert article.first_published_at == later
