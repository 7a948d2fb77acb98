"""Tasks the worker fault checks queue (by their dotted path, in SQL)."""

import time

from django.db import connection
from django.tasks import task


@task(takes_context=True)
def query_after_a_pause(context, seconds: float) -> int:
    """Pauses (the test breaks the connection meanwhile), then queries."""
    if context.attempt == 1:
        time.sleep(seconds)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


@task(takes_context=True)
def hang_the_first_time(context) -> str:
    """Never ends on its first run (the test kills the worker running it)."""
    if context.attempt == 1:
        time.sleep(3600)
    return "done"


@task
def note(label: str) -> str:
    return label
