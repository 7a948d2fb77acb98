"""Site-wide request handling: request ids and logs, the client's address
behind proxies, a CORP header and compression."""

import logging
import re
import secrets
import time
from contextvars import ContextVar

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

logger = logging.getLogger("newsroom.request")
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every log record ("-" outside requests)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class RequestLogMiddleware:
    """One log line per request, with an id shared by every line it causes.

    A proxy's X-Request-ID is kept when it looks sane, so ids match across
    the load balancer, nginx and the app; the id is sent back to the client.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get("X-Request-ID", ""))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            log_request(
                request.method, request.get_full_path(), response.status_code, started
            )
            return response
        finally:
            request_id_var.reset(token)


def new_request_id(incoming: str) -> str:
    return incoming if _VALID_ID.match(incoming) else secrets.token_hex(8)


def log_request(method, path, status, started) -> None:
    logger.info(
        "%s %s %s %.1fms",
        method,
        path[:300],
        status,
        (time.perf_counter() - started) * 1000,
    )


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the one our own proxies saw."""
    return request.META.get("REMOTE_ADDR", "")


class ProxyClientAddressMiddleware:
    """Behind TRUSTED_PROXY_COUNT proxies, the client is the address the
    outermost of them saw; anything further left in X-Forwarded-For was sent
    by the client and is not trusted. Rate limits, lockouts and comments all
    read REMOTE_ADDR afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = settings.TRUSTED_PROXY_COUNT
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if count and forwarded:
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            if len(hops) >= count:
                request.META["REMOTE_ADDR"] = hops[-count]
        return self.get_response(request)


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy: same-origin (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# What is worth compressing; images, fonts and archives are compressed already.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/ld+json",
                      "application/xml", "application/rss+xml", "application/atom+xml",
                      "application/javascript", "image/svg+xml")  # fmt: skip


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip, with its BREACH mitigation (random bytes in the gzip
    header; docs/deploy.md), for text responses only. Static files are
    compressed ahead of time by WhiteNoise, which answers above this."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
