from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from articles.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self):
        return self.filter(status=Comment.Status.PENDING)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def reported(self):
        """Still public or held, with reports no moderator has settled yet."""
        return self.filter(
            status__in=[Comment.Status.APPROVED, Comment.Status.PENDING],
            reports__resolved_at__isnull=True,
            reports__isnull=False,
        ).distinct()

    def due_for_recheck(self, now=None):
        """Held because a checker failed, and its retry time has come."""
        return self.filter(
            status=Comment.Status.PENDING,
            next_recheck_at__isnull=False,
            next_recheck_at__lte=now or timezone.now(),
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top-level comment of the thread (empty on top-level comments):
    # one query fetches every reply of a page of threads.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    author_name = models.CharField("name", max_length=80)
    author_email = models.EmailField("email", max_length=254)
    author_url = models.URLField(
        "website",
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    body = models.TextField("comment", max_length=5000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    is_staff_reply = models.BooleanField(default=False)

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    hold_reason = models.CharField(
        max_length=40, blank=True, help_text="Why it was held or marked as spam."
    )
    # Akismet said "discard": kept briefly for review, purged sooner than spam.
    discarded = models.BooleanField(default=False)

    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    referrer = models.CharField(max_length=400, blank=True)
    # What the honeypot and the form timestamp said, for rechecks.
    form_signals = models.JSONField(default=dict, blank=True)
    # Identifies one submission of one form: a double click stores one comment.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    next_recheck_at = models.DateTimeField(null=True, blank=True)
    recheck_count = models.PositiveSmallIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    # The poster asked to be emailed about replies (comments.notify).
    notify_replies = models.BooleanField(default=False)
    # When this reply's notice went out to its parent's poster.
    reply_notice_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [
            ("moderate_comment", "Can approve, reject and reply to comments")
        ]
        indexes = [
            # Now serves counting an article's approved comments
            # (comment_count); the thread page reads the one below.
            models.Index(
                fields=["article", "status", "parent", "created_at"],
                name="comment_thread_page_idx",
            ),
            # A page of threads, in order: PostgreSQL does not take
            # "parent_id IS NULL" as fixing the column in the index above, so
            # only a partial index gives the (created_at, id) order.
            models.Index(
                fields=["article", "status", "created_at", "id"],
                condition=models.Q(parent__isnull=True),
                name="comment_roots_page_idx",
            ),
            models.Index(
                fields=["thread", "status"], name="comment_thread_replies_idx"
            ),
            models.Index(fields=["author_email", "status"], name="comment_email_idx"),
            models.Index(fields=["ip_address", "created_at"], name="comment_ip_idx"),
            models.Index(fields=["next_recheck_at"], name="comment_recheck_idx"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        comment = super().from_db(db, field_names, values, **kwargs)
        # Remembered so the page cache knows whether a public comment changed.
        comment._loaded_status = comment.__dict__.get("status")
        return comment

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class CommentEvent(models.Model):
    """The decision record: every verdict, error and status change, in order."""

    class Kind(models.TextChoices):
        CHECK = "check", "Checked"
        ERROR = "error", "Check failed"
        STATUS = "status", "Status changed"
        REPORT = "report", "Reported to spam service"
        EDIT = "edit", "Edited"
        FLAG = "flag", "Reader reports"
        BAN = "ban", "Ban"

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    checker = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    # The provider's own answer (Akismet: body and X-akismet-* headers).
    raw = models.JSONField(default=dict, blank=True)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.checker} {self.outcome} {self.reason}"


class BlockedTermQuerySet(models.QuerySet):
    def in_force(self, now=None):
        """Terms that apply now: no expiry, or one still ahead."""
        return self.filter(
            models.Q(expires_at__isnull=True)
            | models.Q(expires_at__gt=now or timezone.now())
        )

    def bans(self):
        return self.filter(expires_at__isnull=False)


class BlockedTerm(models.Model):
    """Blocklist (spam) and moderation list (hold), edited by moderators."""

    class Kind(models.TextChoices):
        WORD = "word", "Word or phrase in the comment or name"
        EMAIL = "email", "Email address (or @domain)"
        IP = "ip", "IP address"
        URL = "url", "Website or link (domain)"

    class Action(models.TextChoices):
        SPAM = "spam", "Blocklist: mark as spam"
        HOLD = "hold", "Moderation list: hold for a moderator"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=200)
    action = models.CharField(
        max_length=10, choices=Action.choices, default=Action.SPAM
    )
    note = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A ban for a set time: the term stops applying then. "
        "Empty: until removed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockedTermQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value"], name="unique_blocked_term"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)


class CommentReport(models.Model):
    """A reader's flag on a public comment, with a reason."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", "Abusive or hateful"
        SPAM = "spam", "Spam or advertising"
        OFF_TOPIC = "off_topic", "Off-topic"
        PERSONAL = "personal", "Shares personal information"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    # One report per reader: a hash of the browser's signed reader id, or of
    # the IP address when the browser keeps no cookie.
    reporter_key = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator decides on the comment: the report is answered.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader"
            )
        ]
        indexes = [
            models.Index(fields=["resolved_at", "comment"], name="report_open_idx")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} on comment {self.comment_id}"


class ReplySubscription(models.Model):
    """An address's consent to reply notices, by a hash of the address: an
    unsubscribed or erased address stays known as "never email", without the
    address itself being kept."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        state = (
            "unsubscribed"
            if self.unsubscribed_at
            else ("confirmed" if self.confirmed_at else "unconfirmed")
        )
        return f"Reply notices ({state})"

    @property
    def may_email(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class ServiceAlert(models.Model):
    """A spam service problem staff must see (bad key, Akismet alert)."""

    service = models.CharField(max_length=40)
    code = models.CharField(max_length=40, blank=True)
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Two failing checks at once must not open two alerts: with two,
            # get_or_create() raised on every later check.
            models.UniqueConstraint(
                fields=["service", "code"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_alert_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.service}: {self.message}"
