"""Writes that take more than one step: publishing, and moved articles."""

from collections.abc import Collection
from datetime import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.copydesk.engine import Finding, run_checks
from articles.copydesk.services import blocking_findings, record_findings

from .models import Article, Author, Section

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def _require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied("Only editors can publish or unpublish articles.")


def publish_article(*, article: Article, user, at: datetime | None = None) -> Article:
    """Make an article live now, or at `at` (scheduled); editors only."""
    _require_publisher(user)
    article.status = Article.Status.PUBLISHED
    # Keeps a time already set: a future one stays a schedule.
    article.published_at = at or article.published_at or timezone.now()
    article.full_clean()
    findings = ensure_copy_is_clean(article=article)
    article.save()
    record_findings(article=article, findings=findings)
    _record(article, user, "schedule" if article.is_scheduled else "publish")
    return article


def _record(article: Article, user, kind: str) -> None:
    # The article's history (articles.workflow), whatever the entry point.
    from .workflow import record_step

    record_step(article=article, user=user, kind=kind)


def ensure_copy_is_clean(
    *,
    article: Article,
    overriding: Collection[str] = (),
    findings: list[Finding] | None = None,
) -> list[Finding]:
    """Nothing goes live or is scheduled with a copy error no editor overrode.

    `overriding` holds fingerprints an editor overrides in the same step.
    Returns every finding (warnings included) when nothing blocks.
    """
    findings = run_checks(article) if findings is None else findings
    blocking = blocking_findings(
        article=article, findings=findings, overriding=overriding
    )
    if blocking:
        first = blocking[0]
        raise ValidationError(
            "Not published: %(count)d copy error(s) to fix, or for an editor to "
            "override with a reason. First: %(place)s: %(message)s",
            code="copy_errors",
            params={
                "count": len(blocking),
                "place": first.place,
                "message": first.message,
            },
        )
    return findings


def unpublish_article(*, article: Article, user) -> Article:
    """Take a live or scheduled article off the site; its URL answers 404."""
    _require_publisher(user)
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    _record(article, user, "unpublish")
    return article


def return_to_draft(*, article: Article, user) -> Article:
    """Send an article back to draft; taking a published one down needs an editor."""
    if article.status in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}:
        _require_publisher(user)
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    _record(article, user, "draft")
    return article


def record_moved_article(
    article: Article, *, old_section_id: int, old_slug: str
) -> None:
    """Point the article's old URL, and any URL that led to it, at the new one."""
    old_section = Section.objects.get(pk=old_section_id)
    old_path = Article(section=old_section, slug=old_slug).get_absolute_url()
    new_path = article.get_absolute_url()
    site_id = settings.SITE_ID
    with transaction.atomic():
        # No chains: earlier redirects to the old URL now go straight to the new one.
        Redirect.objects.filter(site_id=site_id, new_path=old_path).update(
            new_path=new_path
        )
        Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()
        Redirect.objects.update_or_create(
            site_id=site_id, old_path=old_path, defaults={"new_path": new_path}
        )


def image_is_public(image) -> bool:
    """Readers see the image: on a published or taken-down article (lead
    image or in the body), or as an author's photo."""
    # Same statuses a reporter may not edit on the article itself.
    shown = Article.objects.exclude(
        status__in=[Article.Status.DRAFT, Article.Status.REVIEW]
    )
    if shown.filter(lead_image=image).exists():
        return True
    if Author.objects.filter(photo=image).exists():
        return True
    # Bodies link the library's files: the original or a rendition folder.
    stems = {PurePosixPath(image.file.name).stem} if image.file else set()
    stems |= {
        PurePosixPath(entry["name"]).parent.name
        for entry in (image.renditions or {}).values()
    }
    query = Q()
    for stem in filter(None, stems):
        query |= Q(body__contains=stem)
    return bool(query) and shown.filter(query).exists()


def can_change_image(user, image) -> bool:
    """Editors change any image; others only images readers don't see yet."""
    return can_publish(user) or not image_is_public(image)
