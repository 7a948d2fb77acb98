"""Home's featured stories are read through a partial index."""

import pytest

from django.db import connection

from articles.models import Article

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's pg_indexes"
)


def index_definition(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        row = cursor.fetchone()
    return row[0] if row else ""


@postgres_only
def test_featured_index_holds_only_published_featured_articles(db):
    definition = index_definition("article_featured_pub_idx")
    assert definition.endswith(
        "(published_at DESC) WHERE (featured AND ((status)::text = 'published'::text))"
    )


@postgres_only
def test_home_featured_query_can_use_the_featured_index(db):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        query = Article.objects.published().filter(featured=True)[:5]
        plan = query.explain()
    assert "article_featured_pub_idx" in plan
