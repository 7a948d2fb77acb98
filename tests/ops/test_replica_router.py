"""Reader pages read from the replica; writes, admin and recent writers use the primary."""

import time

import pytest

from django.conf import settings
from django.db import connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from newsroom.routers import (
    STICKY_COOKIE,
    PrimaryReplicaRouter,
    needs_primary,
    use_primary,
)
from tests.factories import make_article

rf = RequestFactory()


def test_anonymous_reader_page_reads_the_replica():
    assert not needs_primary(rf.get("/section/world/"))


@pytest.mark.parametrize(
    "make_request",
    [
        lambda: rf.post("/comments/post/1/"),
        lambda: rf.get("/admin/articles/"),
        lambda: rf.get("/preview/3/"),
        lambda: rf.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc"),
        lambda: rf.get("/", HTTP_COOKIE=f"{STICKY_COOKIE}={time.time() + 5}"),
    ],
    ids=["write", "admin", "preview", "logged-in", "just-wrote"],
)
def test_these_requests_read_the_primary(make_request):
    assert needs_primary(make_request())


def test_an_expired_sticky_cookie_reads_the_replica():
    assert not needs_primary(
        rf.get("/", HTTP_COOKIE=f"{STICKY_COOKIE}={time.time() - 1}")
    )


def test_router_sends_reads_by_context_and_writes_to_primary():
    router = PrimaryReplicaRouter()
    token = use_primary.set(True)
    try:
        primary_read = router.db_for_read(None)
    finally:
        use_primary.reset(token)
    assert (router.db_for_read(None), primary_read, router.db_for_write(None)) == (
        "replica",
        "default",
        "default",
    )


def test_migrations_run_on_the_primary_only():
    router = PrimaryReplicaRouter()
    assert (
        router.allow_migrate("default", "articles"),
        router.allow_migrate("replica", "articles"),
    ) == (True, False)


needs_replica = pytest.mark.skipif(
    "replica" not in settings.DATABASES,
    reason="DATABASE_REPLICA_URL not set (CI sets it on PostgreSQL)",
)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reader_page_queries_go_to_the_replica(client):
    article = make_article()
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(replica.captured_queries) > 0


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_comment_post_sets_the_sticky_cookie(client):
    article = make_article()
    response = client.post(f"/comments/post/{article.pk}/", {"body": ""})
    assert STICKY_COOKIE in response.cookies


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_page_cache_fill_reads_the_primary(client, settings):
    """A lagging replica must never be what the page cache stores."""
    settings.PAGE_CACHE_ENABLED = True
    article = make_article()
    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get(article.get_absolute_url())
    assert (response["X-Page-Cache"], len(replica.captured_queries)) == ("MISS", 0)
