"""One open alert per kind, however many failing checks record it at once."""

import threading

import pytest

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from comments.akismet import record_key_problem
from comments.models import ServiceAlert


def test_a_second_open_alert_of_the_same_kind_is_refused(db):
    ServiceAlert.objects.create(service="akismet", code="invalid-key", message="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceAlert.objects.create(service="akismet", code="invalid-key", message="b")


def test_a_resolved_alert_does_not_block_a_new_one(db):
    ServiceAlert.objects.create(
        service="akismet", code="invalid-key", message="a", resolved_at=timezone.now()
    )
    record_key_problem("the key is wrong again")
    assert ServiceAlert.objects.filter(resolved_at=None).count() == 1


def test_recording_the_same_problem_again_keeps_one_alert(db):
    record_key_problem("the API key or site URL is invalid")
    record_key_problem("the API key or site URL is invalid")
    assert ServiceAlert.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections (PostgreSQL); SQLite serialises writers",
)
def test_two_invalid_key_answers_at_once_open_one_alert(transactional_db):
    barrier = threading.Barrier(4)
    errors = []

    def record():
        try:
            barrier.wait()
            record_key_problem("the API key or site URL is invalid")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (errors, ServiceAlert.objects.count()) == ([], 1)
