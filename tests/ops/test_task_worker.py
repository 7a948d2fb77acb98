"""newsroom.worker: claims of dead workers go back in the queue. (Lost
connections and crashes against real PostgreSQL: tests/faults.)"""

import runpy
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django_tasks_db.models import DBTaskResult, get_date_max

from django.utils import timezone

from newsroom.worker import requeue_abandoned

ROOT = Path(__file__).resolve().parents[2]

HOST = socket.gethostname()[:40]


def claimed(worker_id: str, *, minutes_ago: float = 0) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        args_kwargs={"args": ["x"], "kwargs": {}},
        task_path="tests.faults.tasks.note",
        worker_ids=[worker_id],
        backend_name="default",
        run_after=get_date_max(),
    )


def ended_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def statuses(*rows) -> list[str]:
    return [DBTaskResult.objects.get(pk=row.pk).status for row in rows]


def test_a_claim_of_a_worker_whose_process_ended_is_queued_again(db):
    row = claimed(f"{HOST}:{ended_pid()}:abc")
    requeue_abandoned("default", f"{HOST}:1:me")
    assert statuses(row) == ["READY"]


def test_own_claims_are_queued_again_after_a_reconnect(db):
    row = claimed(f"{HOST}:1:me")
    requeue_abandoned("default", f"{HOST}:1:me")
    assert statuses(row) == ["READY"]


def test_claims_elsewhere_wait_for_the_claim_timeout(db, settings):
    settings.TASKS_CLAIM_TIMEOUT = 600
    recent = claimed("other-host:123:abc", minutes_ago=1)
    old = claimed("other-host:123:def", minutes_ago=11)
    requeue_abandoned("default", f"{HOST}:1:me")
    assert statuses(recent, old) == ["RUNNING", "READY"]


def test_each_gunicorn_gets_its_own_control_socket(monkeypatch):
    paths = []
    for bind in ("127.0.0.1:8000", "127.0.0.1:8123"):
        monkeypatch.setenv("GUNICORN_BIND", bind)
        monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
        paths.append(runpy.run_path(str(ROOT / "gunicorn.conf.py"))["control_socket"])
    assert len(set(paths)) == 2
