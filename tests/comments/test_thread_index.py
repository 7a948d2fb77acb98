"""A page of comment threads is read through a partial index of top-level comments."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.threads import thread_page
from tests.comments.factories import make_comment

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's plans and pg_indexes"
)


def explain(sql):
    with connection.cursor() as cursor:
        # An empty test table is cheaper to scan than any index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
def test_roots_index_holds_only_top_level_comments(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'comment_roots_page_idx'"
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith(
        "(article_id, status, created_at, id) WHERE (parent_id IS NULL)"
    )


@postgres_only
def test_thread_page_queries_use_the_roots_index(published_article):
    make_comment(published_article)
    with CaptureQueriesContext(connection) as captured:
        thread_page(published_article, 1, [])
    count, page = captured.captured_queries[:2]
    plans = [explain(q["sql"]) for q in (count, page)]
    assert all("comment_roots_page_idx" in plan for plan in plans)
