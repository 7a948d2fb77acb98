"""Akismet, through the maintained `akismet` package.

The package hides response headers, so an httpx event hook keeps them: the
X-akismet-guid, the discard pro-tip, alerts and debug help all go into the
decision record. AKISMET_BASE_URL lets tests point it at a fake server.
"""

import logging
from contextlib import contextmanager
from datetime import UTC

import akismet
import httpx

from django.conf import settings
from django.contrib.sites.models import Site
from django.utils import timezone

from .spam import CheckerError, CommentContext, Outcome, Verdict

logger = logging.getLogger(__name__)

OFFICIAL_URL = "https://rest.akismet.com"


class _BaseURLTransport(httpx.HTTPTransport):
    """Sends the package's requests to AKISMET_BASE_URL instead of Akismet's host."""

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.base = httpx.URL(base_url)

    def handle_request(self, request):
        request.url = request.url.copy_with(
            scheme=self.base.scheme, host=self.base.host, port=self.base.port
        )
        request.headers["Host"] = request.url.netloc.decode()
        return super().handle_request(request)


def blog_url() -> str:
    return settings.AKISMET_BLOG_URL or f"https://{Site.objects.get_current().domain}/"


@contextmanager
def make_client(responses: list | None = None):
    """A client with the site's key, a short timeout, and a header recorder.

    Not the package's own context manager: that verifies the key before every
    call, doubling the requests; the key is verified at start-up instead.
    """
    hooks = {"response": [responses.append]} if responses is not None else {}
    transport = None
    if settings.AKISMET_BASE_URL.rstrip("/") != OFFICIAL_URL:
        transport = _BaseURLTransport(settings.AKISMET_BASE_URL)
    http = httpx.Client(
        headers={"User-Agent": akismet.USER_AGENT},
        timeout=settings.AKISMET_TIMEOUT,
        transport=transport,
        event_hooks=hooks,
    )
    config = akismet.Config(key=settings.AKISMET_API_KEY, url=blog_url())
    try:
        yield akismet.SyncClient(config=config, http_client=http)
    finally:
        http.close()


def _headers(response: httpx.Response | None) -> dict:
    if response is None:
        return {}
    return {
        k: v for k, v in response.headers.items() if k.lower().startswith("x-akismet")
    }


def comment_params(comment, context: CommentContext) -> dict:
    """The documented comment-check fields; also what submit-spam/ham resend."""
    params = {
        "user_ip": context.ip or "",
        "user_agent": context.user_agent,
        "referrer": context.referrer,
        "permalink": context.permalink,
        "comment_type": "reply" if comment.parent_id else "comment",
        "comment_author": comment.author_name,
        "comment_author_email": comment.author_email,
        "comment_author_url": comment.author_url,
        "comment_content": comment.body,
        "comment_date_gmt": comment.created_at.astimezone(UTC).isoformat(),
        "blog_lang": settings.SITE_LANGUAGE,
        "blog_charset": "UTF-8",
    }
    published = comment.article.first_published_at
    if published:
        params["comment_post_modified_gmt"] = published.astimezone(UTC).isoformat()
    if context.is_staff:
        params["user_role"] = "administrator"
    if settings.AKISMET_IS_TEST:
        params["is_test"] = True
    return params


def record_alert(headers: dict) -> None:
    """Akismet's alert header (e.g. usage limits): log it and show staff a banner."""
    from .models import ServiceAlert

    code = headers.get("x-akismet-alert-code", "")
    message = headers.get("x-akismet-alert-msg", "") or f"Akismet alert {code}"
    logger.error("Akismet alert %s: %s", code, message)
    ServiceAlert.objects.get_or_create(
        service="akismet",
        code=code,
        resolved_at=None,
        defaults={"message": message[:500]},
    )


def record_key_problem(message: str) -> None:
    from .models import ServiceAlert

    logger.error("Akismet: %s", message)
    ServiceAlert.objects.get_or_create(
        service="akismet",
        code="invalid-key",
        resolved_at=None,
        defaults={"message": message},
    )


class AkismetChecker:
    """Asks Akismet; off (always ham, silent) until AKISMET_API_KEY is set."""

    def __init__(self):
        self.enabled = bool(settings.AKISMET_API_KEY)
        self.notice = "This site uses Akismet to reduce spam." if self.enabled else ""

    def check(self, comment, context: CommentContext) -> Verdict:
        if not self.enabled:
            return Verdict(Outcome.HAM, "Akismet is not configured")
        params = comment_params(comment, context)
        responses: list[httpx.Response] = []
        try:
            with make_client(responses) as client:
                answer = client.comment_check(**params)
        except akismet.APIKeyError as exc:
            record_key_problem("the API key or site URL is invalid")
            raise CheckerError(
                str(exc), raw=self._raw(responses), key_problem=True
            ) from exc
        except (akismet.RequestError, akismet.ProtocolError) as exc:
            raise CheckerError(str(exc), raw=self._raw(responses)) from exc
        raw = self._raw(responses) | {"params": self._stored_params(params)}
        headers = raw.get("headers", {})
        if "x-akismet-alert-code" in headers:
            record_alert(headers)
        if answer == akismet.CheckResponse.HAM:
            return Verdict(Outcome.HAM, "Akismet: not spam", raw=raw)
        if answer == akismet.CheckResponse.DISCARD:
            return Verdict(
                Outcome.SPAM, "Akismet: blatant spam (discard)", raw=raw, discard=True
            )
        return Verdict(Outcome.SPAM, "Akismet: spam", raw=raw)

    def _raw(self, responses) -> dict:
        response = responses[-1] if responses else None
        if response is None:
            return {}
        response.read()
        return {
            "status": response.status_code,
            "body": response.text[:200],
            "headers": _headers(response),
            "checked_at": timezone.now().isoformat(),
        }

    def _stored_params(self, params: dict) -> dict:
        # Kept for submit-spam/ham; the API key is never stored.
        return {k: v for k, v in params.items() if k not in {"api_key", "blog"}}


def report(kind: str, params: dict) -> bool:
    """Tell Akismet a verdict was wrong: kind is "spam" or "ham"."""
    params = dict(params)
    user_ip = params.pop("user_ip", "")
    params.pop("user_role", None)
    with make_client() as client:
        if kind == "spam":
            return client.submit_spam(user_ip, **params)
        return client.submit_ham(user_ip, **params)


def verify_key() -> bool | None:
    """True or False from verify-key; None when Akismet cannot be reached."""
    try:
        with make_client() as client:
            return client.verify_key()
    except (akismet.RequestError, akismet.ProtocolError) as exc:
        logger.warning("Akismet key not verified: %s", exc)
        return None
