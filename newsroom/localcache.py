"""Each worker's own copies of its most-read cached pages, served before
Django's request handling.

A page-cache hit through Django still pays for the request object, the whole
middleware stack, a Redis round trip for the full page and an ETag over it:
under a traffic spike that is most of a worker's time. Here a worker keeps
the finished response (every header the stack added, body, ETag) of pages it
served from or stored in the shared cache, and answers the same request for
it directly. Whether those copies are still current is asked of the shared
cache (two small keys) at most every PAGE_CACHE_RECHECK_SECONDS, so a change
made anywhere shows within that bound on top of newsroom.pagecache's own.

Only requests the page cache would serve to anyone qualify (the same rule,
pagecache.may_be_cached), and the copy is keyed on everything of the request
that the response can depend on: scheme, host and forwarded host and proto,
path and query. Conditional requests go through Django (it answers 304).
"""

import http.client
import threading
import time
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.http import parse_cookie

from . import pagecache
from .guards import distrust_forwarded_headers
from .middleware import log_request, new_request_id, request_id_var

# Varies per request, so never copied.
_PER_REQUEST_HEADERS = {"x-request-id", "x-page-cache"}


def request_key(environ) -> tuple:
    return tuple(
        environ.get(name, "")
        for name in (
            "wsgi.url_scheme", "HTTP_X_FORWARDED_PROTO", "HTTP_HOST",
            "HTTP_X_FORWARDED_HOST", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING",
        )
    )  # fmt: skip


class LocalPages:
    """The copies: at most PAGE_CACHE_LOCAL_PAGES, the oldest dropped first."""

    def __init__(self):
        self.pages = {}
        self.lock = threading.Lock()  # for gthread workers (GUNICORN_THREADS)

    def get(self, environ):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not self.pages:
            return None
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return None
        page = self.pages.get(request_key(environ))
        if page is None or not self._may_serve(environ):
            return None
        if pagecache.recent_generation() is None:
            return None  # the shared cache is unreachable: let Django decide
        known = pagecache.known
        if not pagecache.is_fresh(
            page["entry"], known.generation, known.comments_changed_at
        ):
            self.pages.pop(request_key(environ), None)
            return None
        return page

    def keep(self, environ, response) -> None:
        entry = getattr(response, "page_cache_entry", None)
        limit = settings.PAGE_CACHE_LOCAL_PAGES
        if (
            entry is None
            or limit <= 0
            or environ.get("REQUEST_METHOD") != "GET"
            or response.status_code != 200
            or response.cookies  # set on the way out: someone's own
        ):
            return
        status = response.status_code
        page = {
            # What freshness needs; the body is kept once, below.
            "entry": {k: v for k, v in entry.items() if k != "content"},
            "status": f"{status} {http.client.responses.get(status, '')}",
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _PER_REQUEST_HEADERS
            ]
            + [("X-Page-Cache", "LOCAL")],
            "body": response.content,
        }
        with self.lock:
            while len(self.pages) >= limit:
                del self.pages[next(iter(self.pages))]
            self.pages[request_key(environ)] = page

    def clear(self) -> None:
        self.pages.clear()

    def _may_serve(self, environ) -> bool:
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        query = [name for name, _ in parse_qsl(environ.get("QUERY_STRING", ""), True)]
        return pagecache.may_be_cached(
            environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""), query, cookies
        )


local_pages = LocalPages()


class PageCacheWSGIHandler(WSGIHandler):
    """Django's WSGI handler, answering from local_pages where it can."""

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        distrust_forwarded_headers(environ)
        page = local_pages.get(environ)
        if page is None:
            return super().__call__(environ, start_response)
        request_id = new_request_id(environ.get("HTTP_X_REQUEST_ID", ""))
        start_response(page["status"], [*page["headers"], ("X-Request-ID", request_id)])
        token = request_id_var.set(request_id)
        try:
            query = environ.get("QUERY_STRING", "")
            path = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
            log_request(environ["REQUEST_METHOD"], path, page["status"][:3], started)
        finally:
            request_id_var.reset(token)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [page["body"]]

    def get_response(self, request):
        response = super().get_response(request)
        local_pages.keep(request.META, response)
        return response
