"""The seams an outside review found in the page cache: its key names
everything a page depends on, and a fill reads the primary."""

import gzip
import re

import pytest

from newsroom import routers


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def canonical(response) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', response.text).group(1)


@pytest.mark.parametrize("first", [True, False])
def test_http_and_https_never_share_a_page(client, published_article, first):
    """Behind a TLS proxy an HTTPS reader was served a page whose canonical
    link said http://; each scheme now has its own copy."""
    url = published_article.get_absolute_url()
    client.get(url, secure=first)
    second = client.get(url, secure=not first)
    scheme = "http" if first else "https"
    assert canonical(second).startswith(f"{scheme}://")


def test_each_host_has_its_own_page(client, published_article, settings):
    settings.ALLOWED_HOSTS = ["news.example", "www.news.example"]
    url = published_article.get_absolute_url()
    client.get(url, HTTP_HOST="news.example")
    other = client.get(url, HTTP_HOST="www.news.example")
    again = client.get(url, HTTP_HOST="news.example")
    assert (other["X-Page-Cache"], again["X-Page-Cache"]) == ("MISS", "HIT")


def test_the_order_of_read_parameters_does_not_matter(client, published_article):
    url = published_article.get_absolute_url()
    client.get(f"{url}?cpage=1&page=2")
    assert client.get(f"{url}?page=2&cpage=1")["X-Page-Cache"] == "HIT"


def test_a_page_of_search_results_is_its_own_page(client, published_article):
    client.get("/search/?q=geneva")
    other = client.get("/search/?q=treaty")
    assert (other["X-Page-Cache"], "treaty" in other.text) == ("MISS", True)


def test_compressed_and_plain_copies_are_kept_apart(client, published_article):
    url = published_article.get_absolute_url()
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(url)
    zipped_hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert (
        zipped["Content-Encoding"],
        plain.has_header("Content-Encoding"),
        plain["X-Page-Cache"],
        zipped_hit["X-Page-Cache"],
        gzip.decompress(zipped_hit.content) == gzip.decompress(zipped.content),
        plain.content.lower().startswith(b"<!doctype html>"),
    ) == ("gzip", False, "MISS", "HIT", True, True)


class SpyRouter:
    """Records, for each read, whether the replica router would pick the primary."""

    reads: list[bool] = []

    def db_for_read(self, model, **hints):
        self.reads.append(routers.use_primary.get())
        return None  # the default database, as in these tests


@pytest.fixture
def spy_router(settings):
    SpyRouter.reads = []
    settings.DATABASE_ROUTERS = ["tests.ops.test_page_cache_seams.SpyRouter"]
    return SpyRouter


def test_a_cache_fill_reads_the_primary(client, published_article, spy_router):
    """A replica behind the primary would otherwise store the old content
    under the new generation."""
    client.get(published_article.get_absolute_url())
    assert spy_router.reads and all(spy_router.reads)


def test_a_page_that_is_not_stored_may_read_the_replica(
    client, published_article, spy_router
):
    client.get(published_article.get_absolute_url() + "?utm_source=feed")
    assert spy_router.reads and not any(spy_router.reads)


def test_the_site_runs_djangos_own_wsgi_handler():
    """No per-worker page copies in front of Django (their eviction order
    dropped the most-read page); one shared page cache and the edge."""
    from django.core.handlers.wsgi import WSGIHandler

    from newsroom.wsgi import application

    assert type(application) is WSGIHandler


def test_the_etag_is_stored_with_the_page(client, published_article):
    """Hashed once at the fill, not again on every hit."""
    from django.core.cache import cache
    from django.test import RequestFactory

    from newsroom.pagecache import _key

    url = published_article.get_absolute_url()
    miss = client.get(url)
    entry = cache.get(_key(RequestFactory().get(url)))
    hit = client.get(url, HTTP_IF_NONE_MATCH=miss["ETag"])
    assert (entry["headers"]["ETag"], hit.status_code) == (miss["ETag"], 304)
