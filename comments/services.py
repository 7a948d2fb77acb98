"""Comment writes: submit, moderate, recheck. Views, admin and tasks call these."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article

from . import notify as notify_service
from .models import BlockedTerm, Comment, CommentEvent, CommentReport
from .spam import CheckResult, CommentContext, Outcome, check_spam, get_spam_checkers
from .threads import comment_url

logger = logging.getLogger(__name__)


class CommentRefused(Exception):
    """A comment that must not be stored; the message is for the reader."""


def comments_open(article: Article, *, now=None) -> bool:
    """The one rule for whether an article takes comments (page and POST alike)."""
    if not settings.COMMENTS_ENABLED or not article.comments_enabled:
        return False
    if not article.is_live:
        return False
    days = article.comments_close_after_days
    if days is None:
        days = settings.COMMENT_CLOSE_AFTER_DAYS
    if not days:
        return True
    opened = article.first_published_at or article.published_at
    return (now or timezone.now()) < opened + timedelta(days=days)


def status_for(
    results: list[CheckResult], *, author_email: str, author_name: str
) -> tuple[str, str]:
    """(status, reason): any spam wins, then any hold or error, then auto-approval."""
    for result in results:
        if result.verdict and result.verdict.outcome == Outcome.SPAM:
            return Comment.Status.SPAM, result.verdict.reason[:40]
    for result in results:
        if result.error is not None:
            return Comment.Status.PENDING, "spam check failed"
    for result in results:
        if result.verdict and result.verdict.outcome == Outcome.HOLD:
            return Comment.Status.PENDING, result.verdict.reason[:40]
    if may_auto_approve(author_email, author_name):
        return Comment.Status.APPROVED, ""
    return Comment.Status.PENDING, "first comment from this email"


def may_auto_approve(email: str, name: str) -> bool:
    """By default (as WordPress) only someone with an earlier approved comment."""
    policy = settings.COMMENT_AUTO_APPROVE
    if policy == "always":
        return True
    if policy == "previously-approved":
        # Name and email together (as WordPress), and never on the strength
        # of a staff reply: an email alone is easy to borrow.
        return (
            Comment.objects.approved()
            .filter(author_email=email.lower(), author_name=name, is_staff_reply=False)
            .exists()
        )
    return False


def _check_refusals(comment: Comment, ip: str | None) -> None:
    # Same reader, same article, same words: not stored twice.
    duplicate = Comment.objects.filter(
        article=comment.article,
        author_email=comment.author_email,
        body=comment.body,
    ).exclude(status=Comment.Status.TRASH)
    if duplicate.exists():
        raise CommentRefused("You have already posted this comment.")
    since = timezone.now() - timedelta(seconds=settings.COMMENT_FLOOD_SECONDS)
    recent = Q(author_email=comment.author_email)
    if ip:
        recent |= Q(ip_address=ip)
    if Comment.objects.filter(recent, created_at__gte=since).exists():
        raise CommentRefused(
            "You are posting comments too quickly. Please wait a few seconds and "
            "submit again."
        )


def submit_comment(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    url: str = "",
    parent: Comment | None = None,
    context: CommentContext,
    submission_key: str | None = None,
    user=None,
    notify: bool = False,
) -> Comment:
    """Store a reader comment as approved, pending or spam; never lose it."""
    existing = _existing_submission(submission_key)
    if existing is not None:
        return existing  # a double click: the first request stored it
    if not comments_open(article):
        raise CommentRefused("Comments are closed on this article.")
    comment = Comment(
        article=article,
        author_name=name,
        author_email=email.strip().lower(),
        author_url=url,
        body=body,
        user=user,
        ip_address=context.ip,
        user_agent=context.user_agent[:400],
        referrer=context.referrer[:400],
        form_signals={
            "honeypot_filled": context.honeypot_filled,
            "token_valid": context.token_valid,
            "seconds_to_submit": context.seconds_to_submit,
            "time_trap": context.time_trap,
        },
        submission_key=submission_key,
        notify_replies=notify,
    )
    _attach_to_thread(comment, parent)
    comment.full_clean(exclude=["submission_key"])
    try:
        _check_refusals(comment, context.ip)
    except CommentRefused:
        # The twin of a double click, committed a moment ago, is no duplicate.
        existing = _existing_submission(submission_key)
        if existing is None:
            raise
        return existing
    # Checkers may call Akismet: no transaction is held open across the network.
    results = check_spam(comment, context)
    comment.status, comment.hold_reason = status_for(
        results, author_email=comment.author_email, author_name=comment.author_name
    )
    comment.discarded = any(r.verdict and r.verdict.discard for r in results)
    if any(r.error for r in results):
        comment.next_recheck_at = timezone.now() + _retry_delay(results)
    try:
        with transaction.atomic():
            comment.save()
            _record_checks(comment, results)
            _record_status(comment, "", comment.status, reason="submitted")
            if comment.status == Comment.Status.APPROVED:
                refresh_comment_count(article.pk)
                notify_service.reply_approved(comment)
            # Not for spam: a bot must not make us email a stranger.
            if notify and comment.status != Comment.Status.SPAM:
                notify_service.ask_for_reply_notices(email=comment.author_email)
            # Where the reader lands, before the commit: a query failing after
            # it would answer an error for a stored comment.
            comment.landing_url = comment_url(comment)
    except IntegrityError:
        existing = _existing_submission(submission_key)
        if existing is None:
            raise
        return existing  # the twin request won the race
    _after_commit_schedule(comment)
    return comment


def _existing_submission(key: str | None) -> Comment | None:
    if not key:
        return None
    return Comment.objects.filter(submission_key=key).select_related("article").first()


def _attach_to_thread(comment: Comment, parent: Comment | None) -> None:
    """Replies nest to COMMENT_MAX_DEPTH; deeper replies join the deepest level."""
    if parent is None:
        return
    if (
        parent.article_id != comment.article_id
        or parent.status != Comment.Status.APPROVED
    ):
        raise CommentRefused(
            "You can only reply to a published comment on this article."
        )
    max_depth = settings.COMMENT_MAX_DEPTH
    while parent.depth + 1 >= max_depth and parent.parent_id:
        parent = parent.parent
    comment.parent = parent
    comment.thread_id = parent.thread_id or parent.pk
    comment.depth = parent.depth + 1


def _retry_delay(results: list[CheckResult]) -> timedelta:
    key_problem = any(r.error and r.error.key_problem for r in results)
    seconds = (
        settings.COMMENT_RECHECK_KEY_DELAY
        if key_problem
        else settings.COMMENT_RECHECK_DELAY
    )
    return timedelta(seconds=seconds)


def _record_checks(comment: Comment, results: list[CheckResult]) -> None:
    events = []
    for result in results:
        if result.error is not None:
            events.append(
                CommentEvent(
                    comment=comment,
                    kind=CommentEvent.Kind.ERROR,
                    checker=result.checker,
                    reason=str(result.error)[:300],
                    raw=result.error.raw,
                )
            )
        else:
            events.append(
                CommentEvent(
                    comment=comment,
                    kind=CommentEvent.Kind.CHECK,
                    checker=result.checker,
                    outcome=result.verdict.outcome,
                    reason=result.verdict.reason[:300],
                    raw=result.verdict.raw,
                )
            )
    CommentEvent.objects.bulk_create(events)


def _record_status(comment, from_status, to_status, *, actor=None, reason="") -> None:
    CommentEvent.objects.create(
        comment=comment,
        kind=CommentEvent.Kind.STATUS,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason[:300],
    )


def _after_commit_schedule(comment: Comment) -> None:
    from . import tasks

    # robust: the comment is stored whatever happens here (a lost task is
    # caught up by `recheck_comments` and the next digest), so a failure is
    # logged, never answered to the reader as an error.
    if comment.next_recheck_at:
        transaction.on_commit(lambda: tasks.schedule_recheck(comment), robust=True)
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(tasks.schedule_moderation_digest, robust=True)


def refresh_comment_count(article_id: int) -> None:
    """Recount approved comments: exact and idempotent, whatever changed."""
    count = Comment.objects.filter(article_id=article_id).approved().count()
    Article.objects.filter(pk=article_id).update(comment_count=count)


def set_status(*, comment: Comment, status: str, moderator=None, reason="") -> Comment:
    """Move a comment to `status`, record who and why, keep counts exact; a
    moderator's decision also answers the comment's open reports."""
    previous = comment.status
    if previous == status:
        if moderator is not None:
            _resolve_reports(comment, moderator, f"kept as {status}")
        return comment
    with transaction.atomic():
        if moderator is not None:
            _resolve_reports(comment, moderator, f"moved to {status}")
        comment.status = status
        comment.next_recheck_at = None
        if status != Comment.Status.SPAM:
            comment.discarded = False
        comment.save(
            update_fields=["status", "next_recheck_at", "discarded", "updated_at"]
        )
        _record_status(comment, previous, status, actor=moderator, reason=reason)
        refresh_comment_count(comment.article_id)
        if status == Comment.Status.APPROVED:
            notify_service.reply_approved(comment)
    _report_override(comment, previous, status)
    return comment


def _resolve_reports(comment: Comment, moderator, outcome: str) -> None:
    resolved = CommentReport.objects.filter(
        comment=comment, resolved_at__isnull=True
    ).update(resolved_at=timezone.now())
    if resolved:
        CommentEvent.objects.create(
            comment=comment,
            kind=CommentEvent.Kind.FLAG,
            actor=moderator,
            reason=f"{resolved} report(s) answered: {outcome}",
        )


def ban(*, kind: str, value: str, days: int, moderator, comment=None) -> BlockedTerm:
    """Block an email or IP for `days` (a blocked term that expires); a ban
    already there is extended, never shortened to less than asked."""
    if kind not in (BlockedTerm.Kind.EMAIL, BlockedTerm.Kind.IP) or not value:
        raise ValueError("A ban is of an email address or an IP address.")
    expires_at = timezone.now() + timedelta(days=days)
    note = f"ban by {moderator.get_username()}"
    if comment is not None:
        note += f" from comment {comment.pk}"
    term, created = BlockedTerm.objects.get_or_create(
        kind=kind,
        value=value.strip().lower(),
        defaults={"action": BlockedTerm.Action.SPAM, "expires_at": expires_at,
                  "note": note},
    )  # fmt: skip
    if not created and term.expires_at is not None and term.expires_at < expires_at:
        term.expires_at, term.note = expires_at, note
        term.save(update_fields=["expires_at", "note"])
    if comment is not None:
        CommentEvent.objects.create(
            comment=comment,
            kind=CommentEvent.Kind.BAN,
            actor=moderator,
            reason=f"banned {kind} {term.value} for {days} day(s)",
        )
    return term


def lift_ban(*, term: BlockedTerm, moderator) -> None:
    """End a ban now (only timed terms: the permanent blocklist is edited
    in its own list)."""
    if term.expires_at is None:
        raise ValueError("Not a ban: edit the blocklist instead.")
    logger.info("Ban on %s lifted by %s", term, moderator.get_username())
    term.delete()


def approve_comment(*, comment: Comment, moderator=None) -> Comment:
    return set_status(
        comment=comment, status=Comment.Status.APPROVED, moderator=moderator
    )


def mark_spam(*, comment: Comment, moderator=None) -> Comment:
    return set_status(comment=comment, status=Comment.Status.SPAM, moderator=moderator)


def mark_not_spam(*, comment: Comment, moderator=None) -> Comment:
    """A false positive: approve it and tell the spam service."""
    return set_status(
        comment=comment, status=Comment.Status.APPROVED, moderator=moderator
    )


def trash_comment(*, comment: Comment, moderator=None) -> Comment:
    return set_status(comment=comment, status=Comment.Status.TRASH, moderator=moderator)


def delete_comment(*, comment: Comment) -> None:
    """Remove for good (replies too); counts stay exact."""
    article_id = comment.article_id
    with transaction.atomic():
        comment.delete()
        refresh_comment_count(article_id)


def edit_comment(*, comment: Comment, body: str, moderator) -> Comment:
    """A moderator's edit of the text, recorded in the decision record."""
    comment.body = body
    comment.full_clean(exclude=["submission_key"])
    with transaction.atomic():
        comment.save(update_fields=["body", "updated_at"])
        CommentEvent.objects.create(
            comment=comment,
            kind=CommentEvent.Kind.EDIT,
            actor=moderator,
            reason="text edited",
        )
    return comment


def staff_display_name(user) -> str:
    """What readers see on a staff reply: the author profile's name, else the
    user's full name; never the login name."""
    profile = getattr(user, "author_profile", None)
    return (profile.name if profile else "") or user.get_full_name() or "Moderator"


def reply_as_staff(*, parent: Comment, body: str, moderator) -> Comment:
    """A moderator's reply: approved at once and shown with a staff badge."""
    reply = Comment(
        article=parent.article,
        author_name=staff_display_name(moderator),
        author_email=moderator.email or f"{moderator.get_username()}@staff.invalid",
        body=body,
        user=moderator,
        is_staff_reply=True,
        status=Comment.Status.APPROVED,
    )
    _attach_to_thread(reply, parent)
    reply.full_clean(exclude=["submission_key"])
    with transaction.atomic():
        reply.save()
        _record_status(reply, "", reply.status, actor=moderator, reason="staff reply")
        refresh_comment_count(reply.article_id)
        notify_service.reply_approved(reply)
    return reply


def _report_override(comment: Comment, previous: str, status: str) -> None:
    """Spam→approved or ham→spam by a person: tell Akismet what it first saw."""
    from . import tasks

    if status == Comment.Status.SPAM and previous != Comment.Status.SPAM:
        kind = "spam"
    elif previous == Comment.Status.SPAM and status == Comment.Status.APPROVED:
        kind = "ham"
    else:
        return
    event = (
        comment.events.filter(
            kind=CommentEvent.Kind.CHECK, checker__endswith="AkismetChecker"
        )
        .exclude(raw={})
        .first()
    )
    if event is None or "params" not in event.raw:
        return
    transaction.on_commit(lambda: tasks.report_to_akismet.enqueue(comment.pk, kind))


def context_from_comment(comment: Comment) -> CommentContext:
    signals = comment.form_signals or {}
    return CommentContext(
        ip=comment.ip_address,
        user_agent=comment.user_agent,
        referrer=comment.referrer,
        permalink=comment.article.get_absolute_url(),
        honeypot_filled=signals.get("honeypot_filled", False),
        token_valid=signals.get("token_valid", True),
        seconds_to_submit=signals.get("seconds_to_submit"),
        time_trap=signals.get("time_trap", ""),
        is_staff=comment.is_staff_reply,
    )


def recheck_comment(*, comment: Comment) -> Comment:
    """Run the checks again for a comment held by a failed check; reschedule or settle."""
    if comment.status != Comment.Status.PENDING or comment.next_recheck_at is None:
        return comment
    context = context_from_comment(comment)
    results = check_spam(comment, context, get_spam_checkers())
    comment.recheck_count += 1
    status, reason = status_for(
        results, author_email=comment.author_email, author_name=comment.author_name
    )
    give_up = comment.created_at + timedelta(days=settings.COMMENT_RECHECK_GIVE_UP_DAYS)
    if any(r.error for r in results):
        next_try = timezone.now() + _retry_delay(results)
        # After the give-up time a person decides; it stays pending.
        comment.next_recheck_at = next_try if next_try < give_up else None
    else:
        comment.next_recheck_at = None
    previous = comment.status
    with transaction.atomic():
        comment.status = status
        comment.hold_reason = reason
        comment.discarded = any(r.verdict and r.verdict.discard for r in results)
        comment.save()
        _record_checks(comment, results)
        if status != previous:
            _record_status(comment, previous, status, reason="recheck")
            refresh_comment_count(comment.article_id)
    if comment.next_recheck_at:
        from . import tasks

        transaction.on_commit(lambda: tasks.schedule_recheck(comment))
    return comment


PERSONAL_PARAMS = ("user_ip", "user_agent", "referrer", "comment_author_email")


def purge_old_data(*, now=None) -> dict:
    """Retention: delete old spam and discards, blank old IPs and user agents.

    Spam that others replied to stays (deleting it would take their replies
    along); its personal data is blanked like everyone's.
    """
    now = now or timezone.now()
    spam = Comment.objects.filter(status=Comment.Status.SPAM, replies__isnull=True)
    old_spam = spam.filter(
        created_at__lt=now - timedelta(days=settings.COMMENT_SPAM_RETENTION_DAYS)
    )
    old_discards = spam.filter(
        discarded=True,
        created_at__lt=now - timedelta(days=settings.COMMENT_DISCARD_RETENTION_DAYS),
    )
    deleted = old_spam.delete()[1].get("comments.Comment", 0)
    deleted += old_discards.delete()[1].get("comments.Comment", 0)
    cutoff = now - timedelta(days=settings.COMMENT_PERSONAL_DATA_DAYS)
    erased = (
        Comment.objects.filter(created_at__lt=cutoff)
        .exclude(ip_address=None, user_agent="", referrer="")
        .update(ip_address=None, user_agent="", referrer="")
    )
    # The spam service's copy of the request, kept in the decision record.
    for event in CommentEvent.objects.filter(
        comment__created_at__lt=cutoff, raw__has_key="params"
    ).iterator():
        params = event.raw["params"]
        if any(params.get(key) for key in PERSONAL_PARAMS):
            event.raw["params"] = params | dict.fromkeys(PERSONAL_PARAMS, "")
            event.save(update_fields=["raw"])
    return {"spam_deleted": deleted, "personal_data_erased": erased}


def comments_by_email(email: str):
    return Comment.objects.filter(author_email=email.strip().lower()).select_related(
        "article"
    )


def export_comments(*, email: str) -> list[dict]:
    """Everything stored about the comments under one email (subject access)."""
    return [
        {
            "id": c.pk,
            "article": c.article.headline,
            "article_url": c.article.get_absolute_url(),
            "name": c.author_name,
            "email": c.author_email,
            "website": c.author_url,
            "comment": c.body,
            "status": c.status,
            "posted_at": c.created_at.isoformat(),
            "ip_address": c.ip_address,
            "user_agent": c.user_agent,
        }
        for c in comments_by_email(email).order_by("created_at")
    ]


def erase_comments(*, email: str) -> int:
    """Delete every comment under one email (right to erasure); counts stay exact.

    A comment others replied to is emptied instead, so their replies stay.
    """
    comments = list(comments_by_email(email).annotate(reply_count=Count("replies")))
    # Erased means never emailed again (kept as a hash, not the address).
    notify_service.unsubscribe(email=email)
    replied = [c.pk for c in comments if c.reply_count]
    with transaction.atomic():
        Comment.objects.filter(
            pk__in=[c.pk for c in comments if not c.reply_count]
        ).delete()
        Comment.objects.filter(pk__in=replied).update(
            author_name="[removed]",
            author_email="removed@invalid",
            author_url="",
            body="This comment was removed at its author's request.",
            ip_address=None,
            user_agent="",
            referrer="",
        )
        CommentEvent.objects.filter(comment_id__in=replied).update(raw={})
        for article_id in {c.article_id for c in comments}:
            refresh_comment_count(article_id)
    return len(comments)


def approve_and_reply(*, parent: Comment, body: str, moderator) -> Comment:
    """A staff reply from the queue: a held comment is approved first (a
    reply under an unpublished comment would hang in the air)."""
    if parent.status == Comment.Status.PENDING:
        approve_comment(comment=parent, moderator=moderator)
    return reply_as_staff(parent=parent, body=body, moderator=moderator)


class AlreadyReported(CommentRefused):
    """This reader has reported this comment before."""


def report_comment(
    *,
    comment: Comment,
    reason: str,
    note: str = "",
    reporter_key: str,
    ip: str | None,
    check_ip: bool = False,
) -> CommentReport:
    """One report per reader (their key; their IP when `check_ip`, i.e. the
    browser sent no reader cookie); COMMENT_REPORT_THRESHOLD different readers
    hold a reader's comment for a moderator at once, staff replies never."""
    if comment.status != Comment.Status.APPROVED:
        raise CommentRefused("This comment is no longer shown.")
    earlier = CommentReport.objects.filter(comment=comment)
    if earlier.filter(reporter_key=reporter_key).exists() or (
        check_ip and ip and earlier.filter(ip_address=ip).exists()
    ):
        raise AlreadyReported("You have already reported this comment. Thank you.")
    report = CommentReport(comment=comment, reason=reason, note=note[:500],
                           reporter_key=reporter_key, ip_address=ip)  # fmt: skip
    report.full_clean(exclude=["comment"])
    try:
        with transaction.atomic():
            report.save()
            CommentEvent.objects.create(
                comment=comment, kind=CommentEvent.Kind.FLAG,
                reason=f"reported by a reader: {report.get_reason_display()}",
            )  # fmt: skip
    except IntegrityError:
        raise AlreadyReported(
            "You have already reported this comment. Thank you."
        ) from None
    readers = _distinct_reporters(comment)
    if readers >= settings.COMMENT_REPORT_THRESHOLD and not comment.is_staff_reply:
        with transaction.atomic():
            set_status(
                comment=comment, status=Comment.Status.PENDING,
                reason=f"reported by {readers} readers",
            )  # fmt: skip
            comment.hold_reason = "reported by readers"
            comment.save(update_fields=["hold_reason", "updated_at"])
        transaction.on_commit(_schedule_digest, robust=True)
    return report


def _distinct_reporters(comment: Comment) -> int:
    # Different readers: different keys from different addresses, so one
    # machine clearing its cookies does not count as several readers.
    open_reports = comment.reports.filter(resolved_at__isnull=True)
    keys = open_reports.values("reporter_key").distinct().count()
    ips = open_reports.exclude(ip_address=None).values("ip_address").distinct()
    return min(keys, ips.count() + open_reports.filter(ip_address=None).count())


def _schedule_digest() -> None:
    from . import tasks

    tasks.schedule_moderation_digest()


class EditWindowClosed(CommentRefused):
    """The reader's own comment is past COMMENT_EDIT_WINDOW_MINUTES."""


def in_edit_window(comment: Comment, *, now=None) -> bool:
    """Readers may change their own comment for COMMENT_EDIT_WINDOW_MINUTES."""
    window = timedelta(minutes=settings.COMMENT_EDIT_WINDOW_MINUTES)
    return (now or timezone.now()) < comment.created_at + window and (
        comment.status != Comment.Status.TRASH
    )


def edit_own_comment(*, comment: Comment, body: str) -> Comment:
    """A reader's edit in the window; an approved comment is checked again
    (a ham comment must not turn into spam unseen), a held one stays held."""
    if not in_edit_window(comment):
        raise EditWindowClosed("The time to edit this comment is over.")
    previous_body = comment.body
    comment.body = body
    comment.full_clean(exclude=["submission_key"])
    if comment.body == previous_body:
        return comment
    results = []
    status, reason = comment.status, comment.hold_reason
    if comment.status == Comment.Status.APPROVED:
        results = check_spam(comment, context_from_comment(comment))
        status, reason = status_for(
            results, author_email=comment.author_email, author_name=comment.author_name
        )
    previous = comment.status
    with transaction.atomic():
        comment.status, comment.hold_reason = status, reason
        comment.save(update_fields=["body", "status", "hold_reason", "updated_at"])
        CommentEvent.objects.create(
            comment=comment, kind=CommentEvent.Kind.EDIT,
            reason="edited by its author", raw={"previous_body": previous_body},
        )  # fmt: skip
        _record_checks(comment, results)
        if status != previous:
            _record_status(comment, previous, status, reason="edited by its author")
            refresh_comment_count(comment.article_id)
    if status == Comment.Status.PENDING and previous != status:
        transaction.on_commit(_schedule_digest, robust=True)
    return comment


def delete_own_comment(*, comment: Comment) -> None:
    """A reader's delete in the window: gone for good, unless others replied
    already (then emptied, as an erasure, so their replies stay)."""
    if not in_edit_window(comment):
        raise EditWindowClosed("The time to delete this comment is over.")
    if comment.replies.exists():
        with transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(
                author_name="[deleted]", author_email="removed@invalid",
                author_url="", body="This comment was deleted by its author.",
                ip_address=None, user_agent="", referrer="",
            )  # fmt: skip
            CommentEvent.objects.filter(comment=comment).update(raw={})
        return
    delete_comment(comment=comment)
