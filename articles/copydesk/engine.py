"""The copy-desk hook: rules as classes, listed by dotted path in a setting.

Add a rule by writing one class with a `name`, a `severity` and a
`check(copy)` method that yields Findings, and listing its dotted path in
COPY_CHECK_RULES (see README, "Adding a copy-desk rule").
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import import_string

from .text import Block, Copy, build_copy

# Characters of context each side of the marked slip.
EXCERPT_CONTEXT = 40
# A longer slip (a repeated paragraph) is marked from its start only.
MAX_MARK = 300


class Severity(models.TextChoices):
    ERROR = "error", "Error"  # blocks publishing until fixed or overridden
    WARNING = "warning", "Warning"  # shown, never blocks


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    field: str
    place: str  # "Body, paragraph 3": for people
    excerpt: str
    mark_start: int  # the slip within the excerpt
    mark_end: int
    paragraph: int | None = None

    @property
    def marked(self) -> str:
        return self.excerpt[self.mark_start : self.mark_end]

    @property
    def before(self) -> str:
        return self.excerpt[: self.mark_start]

    @property
    def after(self) -> str:
        return self.excerpt[self.mark_end :]

    @property
    def fingerprint(self) -> str:
        # What an override is attached to: the same slip in the same words
        # keeps its override when paragraphs are added above it.
        key = "\x1f".join([self.rule, self.field, self.excerpt, self.message])
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label

    def excerpt_with_marks(self, left="«", right="»") -> str:
        return f"{self.before}{left}{self.marked}{right}{self.after}"


class Rule(Protocol):
    """One kind of slip: yields a Finding for each place it occurs."""

    name: str
    severity: str

    def check(self, copy: Copy) -> Iterable[Finding]: ...


class BaseRule:
    """Helpers for rules; subclasses set name, severity and write check()."""

    name = ""
    severity = Severity.ERROR
    description = ""

    def check(self, copy: Copy) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, block: Block, start: int, end: int, message: str) -> Finding:
        """A finding for text[start:end] of `block`, with context around it."""
        text = block.text
        end = min(end, start + MAX_MARK)
        left = max(0, start - EXCERPT_CONTEXT)
        right = min(len(text), end + EXCERPT_CONTEXT)
        # Cut at word boundaries so the excerpt reads cleanly.
        if left > 0:
            space = text.find(" ", left, start)
            left = space + 1 if space != -1 else left
        if right < len(text):
            space = text.rfind(" ", end, right)
            right = space if space != -1 else right
        prefix = "…" if left > 0 else ""
        suffix = "…" if right < len(text) else ""
        excerpt = prefix + text[left:right] + suffix
        mark_start = len(prefix) + start - left
        return Finding(
            rule=self.name,
            severity=str(self.severity),
            message=message,
            field=block.field,
            place=block.place,
            excerpt=excerpt,
            mark_start=mark_start,
            mark_end=mark_start + (end - start),
            paragraph=block.paragraph,
        )

    def whole(
        self, field: str, place: str, text: str, message: str, paragraph=None
    ) -> Finding:
        """A finding about a field as a whole (missing, too long)."""
        return Finding(
            rule=self.name,
            severity=str(self.severity),
            message=message,
            field=field,
            place=place,
            excerpt=text,
            mark_start=0,
            mark_end=len(text),
            paragraph=paragraph,
        )


def get_rules() -> list[Rule]:
    # Rebuilt on each call (cheap), so override_settings works in tests.
    try:
        return [import_string(path)() for path in settings.COPY_CHECK_RULES]
    except ImportError as exc:
        raise ImproperlyConfigured(f"COPY_CHECK_RULES: {exc}") from exc


def run_checks(article, rules: list[Rule] | None = None) -> list[Finding]:
    """Every rule's findings for the article, errors first, in reading order."""
    copy = build_copy(article)
    findings = []
    for rule in get_rules() if rules is None else rules:
        findings.extend(rule.check(copy))
    order = {"headline": 0, "standfirst": 1, "lead_image": 2, "body": 3}
    return sorted(
        findings,
        key=lambda f: (
            not f.is_error,
            order.get(f.field, 4),
            f.paragraph or 0,
        ),
    )
