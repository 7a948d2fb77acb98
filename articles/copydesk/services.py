"""Storing the desk's findings, and editors' overrides of them."""

from collections.abc import Collection, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .engine import Finding, run_checks
from .models import CopyFinding, CopyOverride

OVERRIDE_PERMISSION = "copydesk.override_finding"


def can_override(user) -> bool:
    return user.has_perm(OVERRIDE_PERMISSION)


def blocking_findings(
    *, article, findings: list[Finding], overriding: Collection[str] = ()
) -> list[Finding]:
    """Errors with no override, stored or given now; warnings never block."""
    overridden = set(overriding)
    if article.pk:
        overridden |= set(
            CopyOverride.objects.filter(article_id=article.pk).values_list(
                "fingerprint", flat=True
            )
        )
    return [f for f in findings if f.is_error and f.fingerprint not in overridden]


def record_findings(*, article, findings: list[Finding] | None = None) -> list:
    """Replace the article's stored findings with a fresh check's."""
    findings = run_checks(article) if findings is None else findings
    overrides = dict(
        CopyOverride.objects.filter(article=article).values_list("fingerprint", "pk")
    )
    now = timezone.now()
    rows = [
        CopyFinding(
            article=article,
            rule=f.rule,
            severity=f.severity,
            message=f.message[:300],
            field=f.field,
            place=f.place[:100],
            paragraph=f.paragraph,
            excerpt=f.excerpt[:400],
            mark_start=f.mark_start,
            mark_end=f.mark_end,
            fingerprint=f.fingerprint,
            override_id=overrides.get(f.fingerprint) if f.is_error else None,
            checked_at=now,
        )
        for f in findings
    ]
    with transaction.atomic():
        CopyFinding.objects.filter(article=article).delete()
        return CopyFinding.objects.bulk_create(rows)


def override_finding(*, article, finding: Finding, reason: str, user) -> CopyOverride:
    """Let one error go out as written: editors only, and always with a reason."""
    if not can_override(user):
        raise PermissionDenied("Only editors can override copy-desk errors.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give a reason for the override.")
    if not finding.is_error:
        raise ValidationError("Warnings never block: they need no override.")
    override, _ = CopyOverride.objects.update_or_create(
        article=article,
        fingerprint=finding.fingerprint,
        defaults={
            "rule": finding.rule,
            "message": finding.message[:300],
            "excerpt": finding.excerpt[:400],
            "reason": reason,
            "user": user,
        },
    )
    return override


def review_article(
    *,
    article,
    user,
    overrides: Mapping[str, str] | None = None,
    findings: list[Finding] | None = None,
) -> list:
    """Record an editor's overrides (fingerprint to reason), then the findings.

    `findings` are those the editor saw; an override for anything else is
    ignored. The stored findings come from a fresh check of the saved text.
    """
    seen = {f.fingerprint: f for f in findings or []}
    with transaction.atomic():
        for fingerprint, reason in (overrides or {}).items():
            if fingerprint in seen:
                override_finding(
                    article=article, finding=seen[fingerprint], reason=reason, user=user
                )
        return record_findings(article=article)
