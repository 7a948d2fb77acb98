"""Requests refused or cleaned before anything reads them: NUL bytes, and
forwarded headers from anyone but the proxies in front of us."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import BadRequest, ImproperlyConfigured

# What only a proxy may tell us: the scheme, host and port the client used,
# and the client's address. From anyone else they are the client's claims.
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_FOR",
)


@lru_cache(maxsize=8)
def _networks(addresses: tuple[str, ...]):
    try:
        return tuple(
            ipaddress.ip_network(a, strict=False) for a in addresses if a != "*"
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"FORWARDED_ALLOW_IPS: {exc}") from exc


def from_trusted_proxy(remote_addr: str) -> bool:
    """The peer is one of FORWARDED_ALLOW_IPS (addresses or networks; "*": any)."""
    allowed = tuple(settings.FORWARDED_ALLOW_IPS)
    if "*" in allowed:
        return True
    try:
        peer = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False  # a Unix socket or no address: not a configured proxy
    return any(peer in network for network in _networks(allowed))


def distrust_forwarded_headers(environ) -> None:
    """Drop forwarded headers unless the peer is a configured proxy."""
    if not from_trusted_proxy(environ.get("REMOTE_ADDR", "")):
        for name in FORWARDED_HEADERS:
            environ.pop(name, None)


class ForwardedHeadersMiddleware:
    """First in MIDDLEWARE: after it, SECURE_PROXY_SSL_HEADER and
    X-Forwarded-For say what a proxy said, or nothing. (The WSGI handler does
    the same before its in-memory page copies.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        distrust_forwarded_headers(request.META)
        return self.get_response(request)


def has_nul(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return (
        "\x00" in request.path_info
        or "%00" in query
        or "\x00" in query
        or any("\x00" in k or "\x00" in v for k, v in request.COOKIES.items())
    )


class NulByteMiddleware:
    """A NUL byte in the path, query string or a cookie answers 400.

    No page, filter or search means anything with one, and PostgreSQL
    refuses NUL in text (a 500 wherever it reached a query). Form bodies are
    left to the forms: Django's form fields refuse NUL with a field error and
    keep the rest of what the reader typed, which a 400 would throw away.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)
