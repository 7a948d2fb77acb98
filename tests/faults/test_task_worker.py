"""The task worker (`manage.py db_worker`, newsroom/worker.py) against a real
PostgreSQL: its connection killed mid-task, the database away, the worker
itself killed; and `make serve` (bin/serve) restarting a worker that dies."""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import uuid

import pytest

from tests.faults.conftest import site_environment
from tests.faults.servers import ROOT, end_process, free_port, wait_for

pytestmark = pytest.mark.faults

WORKER = "faults-worker"  # application_name of the worker's connections
TASKS = "tests.faults.tasks"


class WorkerProcess:
    def __init__(self, database_url: str, log_path):
        self.log_path = log_path
        self.env = site_environment(DATABASE_URL=database_url)
        self.proc = None

    def start(self):
        command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2",
                   "--no-startup-delay", "--no-reload"]  # fmt: skip
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        return self

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self):
        self.proc.kill()
        self.proc.wait(timeout=10)

    def stop(self):
        end_process(self.proc, grace=5)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def start_worker(scratch_database, tmp_path):
    workers = []

    def start(url=None) -> WorkerProcess:
        url = url or scratch_database.url_with(application_name=WORKER)
        worker = WorkerProcess(url, tmp_path / f"worker-{len(workers)}.log").start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def enqueue(database, name: str, *args) -> str:
    """A ready task row, as `Task.enqueue()` writes it."""
    task_id = str(uuid.uuid4())
    database.query(
        "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, "
        "args_kwargs, priority, task_path, worker_ids, queue_name, backend_name, "
        "run_after, return_value, exception_class_path, traceback) VALUES "
        "(%s, 'READY', now(), %s, 0, %s, '[]', 'default', 'default', "
        "now() - interval '1 second', 'null', '', '') RETURNING id",
        [task_id, json.dumps({"args": list(args), "kwargs": {}}), f"{TASKS}.{name}"],
    )
    return task_id


def status(database, task_id: str) -> str:
    return database.query(
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id]
    )[0][0]


def wait_for_status(database, task_id, wanted, timeout=30) -> str:
    wait_for(lambda: status(database, task_id) == wanted, timeout=timeout,
             what=f"task {task_id} {wanted}", interval=0.2)  # fmt: skip
    return wanted


def test_a_task_whose_connection_is_killed_runs_again(scratch_database, start_worker):
    worker = start_worker()
    task_id = enqueue(scratch_database, "query_after_a_pause", 2)
    wait_for_status(scratch_database, task_id, "RUNNING")
    scratch_database.terminate_connections()
    final = wait_for_status(scratch_database, task_id, "SUCCESSFUL")
    assert (final, worker.alive()) == ("SUCCESSFUL", True), worker.log()


def test_the_worker_waits_out_a_database_outage(
    scratch_database, postgres_proxy, start_worker
):
    url = scratch_database.url_with(
        port=postgres_proxy.port, connect_timeout=2, application_name=WORKER
    )
    worker = start_worker(url)
    wait_for_status(
        scratch_database, enqueue(scratch_database, "note", "before"), "SUCCESSFUL"
    )
    postgres_proxy.stop()
    try:
        # Long enough for several failed polls and reconnection attempts.
        wait_for(lambda: "lost the database" in worker.log(), timeout=20,
                 what="the worker noticing the outage")  # fmt: skip
    finally:
        postgres_proxy.start()
    task_id = enqueue(scratch_database, "note", "after")
    final = wait_for_status(scratch_database, task_id, "SUCCESSFUL", timeout=60)
    assert (final, worker.alive()) == ("SUCCESSFUL", True), worker.log()


def test_a_task_claimed_by_a_crashed_worker_is_run_by_the_next(
    scratch_database, start_worker
):
    first = start_worker()
    task_id = enqueue(scratch_database, "hang_the_first_time")
    wait_for_status(scratch_database, task_id, "RUNNING")
    first.kill()
    second = start_worker()
    final = wait_for_status(scratch_database, task_id, "SUCCESSFUL")
    assert (final, second.alive()) == ("SUCCESSFUL", True), second.log()


def test_make_serve_restarts_a_worker_that_dies(scratch_database, tmp_path):
    port = free_port()
    env = site_environment(
        DATABASE_URL=scratch_database.url,
        MEDIA_ROOT=str(scratch_database.media_root),
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_CONTROL_SOCKET=str(tmp_path / "gunicorn.ctl"),
    )
    env.pop("TASKS_BACKEND")  # bin/serve chooses it
    log_path = tmp_path / "serve.log"
    with open(log_path, "ab") as log:
        serve = subprocess.Popen(
            ["bin/serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip

    def worker_pids() -> list[int]:
        text = log_path.read_text(errors="replace")
        return [
            int(pid) for pid in re.findall(r"Task worker started \(pid (\d+)\)", text)
        ]

    try:
        (first,) = wait_for(worker_pids, timeout=120, what="bin/serve's task worker")
        os.kill(first, signal.SIGKILL)
        pids = wait_for(lambda: worker_pids() if len(worker_pids()) > 1 else None,
                        timeout=30, what="a restarted task worker")  # fmt: skip
        text = log_path.read_text(errors="replace")
    finally:
        end_process(serve, grace=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(serve.pid, signal.SIGKILL)
    assert (
        pids[0] == first and pids[1] != first,
        f"Serving http://127.0.0.1:{port}/" in text,
    ) == (True, True), text[-3000:]
