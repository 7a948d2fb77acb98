"""Two identical POSTs racing each other (a double click) store one comment."""

import threading

import pytest

from django.db import connection, connections

from comments.models import Comment
from comments.services import submit_comment
from comments.spam import CommentContext
from tests.factories import make_article

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections (PostgreSQL); SQLite serialises writers",
)


def test_racing_identical_submissions_store_one_comment(transactional_db):
    article = make_article()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            comment = submit_comment(
                article=article, name="Ann", email="ann@example.com", body="Same words",
                context=CommentContext(ip="198.51.100.7", seconds_to_submit=30),
                submission_key="same-key",
            )  # fmt: skip
            results.append(comment.pk)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (errors, Comment.objects.count(), len(set(results))) == ([], 1, 1)
