"""The article's life in its change form: buttons for the steps this user
may take (articles.workflow), the recorded steps, and the reporters' rules:
their own articles, read-only colleagues' ones, and bylines."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join

from . import workflow
from .models import Article
from .services import can_publish


class WorkflowFormMixin:
    """Maps the pressed step button to a status, and holds every status
    change, button or not, to the rules of articles.workflow."""

    workflow_step = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        self.step_name = data.get("_step", "")
        self.step_note = data.get("_step_note", "")
        if "status" in self.fields:
            # The buttons change it; the field carries the current value.
            self.fields["status"].widget = forms.HiddenInput()

    def add_error(self, field, error):
        # The status field is hidden: its errors show at the top of the form.
        super().add_error(None if field == "status" else field, error)

    def clean(self):
        user = getattr(self, "user", None)
        article = self.instance if self.instance.pk else None
        current = self.instance.status if article else Article.Status.DRAFT
        status = self.cleaned_data.get("status", current)
        name = self.step_name or workflow.inferred_step(
            current, status, self.cleaned_data.get("published_at")
        )
        if name and user is not None:
            try:
                step = workflow.check_step(user, article, name, note=self.step_note)
                when = workflow.publish_time(
                    step, self.cleaned_data.get("published_at")
                )
            except PermissionDenied as exc:
                raise ValidationError(str(exc)) from None
            if step.to:
                self.cleaned_data["status"] = step.to
            if when is not None:
                self.cleaned_data["published_at"] = when
            self.workflow_step = step
        return super().clean()


class OwnBylineFormSet(BaseInlineFormSet):
    """A reporter may put only themselves on a byline; an editor may add
    anyone, and names an editor put there stay."""

    user = None

    def clean(self):
        super().clean()
        if self.user is None or can_publish(self.user):
            return
        own = getattr(self.user, "author_profile", None)
        allowed = {own.pk} if own else set()
        if self.instance.pk:
            allowed |= set(self.instance.bylines.values_list("author_id", flat=True))
        for form in self.forms:
            author = form.cleaned_data.get("author")
            deleting = form.cleaned_data.get("DELETE")
            if author is not None and not deleting and author.pk not in allowed:
                raise ValidationError(
                    f"You can put only yourself on a byline; ask an editor to "
                    f"add {author}."
                )


class MineFilter(admin.SimpleListFilter):
    """Reporters see their own articles first; "Everyone's" shows all."""

    title = "byline"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "Mine"), ("no", "Everyone's")]

    def _default(self, request):
        return "no" if can_publish(request.user) else "yes"

    def value(self):
        return super().value() or self.default

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(bylines__author__user=request.user).distinct()
        return queryset

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }

    def __init__(self, request, params, model, model_admin):
        self.default = self._default(request)
        super().__init__(request, params, model, model_admin)


class WorkflowAdminMixin:
    """Buttons, recorded steps and the reporters' rules in ArticleAdmin."""

    def get_list_filter(self, request):
        return [MineFilter, *super().get_list_filter(request)]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "history"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append(("History", {"fields": ["history"]}))
        return fieldsets

    @admin.display(description="Steps")
    def history(self, obj):
        steps = obj.steps.select_related("user") if obj and obj.pk else []
        if not steps:
            return "No steps yet."
        return format_html(
            "<ol class='article-steps'>{}</ol>",
            format_html_join(
                "",
                "<li><strong>{}</strong> by {} · {}{}</li>",
                (
                    (
                        step.get_kind_display(),
                        step.user.get_username() if step.user else "someone",
                        step.created_at.strftime("%-d %b %Y %H:%M"),
                        format_html("<blockquote>{}</blockquote>", step.note)
                        if step.note
                        else "",
                    )
                    for step in steps
                ),
            ),
        )

    def has_change_permission(self, request, obj=None):
        # Reporters change their own articles; colleagues' are read-only.
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and not can_publish(request.user):
            return workflow.is_own(request.user, obj)
        return allowed

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        own = getattr(request.user, "author_profile", None)
        new = obj is None or obj.pk is None
        bylines = inline.model._meta.label == "articles.ArticleAuthor"
        if new and bylines and own and request.method == "GET":
            # A new article's byline starts as the writer's own.
            kwargs["initial"] = [{"author": own.pk, "order": 0}]
        return kwargs

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if issubclass(formset, BaseInlineFormSet) and formset.model._meta.label == (
                "articles.ArticleAuthor"
            ):
                formset = type(
                    formset.__name__,
                    (OwnBylineFormSet, formset),
                    {"user": request.user},
                )
            yield formset, inline

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        step = getattr(form, "workflow_step", None)
        if step is not None and step.kind:
            workflow.record_step(
                article=obj, user=request.user, kind=step.kind, note=form.step_note
            )
            self.message_user(request, f"{step.label}: done.", messages.SUCCESS)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        # As stored: a form sent back with errors holds unsaved values.
        stored = Article.objects.filter(pk=obj.pk).first() if obj and obj.pk else None
        context["workflow_steps"] = workflow.available_steps(request.user, stored)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
