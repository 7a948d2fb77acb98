from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section, make_tag


def hours_ago(n):
    return timezone.now() - timedelta(hours=n)


def related(article):
    return list(Article.objects.related_to(article))


def test_articles_sharing_more_tags_come_first(db):
    a, b = make_tag(), make_tag()
    article = make_article(tags=[a, b])
    one = make_article(tags=[a], published_at=hours_ago(2))
    two = make_article(tags=[a, b], published_at=hours_ago(3))
    assert related(article) == [two, one]


def test_shared_tags_outrank_same_section(db):
    tag = make_tag()
    article = make_article(tags=[tag])
    same_section = make_article(section=article.section, published_at=hours_ago(2))
    tagged = make_article(tags=[tag], published_at=hours_ago(3))
    assert related(article) == [tagged, same_section]


def test_same_section_ordered_newest_first(db):
    article = make_article()
    older = make_article(section=article.section, published_at=hours_ago(5))
    newer = make_article(section=article.section, published_at=hours_ago(2))
    assert related(article) == [newer, older]


def test_unrelated_articles_are_left_out(db):
    article = make_article(tags=[make_tag()])
    make_article(section=make_section(), tags=[make_tag()])
    assert related(article) == []


def test_the_article_itself_and_unpublished_ones_are_left_out(db):
    tag = make_tag()
    article = make_article(tags=[tag])
    make_article(tags=[tag], status=Article.Status.DRAFT)
    make_article(tags=[tag], published_at=timezone.now() + timedelta(hours=1))
    assert related(article) == []


def test_at_most_four_related(db):
    article = make_article()
    for _ in range(6):
        make_article(section=article.section)
    assert len(related(article)) == 4


def test_article_page_shows_you_may_also_like(client, db):
    article = make_article()
    other = make_article(section=article.section, headline="Another story here")
    html = client.get(article.get_absolute_url()).text
    block = html.split("You may also like", 1)[1]
    assert other.headline in block
