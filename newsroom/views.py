"""Project-level views: health check, error pages, and media without a web server."""

import logging
import sys
import uuid

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connection, connections
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control, never_cache
from django.views.static import serve

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """503 when the database is down; a cache outage only degrades (still 200).

    Pages still render without the cache (slower), so a load balancer must
    not take every host out of service when Redis fails.
    """
    database, cache_ok = _database_ok(), _cache_ok()
    status = (
        "ok" if database and cache_ok else ("degraded" if database else "unavailable")
    )
    body = {
        "status": status,
        "database": "ok" if database else "error",
        "cache": "ok" if cache_ok else "error",
    }
    return JsonResponse(body, status=200 if database else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return False


def _cache_ok() -> bool:
    # django-redis with IGNORE_EXCEPTIONS answers None instead of raising,
    # so a round trip tells whether the cache really works.
    # A key per probe: concurrent probes must not overwrite each other.
    value = uuid.uuid4().hex
    key = f"healthz:{value}"
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:
        # Any cache client error means "not working"; it is logged.
        logger.exception("Health check: cache unavailable")
        return False


def server_error(request):
    """500 page; a database outage answers 503 at once, with Retry-After."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError):
        # Drop the broken connections: the next request reconnects as soon
        # as the database is back (CONN_HEALTH_CHECKS does the rest).
        for conn in connections.all(initialized_only=True):
            conn.close()
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def serve_media(request, path):
    """Uploaded files when no web server serves them (`make serve`).

    Never HTML: nosniff, and a sandbox CSP should a crafted file get through.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@cache_control(public=True, max_age=86400)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page
    links to; from the static folder, so no collectstatic is needed."""
    path = finders.find("img/favicon.ico")
    if path is None:
        raise Http404("no favicon")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
