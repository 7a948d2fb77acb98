import pytest

from tests.factories import make_article, make_image


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=geneva",
        "/authors/",
        "/feeds/latest/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_reader_pages_render(client, published_article, path):
    assert client.get(path).status_code == 200


def test_article_page_renders_with_lead_image(client, published_article):
    published_article.lead_image = make_image()
    published_article.save()
    make_article(section=published_article.section)
    response = client.get(published_article.get_absolute_url())
    assert b"Talks resume in Geneva" in response.content
