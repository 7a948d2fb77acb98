"""Article cards show each change at once (nothing is kept per process)."""

from django.template import engines

from articles.models import Article

CARD = '{% from "partials/_article_card.html" import card %}{{ card(a, **o) }}'


def card(article_id, **options):
    article = Article.objects.for_listing().get(pk=article_id)
    return engines["jinja2"].from_string(CARD).render({"a": article, "o": options})


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
