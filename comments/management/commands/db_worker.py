"""`manage.py db_worker`: django-tasks-db's worker, made to survive a lost
database connection and to take back the tasks a dead worker had claimed
(newsroom.worker). Same options as the original."""

from django_tasks_db.management.commands import db_worker

from django.core.management.base import CommandError
from django.utils.autoreload import run_with_reloader

from newsroom.worker import ResilientWorker, new_worker_id


class Command(db_worker.Command):
    help = "Run the database task worker (reconnects; recovers abandoned tasks)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # "<host>:<pid>:<random>" by default, so a dead worker can be told.
        parser.set_defaults(worker_id=None)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name,
               startup_delay, reload, max_tasks, worker_id, exclude_queues,
               **options):  # fmt: skip
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id or new_worker_id(),
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        if reload and not batch:
            run_with_reloader(worker.run)
        else:
            worker.run()
