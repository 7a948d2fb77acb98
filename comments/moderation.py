"""The moderator's row actions, bans and queue counts: plain POST views (the
admin wraps them in admin_view, so login and CSRF apply) that answer JSON to
static/js/moderation.js and redirect back for a plain form post."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from . import services
from .models import BlockedTerm, Comment

MODERATE = "comments.moderate_comment"

ACTIONS = {
    "approve": (services.approve_comment, "approved"),
    "spam": (services.mark_spam, "marked as spam"),
    "notspam": (services.mark_not_spam, "approved as not spam"),
    "trash": (services.trash_comment, "moved to trash"),
}
BAN_DAYS = (1, 7, 30, 365)


def queue_counts() -> dict[str, int]:
    """Comments in each moderation queue."""
    comments = Comment.objects.all()
    return {
        "pending": comments.awaiting_moderation().count(),
        "reported": comments.reported().count(),
        "spam": comments.filter(status=Comment.Status.SPAM).count(),
        "trash": comments.filter(status=Comment.Status.TRASH).count(),
        "all": comments.count(),
    }


QUEUES = [("pending", "Pending"), ("reported", "Reported"), ("spam", "Spam"),
          ("trash", "Trash"), ("all", "All")]  # fmt: skip


def queue_tabs() -> list[tuple[str, str, int]]:
    counts = queue_counts()
    return [(key, label, counts[key]) for key, label in QUEUES]


def comment_page_context(comment: Comment) -> dict:
    """What the comment's own page shows beside the comment itself."""
    others = Comment.objects.exclude(pk=comment.pk).select_related("article")
    by_email = others.filter(author_email=comment.author_email).order_by("-created_at")[
        :20
    ]
    by_ip = (
        others.filter(ip_address=comment.ip_address).order_by("-created_at")[:20]
        if comment.ip_address
        else []
    )
    values = {BlockedTerm.Kind.EMAIL: comment.author_email}
    if comment.ip_address:
        values[BlockedTerm.Kind.IP] = comment.ip_address
    bans = [
        term
        for term in BlockedTerm.objects.in_force().bans()
        if values.get(term.kind) == term.value
    ]
    return {
        "other_lists": [
            (f"Other comments from {comment.author_email}", list(by_email)),
            (f"Other comments from IP {comment.ip_address or 'unknown'}", list(by_ip)),
        ],
        "reports": list(comment.reports.all()),
        "bans": bans,
        "ban_days": BAN_DAYS,
        "ban_targets": {"email": comment.author_email, "ip": comment.ip_address},
    }


def _open_reports(comment: Comment) -> int:
    return comment.reports.filter(resolved_at__isnull=True).count()


def _require_moderator(request) -> None:
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied


def _answer(request, comment, message, *, ok=True, status=200, **extra):
    if "application/json" in request.headers.get("Accept", ""):
        payload = {"ok": ok, "message": message, "counts": queue_counts()}
        if comment is not None:
            payload |= {"id": comment.pk, "status": comment.status,
                        "label": comment.get_status_display()}  # fmt: skip
        return JsonResponse(payload | extra, status=status)
    (messages.success if ok else messages.error)(request, message)
    back = request.POST.get("next") or request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, {request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("admin:comments_comment_changelist")
    return HttpResponseRedirect(back)


@require_POST
def moderate_view(request, pk, action):
    _require_moderator(request)
    if action not in ACTIONS:
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    service, verb = ACTIONS[action]
    service(comment=comment, moderator=request.user)
    return _answer(
        request, comment, f"Comment by {comment.author_name} {verb}.",
        actions_html=row_actions_html(comment, open_reports=_open_reports(comment)),
    )  # fmt: skip


@require_POST
def reply_view(request, pk):
    _require_moderator(request)
    parent = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    body = (request.POST.get(f"reply-{pk}") or request.POST.get("body", "")).strip()
    if not body:
        return _answer(request, parent, "Write a reply first.", ok=False, status=400)
    if parent.status not in (Comment.Status.APPROVED, Comment.Status.PENDING):
        return _answer(
            request, parent, "Only a published or held comment takes a reply.",
            ok=False, status=400,
        )  # fmt: skip
    try:
        reply = services.approve_and_reply(
            parent=parent, body=body[:5000], moderator=request.user
        )
    except services.CommentRefused as exc:
        return _answer(request, parent, str(exc), ok=False, status=400)
    except ValidationError as exc:
        return _answer(request, parent, " ".join(exc.messages), ok=False, status=400)
    parent.refresh_from_db(fields=["status"])
    return _answer(
        request, parent, "Your reply is published.", reply_url=reply.get_absolute_url(),
        actions_html=row_actions_html(parent, open_reports=_open_reports(parent)),
    )  # fmt: skip


@require_POST
def ban_view(request, pk):
    _require_moderator(request)
    comment = get_object_or_404(Comment, pk=pk)
    kind = request.POST.get("ban_kind", "")
    value = {"email": comment.author_email, "ip": comment.ip_address}.get(kind)
    try:
        days = int(request.POST.get("ban_days", ""))
    except ValueError:
        days = 0
    if not value or days not in BAN_DAYS:
        return _answer(request, comment, "Choose what to ban and for how long.",
                       ok=False, status=400)  # fmt: skip
    term = services.ban(
        kind=kind, value=value, days=days, moderator=request.user, comment=comment
    )
    return _answer(
        request, comment,
        f"Banned {term.value} until {term.expires_at:%d %b %Y %H:%M} UTC.",
    )  # fmt: skip


@require_POST
def lift_ban_view(request, term_pk):
    _require_moderator(request)
    term = get_object_or_404(BlockedTerm.objects.bans(), pk=term_pk)
    services.lift_ban(term=term, moderator=request.user)
    return _answer(request, None, f"Ban on {term.value} lifted.")


# Buttons per status: (action, label, shortcut key). A reported comment that
# is up gets "Keep", which answers its reports and leaves it up.
BUTTONS = {
    Comment.Status.PENDING: [("approve", "Approve", "a"), ("spam", "Spam", "s"),
                             ("trash", "Trash", "t")],
    Comment.Status.APPROVED: [("spam", "Spam", "s"), ("trash", "Trash", "t")],
    Comment.Status.SPAM: [("notspam", "Not spam", "n"), ("trash", "Trash", "t")],
    Comment.Status.TRASH: [("approve", "Restore and approve", "a"),
                           ("spam", "Spam", "s")],
}  # fmt: skip


def row_actions_html(comment: Comment, *, open_reports: int = 0) -> str:
    """The row's buttons: inside the admin's own form (it carries the CSRF
    token), each posts to its own view through `formaction`."""
    buttons = list(BUTTONS.get(comment.status, []))
    if comment.status == Comment.Status.APPROVED and open_reports:
        buttons.insert(0, ("approve", "Keep", "a"))
    parts = [
        format_html(
            '<button type="submit" class="button mod-action" formmethod="post" '
            'formaction="{}" data-action="{}" aria-keyshortcuts="{}" '
            'aria-describedby="comment-{}-who">{}</button>',
            reverse("admin:comments_comment_moderate", args=[comment.pk, action]),
            action,
            key,
            comment.pk,
            label,
        )  # fmt: skip
        for action, label, key in buttons
    ]
    if comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING):
        parts.append(
            format_html(
                '<details class="row-reply"><summary data-action="reply" '
                'aria-keyshortcuts="r">Reply</summary>'
                '<label for="reply-{0}">Reply to {1}</label>'
                '<textarea id="reply-{0}" name="reply-{0}" rows="3" '
                'maxlength="5000"></textarea>'
                '<button type="submit" class="button mod-reply" formmethod="post" '
                'formaction="{2}">Publish reply</button></details>',
                comment.pk,
                comment.author_name,
                reverse("admin:comments_comment_modreply", args=[comment.pk]),
            )  # fmt: skip
        )
    return format_html(
        '<div class="row-actions" data-comment="{}" data-status="{}">{}</div>',
        comment.pk, comment.status, mark_safe("".join(parts)),
    )  # fmt: skip
