"""Reply notices: "Email me when someone replies", with double opt-in.

The first time an address asks, it gets a confirmation email with a signed
link that expires (COMMENT_NOTIFY_CONFIRM_DAYS); nothing else goes to it
until it is confirmed. Approved replies to a confirmed reader's comment go
out one email per reply, or one for several arriving within
COMMENT_REPLY_BATCH_SECONDS, each with a one-click unsubscribe (RFC 8058
headers and a link). An unsubscribed or erased address is never emailed
again. Every email goes through the task worker, never in the request.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from .models import Comment, ReplySubscription

logger = logging.getLogger(__name__)

CONFIRM_SALT = "comments.notify.confirm"
UNSUBSCRIBE_SALT = "comments.notify.unsubscribe"


def email_hash(email: str) -> str:
    # Salted with the secret key: the table cannot be checked against a
    # list of addresses without it.
    value = f"{settings.SECRET_KEY}:{email.strip().lower()}"
    return hashlib.sha256(value.encode()).hexdigest()


def subscription_for(email: str) -> ReplySubscription | None:
    return ReplySubscription.objects.filter(email_hash=email_hash(email)).first()


def site_url(path: str) -> str:
    from django.contrib.sites.models import Site

    domain = Site.objects.get_current().domain
    scheme = "http" if domain.startswith(("localhost", "127.0.0.1")) else "https"
    return f"{scheme}://{domain}{path}"


def confirm_url(email: str) -> str:
    token = signing.dumps(email.strip().lower(), salt=CONFIRM_SALT, compress=True)
    return site_url(reverse("comments:notify_confirm", args=[token]))


def unsubscribe_url(email: str) -> str:
    token = signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT, compress=True)
    return site_url(reverse("comments:notify_unsubscribe", args=[token]))


# Services


def ask_for_reply_notices(*, email: str) -> ReplySubscription | None:
    """An address asks: a confirmation goes out the first time (or after the
    last link expired); never to an address that unsubscribed."""
    subscription, _ = ReplySubscription.objects.get_or_create(
        email_hash=email_hash(email)
    )
    if subscription.unsubscribed_at or subscription.confirmed_at:
        return subscription
    expiry = timedelta(days=settings.COMMENT_NOTIFY_CONFIRM_DAYS)
    sent = subscription.confirmation_sent_at
    if sent is None or sent < timezone.now() - expiry:
        # Claimed first: two comments posted together send one email.
        claimed = ReplySubscription.objects.filter(
            pk=subscription.pk, confirmation_sent_at=sent
        ).update(confirmation_sent_at=timezone.now())
        if claimed:
            transaction.on_commit(
                lambda: send_confirmation.enqueue(email.strip().lower()), robust=True
            )
    return subscription


def confirm_reply_notices(*, email: str) -> bool:
    """Confirm an address (from a valid link); False if it unsubscribed."""
    subscription, _ = ReplySubscription.objects.get_or_create(
        email_hash=email_hash(email)
    )
    if subscription.unsubscribed_at:
        return False
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        # Replies approved while the link waited in the inbox.
        transaction.on_commit(lambda: schedule_notices(email), robust=True)
    return True


def unsubscribe(*, email: str) -> None:
    """Never email this address again (kept as a hash only)."""
    subscription, _ = ReplySubscription.objects.get_or_create(
        email_hash=email_hash(email)
    )
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    Comment.objects.filter(author_email=email.strip().lower()).update(
        notify_replies=False
    )


def reply_approved(reply: Comment) -> None:
    """Called when a reply becomes public: notice its parent's poster later."""
    if reply.parent_id is None:
        return
    parent = (
        Comment.objects.filter(pk=reply.parent_id)
        .only("author_email", "notify_replies")
        .first()
    )
    if parent is None or not parent.notify_replies:
        return
    if parent.author_email == reply.author_email:
        return  # answering themselves
    email = parent.author_email
    transaction.on_commit(lambda: schedule_notices(email), robust=True)


def schedule_notices(email: str) -> None:
    subscription = subscription_for(email)
    if subscription is None or not subscription.may_email:
        return
    when = timezone.now() + timedelta(seconds=settings.COMMENT_REPLY_BATCH_SECONDS)
    if default_task_backend.supports_defer and settings.COMMENT_REPLY_BATCH_SECONDS:
        # Replies in the next few minutes ride along: the first run sends
        # them all, later runs find nothing left to send.
        send_reply_notices.using(run_after=when).enqueue(email)
    else:
        send_reply_notices.enqueue(email)


# Tasks


@task
def send_confirmation(email: str) -> bool:
    subscription = subscription_for(email)
    if subscription is None or subscription.unsubscribed_at:
        return False
    context = {"confirm_url": confirm_url(email),
               "days": settings.COMMENT_NOTIFY_CONFIRM_DAYS}  # fmt: skip
    EmailMessage(
        "Please confirm: email me when someone replies",
        render_to_string("comments/email/confirm_notices.txt", context),
        to=[email],
    ).send()
    return True


@task
def send_reply_notices(email: str) -> int:
    """One email with every approved reply not yet sent to this address."""
    subscription = subscription_for(email)
    if subscription is None or not subscription.may_email:
        return 0
    replies = list(
        Comment.objects.approved()
        .filter(
            parent__author_email=email,
            parent__notify_replies=True,
            reply_notice_sent_at__isnull=True,
            created_at__gte=subscription.created_at,
        )
        .exclude(author_email=email)
        .select_related("article", "parent")
        .order_by("created_at")[:50]
    )
    if not replies:
        return 0
    now = timezone.now()
    # Claim the rows first: two workers never send the same reply twice.
    claimed = Comment.objects.filter(
        pk__in=[r.pk for r in replies], reply_notice_sent_at__isnull=True
    ).update(reply_notice_sent_at=now)
    if claimed != len(replies):
        mine = set(
            Comment.objects.filter(
                pk__in=[r.pk for r in replies], reply_notice_sent_at=now
            ).values_list("pk", flat=True)
        )
        replies = [r for r in replies if r.pk in mine]
    if not replies:
        return 0
    from .threads import comment_url

    leave = unsubscribe_url(email)
    items = [{"reply": r, "url": site_url(comment_url(r))} for r in replies]
    # One line, whatever the name holds: a subject is a mail header.
    name = " ".join(replies[0].author_name.split())[:80]
    subject = (
        f"{name} replied to your comment"
        if len(replies) == 1
        else f"{len(replies)} replies to your comments"
    )
    message = EmailMessage(
        subject,
        render_to_string("comments/email/reply_notice.txt",
                         {"items": items, "unsubscribe_url": leave}),
        to=[email],
        # RFC 8058: mail programs offer one-click unsubscribe (a POST).
        headers={"List-Unsubscribe": f"<{leave}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )  # fmt: skip
    message.send()
    return len(replies)


# Views (plain pages; the POST is the one-click unsubscribe of RFC 8058)


def _email_from(token: str, salt: str, max_age=None) -> str:
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        raise Http404("This link is not valid.") from None


@csrf_exempt
def confirm_view(request, token):
    max_age = timedelta(days=settings.COMMENT_NOTIFY_CONFIRM_DAYS)
    try:
        email = _email_from(token, CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return render(request, "comments/notify_page.html", {"state": "expired"},
                      status=410)  # fmt: skip
    if request.method != "POST":
        # Link checkers in mail programs fetch links: only a POST confirms.
        return render(request, "comments/notify_page.html", {"state": "confirm"})
    confirmed = confirm_reply_notices(email=email)
    state = "confirmed" if confirmed else "unsubscribed"
    return render(request, "comments/notify_page.html", {"state": state})


@csrf_exempt
def unsubscribe_view(request, token):
    email = _email_from(token, UNSUBSCRIBE_SALT)
    if request.method != "POST":
        return render(request, "comments/notify_page.html", {"state": "unsubscribe"})
    unsubscribe(email=email)
    return render(request, "comments/notify_page.html", {"state": "unsubscribed"})
