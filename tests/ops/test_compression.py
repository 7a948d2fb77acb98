"""HTML, feeds and sitemaps are gzipped when the client accepts it; what is
compressed already is left alone."""

import gzip

from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.middleware import TextGZipMiddleware


def test_a_page_is_gzipped_for_a_client_that_accepts_it(client, published_article):
    url = published_article.get_absolute_url()
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)
    assert (
        zipped["Content-Encoding"],
        "Accept-Encoding" in zipped["Vary"],
        b"<h1" in gzip.decompress(zipped.content),
        plain.has_header("Content-Encoding"),
    ) == ("gzip", True, True, False)


def test_the_feed_is_gzipped(client, published_article):
    response = client.get("/feeds/latest/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_an_image_is_not_compressed_again():
    request = RequestFactory().get("/media/a.jpg", HTTP_ACCEPT_ENCODING="gzip")
    image = HttpResponse(b"\xff\xd8" + b"\0" * 5000, content_type="image/jpeg")
    response = TextGZipMiddleware(lambda r: image)(request)
    assert not response.has_header("Content-Encoding")
