"""Whole-page cache for anonymous readers, in the shared cache (Redis).

Why whole pages: a reader page is the same for every anonymous visitor (no
CSRF token, no nonce, no per-person parts), so one stored response serves
them all with no database work at all.

Exact invalidation: every stored page carries the content *generation* it was
rendered in. Any change a reader could see (an article, section, author, tag,
image or page saved or deleted) starts a new generation (`content_changed`),
so every older page is stale at once. A stale page is re-rendered by the
first request that finds it; while that one request renders, the others get
the stale copy for at most PAGE_CACHE_LOCK_SECONDS (no stampede on a hot
story). A page also goes stale when the next scheduled article's publish time
arrives, so scheduled stories appear on time with no cron job.

Comments are different: on a busy story one is approved every few seconds,
and each shows on its article and, as a count, on every card of it. A new
generation per comment would keep the whole site uncached. So a comment
change only records *when* it happened (`comment_changed`); a page rendered
before that is kept for at most PAGE_CACHE_COMMENT_DELAY seconds after its
render, then rendered again: each page is rendered at most once per delay,
however many comments arrive, and a comment shows within the delay.

Per-person requests (a session, a flash message, the commenter's own held
comments, saved commenter details) are never served from or stored in it.
"""

import logging
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from .routers import use_primary

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
COMMENTS_CHANGED_KEY = "pagecache:comments-changed"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
# Cookies that make a page personal: never cached for such a request.
PERSONAL_COOKIES = (
    "messages",
    "own_comments",
    "commenter",
    "comment_draft",
    "primary_until",
)  # see comments.cookies and comments.drafts
# Headers set below this middleware; those above it are added again on replay.
STORED_HEADERS = (
    "Content-Type", "Content-Encoding", "Content-Language",
    "Content-Security-Policy", "ETag", "Vary", "X-Frame-Options",
)  # fmt: skip


@contextmanager
def cache_errors_ignored():
    """A cache outage must never become an error page.

    django-redis already swallows its connection errors; this covers any
    other cache backend, whose client raises its own error types (hence the
    broad catch). The page is then rendered as if nothing were cached.
    """
    try:
        yield
    except Exception:
        logger.exception("Page cache unavailable; rendering without it")


def current_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or the cache lost it: a fresh one makes old pages stale.
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY) or generation
    return generation


def new_generation() -> None:
    """Everything cached so far is stale (reader-visible content changed)."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, timeout=None)
    cache.delete(NEXT_PUBLISH_KEY)


def comments_changed() -> None:
    """Pages rendered before now go stale within PAGE_CACHE_COMMENT_DELAY."""
    cache.set(COMMENTS_CHANGED_KEY, time.time(), timeout=None)


def is_fresh(entry, generation, comments_changed_at) -> bool:
    now = time.time()
    return (
        entry["generation"] == generation
        and now < entry["expires"]
        and (
            entry.get("rendered_at", 0.0) >= (comments_changed_at or 0.0)
            or now - entry.get("rendered_at", 0.0) < settings.PAGE_CACHE_COMMENT_DELAY
        )
    )


# Callables the apps register, each returning when the next change readers
# will see happens by itself (a scheduled article going live, a front-page
# pin expiring), or None.
timed_changes: list[Callable[[], datetime | None]] = []


def next_timed_change() -> float:
    """When the next timed change happens (a timestamp; inf if none)."""
    cached = cache.get(NEXT_PUBLISH_KEY)
    if cached is not None and cached > time.time():
        return cached
    times = [t for t in (f() for f in timed_changes) if t]
    value = min(t.timestamp() for t in times) if times else float("inf")
    cache.set(NEXT_PUBLISH_KEY, value, timeout=60)
    return value


def is_personal(request) -> bool:
    return has_personal_cookie(request.COOKIES)


def has_personal_cookie(cookie_names) -> bool:
    return settings.SESSION_COOKIE_NAME in cookie_names or any(
        c in cookie_names for c in PERSONAL_COOKIES
    )


# Query parameters that change what a page shows; a request with any other
# (tracking tags, cache busters) is rendered but never stored.
PAGE_PARAMETERS = {"page", "q", "cpage", "replyto"}


def may_be_cached(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not is_personal(request)
        and not request.path_info.startswith((f"/{settings.ADMIN_URL}", "/healthz"))
        and set(request.GET) <= PAGE_PARAMETERS
    )


def _key(request) -> str:
    """Everything a page depends on: pages build absolute URLs (canonical,
    Open Graph, JSON-LD, feeds) from the scheme and host; the query is
    reduced to the parameters pages read, in a fixed order; a compressed and
    a plain copy are kept apart."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    encoding = (
        "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity"
    )
    return (
        f"pagecache:page:{request.scheme}://{request.get_host()}"
        f"{request.path}?{query}:{encoding}"
    )


def mark_public(response) -> None:
    """Headers for shared caches: a short life, then revalidate (ETag)."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ["Cookie"])


def mark_private(response) -> None:
    patch_cache_control(response, private=True, no_cache=True)


class PageCacheMiddleware:
    """Serves and stores whole anonymous pages; sets HTTP cache headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_be_cached(request):
            return self._render(request)
        key, generation = _key(request), None
        with cache_errors_ignored():
            # One round trip on a hit.
            found = cache.get_many([key, GENERATION_KEY, COMMENTS_CHANGED_KEY])
            entry, generation = found.get(key), found.get(GENERATION_KEY)
            generation = generation or current_generation()
            if entry and is_fresh(entry, generation, found.get(COMMENTS_CHANGED_KEY)):
                return self._replay(entry, "HIT")
            lock = cache.add(f"{key}:lock", 1, timeout=settings.PAGE_CACHE_LOCK_SECONDS)
            if entry and not lock:
                return self._replay(entry, "STALE")  # another request renders it
        # A fill reads the primary: a lagging replica would store the old
        # content under the new generation until PAGE_CACHE_TIMEOUT.
        token = use_primary.set(True)
        try:
            return self._fill(request, key, generation)
        finally:
            use_primary.reset(token)

    def _fill(self, request, key, generation):
        rendered_at = time.time()
        response = self._render(request)
        with cache_errors_ignored():
            if self._storable(response) and generation:
                self._store(key, generation, rendered_at, response)
                response["X-Page-Cache"] = "MISS"
            else:
                # Gone or failing now (unpublished, 404): no stale copy may
                # be served in its place.
                cache.delete(key)
            cache.delete(f"{key}:lock")
        return response

    def _render(self, request):
        response = self.get_response(request)
        self._set_headers(request, response)
        return response

    def _store(self, key, generation, rendered_at, response) -> None:
        expires = min(time.time() + settings.PAGE_CACHE_TIMEOUT, next_timed_change())
        # Hashed once here, not on every hit by ConditionalGetMiddleware
        # (a tenth of a hit's time for an article page).
        set_response_etag(response)
        entry = {
            "generation": generation,
            "rendered_at": rendered_at,
            "expires": expires,
            "status": response.status_code,
            "content": response.content,
            "headers": {h: response[h] for h in STORED_HEADERS if h in response},
        }
        cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)

    def _replay(self, entry, state) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        # CommonMiddleware, below this one, would have set it on a render.
        response["Content-Length"] = str(len(response.content))
        mark_public(response)
        response["X-Page-Cache"] = state
        return response

    def _storable(self, response) -> bool:
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and response.get("Content-Type", "").startswith(
                ("text/html", "application/")
            )
        )

    def _set_headers(self, request, response) -> None:
        if (
            response.has_header("Cache-Control")
            and "max-age" in response["Cache-Control"]
        ):
            return  # the view decided (never_cache, static, media)
        shareable = (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not is_personal(request)
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )
        if shareable:
            mark_public(response)
        else:
            mark_private(response)


def content_changed(sender=None, **kwargs) -> None:
    """Signal receiver: something readers see was saved or deleted.

    After the commit: a request rendering in between would otherwise store
    the old content under the new generation.
    """
    transaction.on_commit(new_generation)


def comment_changed() -> None:
    """A public comment appeared, changed or went (see the module docstring)."""
    transaction.on_commit(comments_changed)
