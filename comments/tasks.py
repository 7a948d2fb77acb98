"""Background work: rechecks after a spam-service failure, moderator digests,
and verdict reports to Akismet. Durable with django-tasks-db (`db_worker`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Max
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Comment, CommentEvent

logger = logging.getLogger(__name__)


def _enqueue_at(task_obj, when, *args) -> bool:
    """Enqueue for later if the backend can; say so in the log if it can't."""
    if default_task_backend.supports_defer:
        task_obj.using(run_after=when).enqueue(*args)
        return True
    logger.info(
        "Task backend cannot defer %s; `manage.py recheck_comments` runs due work",
        task_obj.name,
    )
    return False


@task
def recheck_comment_task(comment_id: int) -> str:
    from .services import recheck_comment

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return "gone"
    if comment.next_recheck_at and comment.next_recheck_at > timezone.now():
        return "not due"  # rescheduled since this task was queued
    return recheck_comment(comment=comment).status


def schedule_recheck(comment: Comment) -> None:
    _enqueue_at(recheck_comment_task, comment.next_recheck_at, comment.pk)


@task
def send_moderation_digest() -> int:
    """One email listing every held comment not yet announced; at most one per interval."""
    interval = timedelta(minutes=settings.COMMENT_DIGEST_MINUTES)
    last = Comment.objects.aggregate(last=Max("notified_at"))["last"]
    now = timezone.now()
    if last and now - last < interval:
        return 0  # a later scheduled run sends these
    to_send = list(
        Comment.objects.awaiting_moderation()
        .filter(notified_at__isnull=True)
        .select_related("article")
        .order_by("created_at")[:200]
    )
    if not to_send or not settings.COMMENT_MODERATOR_EMAILS:
        return 0
    # Claim the rows first: two workers never send the same comments twice.
    claimed = Comment.objects.filter(
        pk__in=[c.pk for c in to_send], notified_at__isnull=True
    ).update(notified_at=now)
    if claimed != len(to_send):
        to_send = list(
            Comment.objects.filter(pk__in=[c.pk for c in to_send], notified_at=now)
        )
    context = {"comments": to_send, "admin_url": _admin_url()}
    subject = f"{len(to_send)} comment(s) awaiting moderation"
    send_mail(
        subject,
        render_to_string("comments/email/moderation_digest.txt", context),
        None,
        settings.COMMENT_MODERATOR_EMAILS,
    )
    return len(to_send)


def _admin_url() -> str:
    from django.contrib.sites.models import Site

    return f"https://{Site.objects.get_current().domain}/{settings.ADMIN_URL}comments/comment/?status__exact=pending"


def schedule_moderation_digest() -> None:
    interval = timedelta(minutes=settings.COMMENT_DIGEST_MINUTES)
    last = Comment.objects.aggregate(last=Max("notified_at"))["last"]
    due = max(timezone.now(), (last + interval) if last else timezone.now())
    if not default_task_backend.supports_defer or due <= timezone.now():
        send_moderation_digest.enqueue()
    else:
        send_moderation_digest.using(run_after=due).enqueue()


@task
def report_to_akismet(comment_id: int, kind: str) -> bool:
    """submit-spam / submit-ham with the values Akismet first saw."""
    from . import akismet as akismet_service

    event = (
        CommentEvent.objects.filter(
            comment_id=comment_id,
            kind=CommentEvent.Kind.CHECK,
            checker__endswith="AkismetChecker",
        )
        .exclude(raw={})
        .first()
    )
    if event is None or "params" not in event.raw:
        return False
    accepted = akismet_service.report(kind, event.raw["params"])
    CommentEvent.objects.create(
        comment_id=comment_id,
        kind=CommentEvent.Kind.REPORT,
        checker=event.checker,
        outcome=kind,
        reason=f"reported to Akismet as {kind}",
    )
    return accepted
