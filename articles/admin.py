from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from articles.copydesk.admin import CopyDeskAdminMixin, CopyDeskFormMixin

from . import images, services
from .admin_autosave import AutosaveAdminMixin
from .admin_editor import ImageChooserAdminMixin
from .admin_lists import confirm_first
from .admin_locking import EditLockAdminMixin
from .admin_revisions import RevisionAdminMixin
from .admin_workflow import WorkflowAdminMixin, WorkflowFormMixin
from .editor import BodyEditorFormMixin
from .locking import VersionCheckedForm
from .models import Article, ArticleAuthor, Author, Image, Section, Tag
from .sanitize import sanitize_html


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "order", "in_navigation"]
    list_editable = ["order", "in_navigation"]
    list_filter = ["in_navigation", "parent"]
    list_select_related = ["parent", "parent__parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["parent"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role_title", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "role_title"]
    autocomplete_fields = ["photo", "user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]
        # Django's file widget sits in a fieldset whose legend is no label.
        widgets = {"file": AdminFileWidget(attrs={"aria-label": "Image file"})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and "file" in self.changed_data:
            images.validate_image_file(upload)
        return upload


def thumbnail(image, width=160):
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" class="admin-thumbnail">',
        images.crop_url(image, "16x9", largest=False),
        image.alt_text,
        width,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "preview",
        "alt_text",
        "caption",
        "credit",
        "width",
        "height",
        "created_at",
    ]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "width", "height", "original_name"]

    @admin.display(description="Preview")
    def preview(self, obj):
        return thumbnail(obj)

    def has_change_permission(self, request, obj=None):
        # The article rule: a reporter cannot change what readers see.
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            return services.can_change_image(request.user, obj)
        return allowed

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            images.store_upload(obj, form.cleaned_data["file"])
        else:
            obj.save()


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "Authors (in byline order)"
    fields = ["author", "order"]


class ArticleForm(
    WorkflowFormMixin, CopyDeskFormMixin, BodyEditorFormMixin, VersionCheckedForm
):
    """Reporters may write and submit for review; the server refuses the rest."""

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "standfirst", "body", "section", "tags", "dateline",
            "featured", "lead_image", "status", "published_at", "comments_enabled",
            "comments_close_after_days",
        ]  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if (
            user is not None
            and not services.can_publish(user)
            and "status" in self.fields
        ):
            allowed = {Article.Status.DRAFT, Article.Status.REVIEW}
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] in allowed
            ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        publishing = status in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}
        if publishing and self.user is not None and not services.can_publish(self.user):
            raise forms.ValidationError("Only editors can publish or unpublish.")
        return status


@admin.register(Article)
class ArticleAdmin(
    WorkflowAdminMixin,
    RevisionAdminMixin,
    EditLockAdminMixin,
    AutosaveAdminMixin,
    ImageChooserAdminMixin,
    CopyDeskAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleForm
    list_display = [
        "headline", "status_label", "section", "byline", "published_at", "updated_at",
        "site_link",
    ]  # fmt: skip
    list_filter = ["status", "section", "featured", "authors", "published_at"]
    list_select_related = ["section", "section__parent"]
    search_fields = ["headline", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "lead_image"]
    readonly_fields = [
        "lead_image_preview",
        "first_published_at",
        "updated_at",
        "created_at",
    ]
    inlines = [BylineInline]
    actions = ["publish_selected", "unpublish_selected", "draft_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        ("Placement", {"fields": ["section", "tags", "dateline", "featured"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_preview"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "comments_enabled",
                    "comments_close_after_days",
                    "first_published_at",
                    "updated_at",
                    "created_at",
                ]
            },
        ),  # fmt: skip
    ]
    change_form_template = "admin/articles/article/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class RequestArticleForm(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return RequestArticleForm

    def has_change_permission(self, request, obj=None):
        # A reporter cannot edit what is already live or taken down.
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and not services.can_publish(request.user):
            return obj.status in {Article.Status.DRAFT, Article.Status.REVIEW}
        return allowed

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return "Scheduled"
        return obj.get_status_display()

    @admin.display(description="Authors")
    def byline(self, obj):
        return ", ".join(b.author.name for b in obj.bylines.all())

    @admin.display(description="On site")
    def site_link(self, obj):
        if obj.is_live:
            return format_html('<a href="{}">View</a>', obj.get_absolute_url())
        return format_html('<a href="{}">Preview</a>', obj.get_preview_url())

    @admin.display(description="Preview")
    def lead_image_preview(self, obj):
        return thumbnail(obj.lead_image, width=320)

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            return HttpResponseRedirect(obj.get_preview_url())
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return HttpResponseRedirect(obj.get_preview_url())
        return super().response_add(request, obj, post_url_continue)

    def _run_bulk(self, request, queryset, service, verb):
        # Each article goes through the service, so its rules and save() apply;
        # queryset.update() would skip them.
        done = 0
        for article in queryset.select_related("section"):
            try:
                service(article=article, user=request.user)
            except (PermissionDenied, ValidationError) as exc:
                error = (
                    "; ".join(exc.messages) if hasattr(exc, "messages") else str(exc)
                )
                self.message_user(request, f"“{article}”: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"{done} article(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run_bulk(request, queryset, services.publish_article, "published")

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        question = "Take these articles off the site?"
        if page := confirm_first(
            self, request, queryset, question=question, button="Yes, unpublish"
        ):
            return page
        self._run_bulk(request, queryset, services.unpublish_article, "unpublished")

    @admin.action(
        description="Send selected articles back to draft", permissions=["publish"]
    )
    def draft_selected(self, request, queryset):
        question = "Send these articles back to draft (off the site if live)?"
        if page := confirm_first(
            self, request, queryset, question=question, button="Yes, back to draft"
        ):
            return page
        self._run_bulk(
            request, queryset, services.return_to_draft, "sent back to draft"
        )

    def has_publish_permission(self, request):
        return services.can_publish(request.user)


class PageForm(FlatpageForm):
    def clean_content(self):
        # Staff-written, but kept to the same allow-list as article bodies.
        return sanitize_html(self.cleaned_data["content"])


admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class PageAdmin(FlatPageAdmin):
    """About, Contact and Privacy: served under /pages/<url>."""

    form = PageForm


# Calendar, front page and image library: each registers its own admin.
from . import admin_desk, admin_frontpage, admin_images  # noqa: E402, F401
