from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from . import services
from .models import BlockedTerm, Comment, CommentEvent, ServiceAlert
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
    list_display = ["excerpt", "author_name", "article_link", "status", "hold_reason",
                    "created_at", "ip_address"]  # fmt: skip
    list_filter = [
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
        return Comment.objects.annotate(queue_rank=queue_rank).order_by(
            *self.get_ordering(request)
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
        return [
            path("<int:pk>/reply/", reply, name="comments_comment_reply"),
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


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "action", "note", "created_at"]
    list_filter = ["kind", "action"]
    search_fields = ["value", "note"]


@admin.register(ServiceAlert)
class ServiceAlertAdmin(admin.ModelAdmin):
    list_display = ["service", "code", "message", "created_at", "resolved_at"]
    list_filter = ["service", "resolved_at"]
    readonly_fields = ["service", "code", "message", "created_at"]
    actions = ["resolve"]

    @admin.action(description="Mark selected alerts as resolved")
    def resolve(self, request, queryset):
        queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
