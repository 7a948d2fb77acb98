"""Related stories rank only the newest articles sharing a tag."""

from datetime import timedelta

import pytest

from django.utils import timezone

from articles import models
from articles.models import Article
from tests.factories import make_article, make_tag


def hours_ago(n):
    return timezone.now() - timedelta(hours=n)


@pytest.fixture
def window_of_two(monkeypatch):
    monkeypatch.setattr(models, "RELATED_WINDOW", 2)


def test_an_older_article_sharing_more_tags_is_outside_the_window(db, window_of_two):
    a, b = make_tag(), make_tag()
    article = make_article(tags=[a, b])
    make_article(tags=[a, b], published_at=hours_ago(5))
    newer = [make_article(tags=[a], published_at=hours_ago(n)) for n in (2, 3)]
    assert Article.objects.related_to(article) == newer


def test_most_shared_tags_win_inside_the_window(db, window_of_two):
    a, b = make_tag(), make_tag()
    article = make_article(tags=[a, b])
    one = make_article(tags=[a], published_at=hours_ago(2))
    two = make_article(tags=[a, b], published_at=hours_ago(3))
    assert Article.objects.related_to(article) == [two, one]


def test_same_section_fills_up_after_the_window(db, window_of_two):
    tag = make_tag()
    article = make_article(tags=[tag])
    tagged = [make_article(tags=[tag], published_at=hours_ago(n)) for n in (2, 3, 4)]
    same_section = make_article(section=article.section, published_at=hours_ago(5))
    assert Article.objects.related_to(article) == [*tagged[:2], same_section]
