"""Two saves of the same copy racing on real connections: one wins, one is refused."""

import threading

import pytest

from django.db import connection, connections

from articles.models import Article, EditConflict
from tests.factories import make_article

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections (PostgreSQL); SQLite serialises writers",
)


def test_racing_saves_of_one_copy_never_both_land(transactional_db):
    article = make_article(headline="Start")
    barrier = threading.Barrier(4)
    saved, refused, errors = [], [], []

    def save(n):
        try:
            copy = Article.objects.get(pk=article.pk)
            copy.headline = f"Editor {n}"
            barrier.wait()
            copy.save()
            saved.append(n)
        except EditConflict:
            refused.append(n)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = Article.objects.get(pk=article.pk)
    assert (errors, len(saved), len(refused), final.headline, final.version) == (
        [],
        1,
        3,
        f"Editor {saved[0]}",
        2,
    )
