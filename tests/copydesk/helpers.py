"""Checking a bit of copy without saving anything."""

from datetime import datetime

from django.utils import timezone

from articles.copydesk.engine import run_checks
from articles.models import Article

PUBLISHED = timezone.make_aware(datetime(2026, 6, 1, 9, 0))


def check(body="", **fields):
    """Every finding for an unsaved article with this body (HTML)."""
    values = {
        "headline": "A short headline",
        "standfirst": "A standfirst.",
        "body": body,
        "published_at": PUBLISHED,
    } | fields
    return run_checks(Article(**values))


def body_findings(html):
    return [f for f in check(html) if f.field == "body"]


def rules_hit(html) -> list[str]:
    return [f.rule for f in body_findings(html)]
