"""The copy desk in the article admin: a form mixin, an admin mixin, a filter.

articles.admin mixes these in, so the article's own admin stays as it is.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from .engine import Finding, Severity, run_checks
from .models import CopyOverride, with_copy_counts, with_copy_errors
from .services import can_override, review_article

# One text input per error in the panel: a reason there overrides it.
OVERRIDE_PREFIX = "copydesk-override-"
FIELD_ANCHORS = {
    "headline": "id_headline",
    "standfirst": "id_standfirst",
    "body": "id_body",
    "lead_image": "id_lead_image",
}
# What the rules read from the form, beyond the instance.
CHECKED_FIELDS = ["headline", "standfirst", "body", "lead_image", "published_at"]


class CopyDeskFormMixin:
    """Checks the submitted article; refuses to publish or schedule with errors."""

    copy_findings: list[Finding] | None = None
    copy_overrides: dict[str, str] = {}

    def clean(self):
        from articles import services
        from articles.models import Article

        cleaned = super().clean()
        article = self.article_for_check(cleaned)
        self.copy_findings = run_checks(article)
        self.copy_overrides = self.requested_overrides()
        user = getattr(self, "user", None)
        if self.copy_overrides and (user is None or not can_override(user)):
            self.add_error(None, "Only editors can override copy-desk errors.")
            self.copy_overrides = {}
        if cleaned.get("status") == Article.Status.PUBLISHED:
            try:
                services.ensure_copy_is_clean(
                    article=article,
                    overriding=self.copy_overrides,
                    findings=self.copy_findings,
                )
            except ValidationError as exc:
                self.add_error("status", exc)
        return cleaned

    def article_for_check(self, cleaned):
        from articles.models import Article

        # A fresh object: the instance itself is only updated after clean().
        values = {
            name: cleaned.get(name, getattr(self.instance, name, None))
            for name in CHECKED_FIELDS
        }
        return Article(pk=self.instance.pk, status=cleaned.get("status"), **values)

    def requested_overrides(self) -> dict[str, str]:
        errors = {f.fingerprint for f in self.copy_findings or [] if f.is_error}
        requested = {}
        for key, value in self.data.items():
            fingerprint = key.removeprefix(OVERRIDE_PREFIX)
            if key != fingerprint and fingerprint in errors and value.strip():
                requested[fingerprint] = value.strip()
        return requested


class HasCopyErrorsFilter(admin.SimpleListFilter):
    title = "copy desk"
    parameter_name = "copy_errors"

    def lookups(self, request, model_admin):
        return [("yes", "Has copy errors"), ("no", "No copy errors")]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return with_copy_errors(queryset, present=self.value() == "yes")
        return queryset


@dataclass
class PanelRow:
    finding: Finding
    anchor: str
    override: CopyOverride | None = None
    reason: str = ""  # typed by the editor, kept when the form comes back


class CopyDeskAdminMixin:
    """Counts and a filter in the list; findings and overrides on the form."""

    def get_queryset(self, request):
        return with_copy_counts(super().get_queryset(request))

    def get_list_display(self, request):
        # Beside the status, where it is seen before the list scrolls.
        columns = list(super().get_list_display(request))
        at = columns.index("status_label") + 1 if "status_label" in columns else 1
        return [*columns[:at], "copy_desk", *columns[at:]]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), HasCopyErrorsFilter]

    def get_deleted_objects(self, objs, request):
        # An article's overrides go with it: whoever may delete the article
        # needs no right to delete overrides, which no one deletes by hand.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        perms_needed.discard(CopyOverride._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    @admin.display(description="Copy desk", ordering="copy_errors")
    def copy_desk(self, obj):
        errors = getattr(obj, "copy_errors", 0)
        warnings = getattr(obj, "copy_warnings", 0)
        if not errors and not warnings:
            return "—"
        parts = []
        if errors:
            parts.append(f"{errors} error{'s' if errors != 1 else ''}")
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        if errors:
            return format_html("<strong>{}</strong>", ", ".join(parts))
        return ", ".join(parts)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        review_article(
            article=form.instance,
            user=request.user,
            overrides=getattr(form, "copy_overrides", {}),
            findings=getattr(form, "copy_findings", None),
        )

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        form = context["adminform"].form
        context["copydesk"] = self.copy_desk_panel(request, form, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def copy_desk_panel(self, request, form, obj) -> dict:
        overrides = {}
        if obj is not None and obj.pk:
            overrides = {
                o.fingerprint: o
                for o in CopyOverride.objects.filter(article=obj).select_related("user")
            }
        if form.is_bound and form.copy_findings is not None:
            # The text as submitted: what the editor is looking at.
            findings, checked = form.copy_findings, True
        elif obj is not None and obj.pk:
            # Checked afresh: an article saved before the desk existed, or
            # a link target published since, shows as it is now.
            findings, checked = run_checks(obj), True
        else:
            findings, checked = [], False
        rows = [
            PanelRow(
                finding=f,
                anchor=FIELD_ANCHORS.get(f.field, ""),
                override=overrides.get(f.fingerprint) if f.is_error else None,
                reason=form.data.get(OVERRIDE_PREFIX + f.fingerprint, "")
                if form.is_bound
                else "",
            )
            for f in findings
        ]
        open_rows = [r for r in rows if r.override is None]
        return {
            "checked": checked,
            "rows": rows,
            "errors": sum(r.finding.severity == Severity.ERROR for r in open_rows),
            "warnings": sum(r.finding.severity == Severity.WARNING for r in open_rows),
            "overridden": len(rows) - len(open_rows),
            "can_override": can_override(request.user),
            "prefix": OVERRIDE_PREFIX,
        }


@admin.register(CopyOverride)
class CopyOverrideAdmin(admin.ModelAdmin):
    """Every override on record: who let which error through, and why.

    An audit record: no one edits or deletes it in admin.
    """

    list_display = ["article", "rule", "excerpt", "reason", "user", "created_at"]
    list_filter = ["rule", "created_at"]
    list_select_related = ["article", "user"]
    search_fields = ["article__headline", "reason", "excerpt"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
