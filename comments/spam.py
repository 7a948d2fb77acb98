"""The spam-check hook: a small protocol plus a settings list of dotted paths.

Add a checker by writing one class with a `check(comment, context)` method
that returns a Verdict, and listing its dotted path in COMMENT_SPAM_CHECKERS.
"""

import logging
import re
from dataclasses import dataclass, field
from ipaddress import ip_address
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

URL_RE = re.compile(r"https?://[^\s<>\"']+|www\.[^\s<>\"']+", re.IGNORECASE)


class Outcome(models.TextChoices):
    HAM = "ham", "Ham"
    HOLD = "hold", "Hold"  # unsure: a moderator decides
    SPAM = "spam", "Spam"


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str = ""
    # The provider's own answer, kept in the decision record.
    raw: dict = field(default_factory=dict)
    # Set by a provider that says "spam, and don't even show it" (Akismet).
    discard: bool = False


@dataclass(frozen=True)
class CommentContext:
    """What the request said about a comment; rebuilt from the comment for rechecks."""

    ip: str | None = None
    user_agent: str = ""
    referrer: str = ""
    permalink: str = ""
    # Form signals (see comments.forms): honeypot filled, token valid, seconds taken.
    honeypot_filled: bool = False
    token_valid: bool = True
    seconds_to_submit: float | None = None
    # comments.timetrap: "fresh" (the seconds count), "unknown" or "replayed".
    time_trap: str = ""
    is_staff: bool = False


class CheckerError(Exception):
    """A checker could not decide (service down, timeout, bad answer)."""

    def __init__(self, message: str, *, raw: dict | None = None, key_problem=False):
        super().__init__(message)
        self.raw = raw or {}
        # A bad API key will not fix itself in 20 minutes: retry much later.
        self.key_problem = key_problem


class SpamChecker(Protocol):
    # A sentence for readers under the form, or "" to say nothing.
    notice: str

    def check(self, comment, context: CommentContext) -> Verdict: ...


@dataclass(frozen=True)
class CheckResult:
    """One checker's answer: a verdict, or the error that stopped it."""

    checker: str
    verdict: Verdict | None = None
    error: CheckerError | None = None


def checker_name(checker) -> str:
    return f"{type(checker).__module__}.{type(checker).__qualname__}"


def get_spam_checkers(paths: list[str] | None = None) -> list[SpamChecker]:
    # Rebuilt on each call (cheap), so override_settings works in tests.
    try:
        return [
            import_string(path)() for path in paths or settings.COMMENT_SPAM_CHECKERS
        ]
    except ImportError as exc:
        raise ImproperlyConfigured(f"COMMENT_SPAM_CHECKERS: {exc}") from exc


def check_spam(comment, context: CommentContext, checkers=None) -> list[CheckResult]:
    """Every checker's result, in order; the caller decides the status."""
    results = []
    for checker in get_spam_checkers() if checkers is None else checkers:
        name = checker_name(checker)
        try:
            results.append(CheckResult(name, verdict=checker.check(comment, context)))
        except CheckerError as exc:
            logger.warning("Spam checker %s failed: %s", name, exc)
            results.append(CheckResult(name, error=exc))
        except Exception as exc:
            # A plug-in's bug must not lose the comment: it is held and
            # rechecked, and the traceback goes to the error log.
            logger.exception("Spam checker %s crashed", name)
            results.append(CheckResult(name, error=CheckerError(repr(exc)[:300])))
    return results


def spam_notices() -> list[str]:
    """What readers are told under the form, one line per checker that says something."""
    notices = []
    for checker in get_spam_checkers():
        notice = getattr(checker, "notice", "")
        if notice and notice not in notices:
            notices.append(notice)
    return notices


# Built-in checkers: cheap local checks first, the network last.


class HoneypotChecker:
    """A hidden field bots fill, and a signed form time: too fast or forged is spam."""

    notice = ""

    def __init__(self):
        self.min_seconds = settings.COMMENT_MIN_SUBMIT_SECONDS

    def check(self, comment, context: CommentContext) -> Verdict:
        if context.is_staff:
            return Verdict(Outcome.HAM, "staff")
        if context.honeypot_filled:
            return Verdict(Outcome.SPAM, "honeypot field filled")
        if not context.token_valid:
            return Verdict(Outcome.SPAM, "form token missing or tampered with")
        seconds = context.seconds_to_submit
        if seconds is not None and seconds < self.min_seconds:
            return Verdict(
                Outcome.SPAM, f"submitted {seconds:.1f}s after the form loaded"
            )
        return Verdict(Outcome.HAM)


def count_links(text: str) -> int:
    return len(URL_RE.findall(text or ""))


class LinkCountChecker:
    """More links than COMMENT_MAX_LINKS (WordPress: 2) holds the comment."""

    notice = ""

    def __init__(self):
        self.max_links = settings.COMMENT_MAX_LINKS

    def check(self, comment, context: CommentContext) -> Verdict:
        links = count_links(comment.body)
        if links > self.max_links:
            return Verdict(Outcome.HOLD, f"{links} links (more than {self.max_links})")
        return Verdict(Outcome.HAM)


class BlocklistChecker:
    """Blocked words, emails, IPs and URLs are spam; the moderation list holds."""

    notice = ""

    def check(self, comment, context: CommentContext) -> Verdict:
        from .models import BlockedTerm

        terms = list(
            BlockedTerm.objects.in_force().values_list("kind", "value", "action")
        )
        if not terms:
            return Verdict(Outcome.HAM)
        hits = {"spam": [], "hold": []}
        for kind, value, action in terms:
            if self._matches(kind, value, comment, context):
                hits[action].append(f"{kind} “{value}”")
        if hits["spam"]:
            return Verdict(Outcome.SPAM, "blocklist: " + ", ".join(hits["spam"]))
        if hits["hold"]:
            return Verdict(Outcome.HOLD, "moderation list: " + ", ".join(hits["hold"]))
        return Verdict(Outcome.HAM)

    def _matches(self, kind, value, comment, context) -> bool:
        if kind == "word":
            text = f"{comment.author_name}\n{comment.body}".lower()
            return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None
        if kind == "email":
            email = comment.author_email.lower()
            return email == value or (value.startswith("@") and email.endswith(value))
        if kind == "ip":
            return _ip_matches(context.ip, value)
        if kind == "url":
            hosts = [urlsplit(u if "://" in u else f"http://{u}").hostname or ""
                     for u in [comment.author_url, *URL_RE.findall(comment.body)] if u]  # fmt: skip
            return any(h == value or h.endswith(f".{value}") for h in hosts)
        return False


def _ip_matches(ip: str | None, value: str) -> bool:
    if not ip:
        return False
    if "/" in value:
        from ipaddress import ip_network

        try:
            return ip_address(ip) in ip_network(value, strict=False)
        except ValueError:
            return False
    return ip == value
