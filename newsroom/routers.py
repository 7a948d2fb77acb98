"""Reader pages read from a replica; writes, admin and a writer's next
requests use the primary (see ReplicaRoutingMiddleware)."""

import time
from contextvars import ContextVar

from django.conf import settings

use_primary: ContextVar[bool] = ContextVar("use_primary", default=False)
STICKY_COOKIE = "primary_until"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return "default" if use_primary.get() else "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def needs_primary(request) -> bool:
    """Writes, admin, previews, logged-in users and recent writers read the primary."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        return True
    path = request.path_info
    if path.startswith((f"/{settings.ADMIN_URL}", "/preview/", "/healthz")):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    try:
        return float(request.COOKIES.get(STICKY_COOKIE, 0)) > time.time()
    except ValueError:
        return False


class ReplicaRoutingMiddleware:
    """Chooses primary or replica for this request; after a write, keeps the
    browser on the primary for REPLICA_STICKY_SECONDS so it sees its change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = use_primary.set(needs_primary(request))
        try:
            response = self.get_response(request)
        finally:
            use_primary.reset(token)
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and "replica" in settings.DATABASES
        ):
            seconds = settings.REPLICA_STICKY_SECONDS
            response.set_cookie(
                STICKY_COOKIE,
                str(time.time() + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
