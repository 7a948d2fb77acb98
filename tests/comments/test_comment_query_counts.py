"""The article page's query count does not grow with its comments."""

import pytest

from django.core.signing import get_cookie_signer
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.comments.factories import make_comment


def bulk_comments(article, n, replies_per_thread=1):
    roots = Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"R{i}",
            author_email=f"r{i}@example.com",
            body=f"Comment {i}",
            status=Comment.Status.APPROVED,
        )  # fmt: skip
        for i in range(n)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=root,
            thread=root,
            depth=1,
            author_name="Re",
            author_email="re@example.com",
            body="Reply",
            status=Comment.Status.APPROVED,
        )  # fmt: skip
        for root in roots
        for _ in range(replies_per_thread)
    )


def queries_for(client, url):
    client.get(url)  # warm per-process caches (Site)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("count", [0, 50])
def test_few_comments_page_budget(
    client, published_article, count, django_assert_num_queries
):
    bulk_comments(published_article, count)
    client.get(published_article.get_absolute_url())
    # article, bylines, tags, nav, related, comment count; then roots, replies
    with django_assert_num_queries(6 if count == 0 else 8):
        client.get(published_article.get_absolute_url())


def test_same_queries_with_10_and_1000_comments(client, db):
    from tests.factories import make_article

    small, big = make_article(), make_article()
    bulk_comments(small, 10)
    bulk_comments(big, 1000)
    assert queries_for(client, small.get_absolute_url()) == queries_for(
        client, big.get_absolute_url()
    )


def test_own_held_comments_add_no_queries(client, published_article, comment_data):
    bulk_comments(published_article, 20)
    before = queries_for(client, published_article.get_absolute_url())
    held = make_comment(published_article, status=Comment.Status.PENDING)

    client.cookies["own_comments"] = get_cookie_signer(salt="own_comments").sign(
        str(held.pk)
    )
    assert queries_for(client, published_article.get_absolute_url()) == before
