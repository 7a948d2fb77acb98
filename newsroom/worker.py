"""The task worker, made to outlive its database connection.

django-tasks-db's own worker exits on the first database error outside a
task (PostgreSQL restarted, its connection killed: marking the task failed
fails on the same dead connection), and the task it had claimed stays
"running" for ever. This one:

* reconnects and carries on after a lost connection, waiting a little
  longer each time the database is still away (at most MAX_BACKOFF);
* puts a task that failed on a lost connection back in the queue, up to
  MAX_ATTEMPTS runs in all, instead of marking it failed for good;
* puts back the tasks a dead worker had claimed: its own after a reconnect,
  a crashed worker's on this host at once (its process is gone), and any
  other worker's once claimed for longer than TASKS_CLAIM_TIMEOUT.

Worker ids are "<host>:<pid>:<random>", so a worker can tell that another
on its own host has died.
"""

import contextlib
import logging
import os
import socket
import time
from datetime import timedelta

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string

logger = logging.getLogger("newsroom.worker")

# A connection lost or refused; not a bug in the task or the query.
CONNECTION_ERRORS = (OperationalError, InterfaceError)
MAX_BACKOFF = 30.0  # seconds between reconnection attempts, at most
MAX_ATTEMPTS = 5  # runs of one task cut short by a lost connection
RECOVER_EVERY = 60.0  # seconds between looks for abandoned claims


def new_worker_id() -> str:
    host = socket.gethostname()[:40]
    return f"{host}:{os.getpid()}:{get_random_string(12)}"


def _process_gone(worker_id: str) -> bool:
    """True when `worker_id` ran on this host and its process has ended."""
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # an earlier run of this process id: a restarted container
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, under another user
    return False


def _close_connections() -> None:
    for conn in connections.all(initialized_only=True):
        # Already dead: closing is all that was wanted.
        with contextlib.suppress(*CONNECTION_ERRORS):
            conn.close()


class ResilientWorker(Worker):
    """django-tasks-db's worker with reconnection and recovery of claims."""

    def run(self) -> None:
        logger.info("Task worker %s started", self.worker_id)
        backoff = 1.0
        recovered_at = float("-inf")
        while self.running:
            try:
                if time.monotonic() - recovered_at >= RECOVER_EVERY:
                    requeue_abandoned(self.backend_name, self.worker_id)
                    recovered_at = time.monotonic()
                task_result = self.claim_next()
                if task_result is not None:
                    self.run_task(task_result)
                backoff = 1.0
            except CONNECTION_ERRORS:
                if not self.running:
                    return
                logger.exception(
                    "Task worker lost the database; reconnecting in %.0f s", backoff
                )
                _close_connections()
                time.sleep(backoff)  # a signal here ends the worker at once
                backoff = min(backoff * 2, MAX_BACKOFF)
                recovered_at = float("-inf")  # own claims go back first
                continue
            if self.batch and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def claim_next(self) -> DBTaskResult | None:
        """Lock and claim the next ready task (SKIP LOCKED), or None."""
        _close_stale_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return None  # SQLite busy: try again next round
            raise

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if _failed_on_connection(db_task_result):
            if len(db_task_result.worker_ids) < MAX_ATTEMPTS:
                logger.warning(
                    "Task %s lost the database; queued again", db_task_result.id
                )
                _requeue(db_task_result.pk, db_task_result.started_at)
            _close_connections()  # the one the task used may be dead


def _close_stale_connections() -> None:
    # What Django does around each request: drop a connection that is
    # broken or past CONN_MAX_AGE, so the next query opens a fresh one.
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()


def _failed_on_connection(db_task_result: DBTaskResult) -> bool:
    if db_task_result.status != TaskResultStatus.FAILED:
        return False
    try:
        error = import_string(db_task_result.exception_class_path)
    except ImportError:
        return False
    return isinstance(error, type) and issubclass(error, CONNECTION_ERRORS)


def _requeue(pk, started_at) -> int:
    """Back to READY, unless someone else changed the row meanwhile."""
    return DBTaskResult.objects.filter(
        pk=pk,
        status__in=[TaskResultStatus.RUNNING, TaskResultStatus.FAILED],
        started_at=started_at,
    ).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        exception_class_path="",
        traceback="",
    )


def requeue_abandoned(backend_name: str, worker_id: str) -> int:
    """Put back tasks whose worker died (or was this one before a reconnect)."""
    stale_before = timezone.now() - timedelta(seconds=settings.TASKS_CLAIM_TIMEOUT)
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    count = 0
    for row in running.only("id", "worker_ids", "started_at"):
        owner = row.worker_ids[-1] if row.worker_ids else ""
        abandoned = (
            owner == worker_id
            or _process_gone(owner)
            or (row.started_at is not None and row.started_at < stale_before)
        )
        if abandoned and _requeue(row.pk, row.started_at):
            logger.warning(
                "Task %s abandoned by worker %s; queued again", row.pk, owner
            )
            count += 1
    return count
