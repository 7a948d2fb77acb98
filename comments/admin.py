from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from . import moderation, services
from .models import BlockedTerm, Comment, CommentEvent, ServiceAlert
from .rendering import comment_text
from .threads import comment_url

MODERATE = "comments.moderate_comment"


class CommentEventInline(admin.TabularInline):
    """The decision record: read-only, oldest first."""

    model = CommentEvent
    extra = 0
    can_delete = False
    verbose_name_plural = "Decision record"
    fields = ["created_at", "kind", "checker_short", "outcome", "reason", "status_change",
              "actor", "raw"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Checker")
    def checker_short(self, obj):
        return obj.checker.rsplit(".", 1)[-1]

    @admin.display(description="Status")
    def status_change(self, obj):
        if obj.kind != CommentEvent.Kind.STATUS:
            return ""
        return f"{obj.from_status or '—'} → {obj.to_status}"


class ReasonFilter(admin.SimpleListFilter):
    title = "reason"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        reasons = (
            Comment.objects.exclude(hold_reason="")
            .order_by("hold_reason")
            .values_list("hold_reason", flat=True)
            .distinct()[:50]
        )
        return [(r, r) for r in reasons]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(hold_reason=self.value())
        return queryset


class QueueFilter(admin.SimpleListFilter):
    """The moderation queues; their counts are the tabs above the list."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("pending", "Pending"), ("reported", "Reported"), ("spam", "Spam"),
                ("trash", "Trash")]  # fmt: skip

    def queryset(self, request, queryset):
        match self.value():
            case "reported":
                return queryset.filter(open_reports__gt=0).exclude(
                    status__in=[Comment.Status.SPAM, Comment.Status.TRASH]
                )
            case "pending" | "spam" | "trash" as status:
                return queryset.filter(status=status)
        return queryset


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    # The buttons beside the text: in view without scrolling sideways.
    list_display = ["full_text", "row_actions", "author_name", "article_link", "status",
                    "hold_reason", "created_at", "ip_address"]  # fmt: skip
    # The text is read, not clicked: the name opens the comment's page.
    list_display_links = ["author_name"]
    list_filter = [
        QueueFilter,
        "status",
        ReasonFilter,
        "is_staff_reply",
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["author_name", "author_email", "ip_address", "body"]
    list_select_related = ["article", "article__section"]
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "mark_not_spam", "trash", "delete_permanently"]
    inlines = [CommentEventInline]
    fieldsets = [
        (None, {"fields": ["body"]}),
        (
            "About this comment",
            {
                "fields": [
                    "status", "hold_reason", "article_link", "parent_link", "author_name",
                    "author_email", "author_url", "created_at", "ip_address",
                    "user_agent", "referrer", "next_recheck_at", "recheck_count",
                    "reply_link",
                ]
            },
        ),
    ]  # fmt: skip
    readonly_fields = [
        "status", "hold_reason", "article_link", "parent_link", "author_name",
        "author_email", "author_url", "created_at", "ip_address", "user_agent",
        "referrer", "next_recheck_at", "recheck_count", "reply_link",
    ]  # fmt: skip

    def get_queryset(self, request):
        # Pending first: the queue a moderator works through. Annotated before
        # ordering, which ModelAdmin.get_queryset() would apply too early.
        queue_rank = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
        return Comment.objects.annotate(
            queue_rank=queue_rank, open_reports=open_reports
        ).order_by(*self.get_ordering(request))

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if self.has_moderate_permission(request):
            return shown
        return [name for name in shown if name != "row_actions"]

    def changelist_view(self, request, extra_context=None):
        queue = request.GET.get("queue", "all")
        extra = {"queue_tabs": moderation.queue_tabs(), "queue": queue,
                 "can_moderate": self.has_moderate_permission(request)}  # fmt: skip
        return super().changelist_view(request, extra | (extra_context or {}))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = self.get_object(request, object_id)
        extra = {"can_moderate": self.has_moderate_permission(request)}
        if comment is not None:
            extra |= moderation.comment_page_context(comment)
            extra["row_actions_html"] = moderation.row_actions_html(
                comment, open_reports=comment.open_reports
            )
        return super().change_view(
            request, object_id, form_url, extra | (extra_context or {})
        )

    def get_ordering(self, request):
        return ["queue_rank", "-created_at"]

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        # Deleting goes through the service (counts stay exact).
        actions.pop("delete_selected", None)
        return actions

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    @admin.display(description="Comment")
    def full_text(self, obj):
        # The whole text; a long one opens in place.
        marker = "Staff: " if obj.is_staff_reply else ""
        name = format_html(
            '<span class="visually-hidden" id="comment-{}-who">{}</span>',
            obj.pk, f"comment by {obj.author_name}",
        )  # fmt: skip
        if len(obj.body) <= 300:
            return format_html("{}{}{}", name, marker, comment_text(obj.body))
        return format_html(
            '{}<details class="full-text"><summary>{}{}… <span class="more">'
            "(show all)</span></summary>{}</details>",
            name, marker, obj.body[:240], comment_text(obj.body),
        )  # fmt: skip

    @admin.display(description="Actions")
    def row_actions(self, obj):
        return moderation.row_actions_html(obj, open_reports=obj.open_reports)

    @admin.display(description="Comment")
    def excerpt(self, obj):
        marker = "Staff: " if obj.is_staff_reply else ""
        return f"{marker}{obj.body[:80]}{'…' if len(obj.body) > 80 else ''}"

    @admin.display(description="Article")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), obj.article.headline
        )

    @admin.display(description="In reply to")
    def parent_link(self, obj):
        if not obj.parent_id:
            return "—"
        url = reverse("admin:comments_comment_change", args=[obj.parent_id])
        return format_html('<a href="{}">{}</a>', url, obj.parent)

    @admin.display(description="Reply")
    def reply_link(self, obj):
        if obj.pk is None or obj.status != Comment.Status.APPROVED:
            return "Approve the comment to reply to it."
        url = reverse("admin:comments_comment_reply", args=[obj.pk])
        return format_html('<a class="button" href="{}">Reply as staff</a>', url)

    def save_model(self, request, obj, form, change):
        if change and "body" in form.changed_data:
            services.edit_comment(comment=obj, body=obj.body, moderator=request.user)

    def delete_model(self, request, obj):
        services.delete_comment(comment=obj)

    def delete_queryset(self, request, queryset):
        for comment in queryset:
            services.delete_comment(comment=comment)

    def _moderate(self, request, queryset, service, verb):
        # Each comment goes through the service: events, counts, Akismet reports.
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        done = 0
        for comment in queryset.select_related("article"):
            service(comment=comment, moderator=request.user)
            done += 1
        self.message_user(request, f"{done} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, services.approve_comment, "approved")

    @admin.action(description="Mark selected as spam", permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, services.mark_spam, "marked as spam")

    @admin.action(description="Not spam: approve selected", permissions=["moderate"])
    def mark_not_spam(self, request, queryset):
        self._moderate(
            request, queryset, services.mark_not_spam, "approved as not spam"
        )

    @admin.action(description="Move selected to trash", permissions=["moderate"])
    def trash(self, request, queryset):
        self._moderate(request, queryset, services.trash_comment, "moved to trash")

    @admin.action(description="Delete selected permanently", permissions=["delete"])
    def delete_permanently(self, request, queryset):
        count = queryset.count()
        self.delete_queryset(request, queryset)
        self.message_user(request, f"{count} comment(s) deleted.", messages.SUCCESS)

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/reply/", reply, name="comments_comment_reply"),
            path(
                "<int:pk>/moderate/<slug:action>/",
                wrap(moderation.moderate_view),
                name="comments_comment_moderate",
            ),
            path(
                "<int:pk>/moderate-reply/",
                wrap(moderation.reply_view),
                name="comments_comment_modreply",
            ),
            path(
                "<int:pk>/ban/", wrap(moderation.ban_view), name="comments_comment_ban"
            ),
            path(
                "bans/<int:term_pk>/lift/",
                wrap(moderation.lift_ban_view),
                name="comments_comment_liftban",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        parent = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        form = StaffReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                reply = services.reply_as_staff(
                    parent=parent,
                    body=form.cleaned_data["body"],
                    moderator=request.user,
                )
            except services.CommentRefused as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(request, "Your reply is published.", messages.SUCCESS)
                return redirect(comment_url(reply))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {parent.author_name}",
            "parent": parent,
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)


class BanFilter(admin.SimpleListFilter):
    title = "bans"
    parameter_name = "ban"

    def lookups(self, request, model_admin):
        return [("active", "Bans in force"), ("expired", "Expired bans"),
                ("none", "Permanent terms")]  # fmt: skip

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "active":
                return queryset.bans().filter(expires_at__gt=now)
            case "expired":
                return queryset.bans().filter(expires_at__lte=now)
            case "none":
                return queryset.filter(expires_at__isnull=True)
        return queryset


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "action", "expires_at", "note", "created_at"]
    list_filter = [BanFilter, "kind", "action"]
    search_fields = ["value", "note"]
    actions = ["lift_bans"]

    @admin.action(description="Lift selected bans now", permissions=["delete"])
    def lift_bans(self, request, queryset):
        lifted = 0
        for term in queryset.bans():
            services.lift_ban(term=term, moderator=request.user)
            lifted += 1
        self.message_user(request, f"{lifted} ban(s) lifted.", messages.SUCCESS)


@admin.register(ServiceAlert)
class ServiceAlertAdmin(admin.ModelAdmin):
    list_display = ["service", "code", "message", "created_at", "resolved_at"]
    list_filter = ["service", "resolved_at"]
    readonly_fields = ["service", "code", "message", "created_at"]
    actions = ["resolve"]

    @admin.action(description="Mark selected alerts as resolved")
    def resolve(self, request, queryset):
        queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
