import xml.etree.ElementTree as ET
from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def locs(client, url):
    root = ET.fromstring(client.get(url).content)
    return [el.text for el in root.findall(".//sm:loc", NS)]


def test_sitemap_index_lists_each_kind(client, published_article):
    assert locs(client, "/sitemap.xml") == [
        "http://127.0.0.1:8000/sitemap-articles.xml",
        "http://127.0.0.1:8000/sitemap-sections.xml",
        "http://127.0.0.1:8000/sitemap-authors.xml",
    ]


def test_article_sitemap_has_published_articles_with_lastmod(client, published_article):
    make_article(status=Article.Status.DRAFT)
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)
    urls = [(u.findtext("sm:loc", namespaces=NS), u.findtext("sm:lastmod", namespaces=NS))
            for u in root.findall("sm:url", NS)]  # fmt: skip
    today = timezone.localdate().isoformat()
    assert urls == [("http://127.0.0.1:8000/news/world/talks-resume-in-geneva/", today)]


def test_section_and_author_sitemaps(client, published_article):
    assert locs(client, "/sitemap-sections.xml") == [
        "http://127.0.0.1:8000/section/world/"
    ]
    assert locs(client, "/sitemap-authors.xml") == [
        "http://127.0.0.1:8000/authors/jane-doe/"
    ]


def test_news_sitemap_has_only_the_last_two_days(client, published_article):
    make_article(published_at=timezone.now() - timedelta(days=3))
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    titles = [el.text for el in root.findall(".//news:title", NS)]
    assert titles == ["Talks resume in Geneva"]


def test_news_sitemap_names_the_publication(client, published_article):
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    assert (
        root.findtext(".//news:publication/news:name", namespaces=NS)
        == "The Daily Ledger"
    )


def test_news_sitemap_is_capped_at_its_limit(client, db, monkeypatch):
    from articles.sitemaps import NewsSitemap

    assert NewsSitemap.limit == 1000
    monkeypatch.setattr(NewsSitemap, "limit", 2)
    for _ in range(3):
        make_article()
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    assert len(root.findall("sm:url", NS)) == 2


def test_robots_txt_names_both_sitemaps(client, db):
    text = client.get("/robots.txt").text
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text
    assert "Sitemap: http://127.0.0.1:8000/news-sitemap.xml" in text
