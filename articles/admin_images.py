"""The image library in admin: a grid, search and filters, several uploads at
once, where each image is used, and a focal point set by clicking."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.forms import modelformset_factory
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from . import image_library, images
from .admin import ImageAdmin, ImageForm
from .models import Author, Image, ImageUse

UPLOAD_ROWS = 6


class LibraryImageForm(ImageForm):
    class Meta(ImageForm.Meta):
        fields = [
            "file", "title", "alt_text", "caption", "credit", "tags",
            "focal_x", "focal_y",
        ]  # fmt: skip
        widgets = {
            **ImageForm.Meta.widgets,
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
        }

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("focal_x") is None) != (cleaned.get("focal_y") is None):
            raise forms.ValidationError(
                "Give both focal point numbers, or leave both empty."
            )
        return cleaned


class UploadForm(ImageForm):
    class Meta(ImageForm.Meta):
        fields = ["file", "alt_text", "title", "caption", "credit"]
        widgets = {"file": forms.FileInput(attrs={"accept": "image/*"})}


UploadFormSet = modelformset_factory(
    Image, form=UploadForm, extra=UPLOAD_ROWS, max_num=20, validate_max=True
)


class UseFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [
            ("lead", "Lead image of an article"),
            ("body", "In an article's body"),
            ("photo", "Author photo"),
            ("unused", "Not used"),
        ]

    def queryset(self, request, queryset):
        uses = ImageUse.objects.filter(image=OuterRef("pk"))
        match self.value():
            case "lead" | "body" as kind:
                return queryset.filter(Exists(uses.filter(kind=kind)))
            case "photo":
                return queryset.filter(
                    Exists(Author.objects.filter(photo=OuterRef("pk")))
                )
            case "unused":
                return queryset.exclude(pk__in=Image.objects.in_use().values("pk"))
        return queryset


def usage_list(found) -> str:
    if not found:
        return "Not used anywhere yet."
    return format_html(
        "<ul class='image-uses'>{}</ul>",
        format_html_join(
            "",
            '<li>{} <a href="{}">{}</a></li>',
            (
                (
                    usage.label,
                    reverse(
                        f"admin:articles_{usage.obj._meta.model_name}_change",
                        args=[usage.obj.pk],
                    ),
                    str(usage.obj),
                )
                for usage in found
            ),
        ),
    )


class LibraryImageAdmin(ImageAdmin):
    form = LibraryImageForm
    list_display = ["preview", "title", "alt_text", "caption", "credit", "created_at"]
    search_fields = ["title", "alt_text", "caption", "credit", "tags__name"]
    list_filter = [UseFilter, "created_at", "tags"]
    date_hierarchy = "created_at"
    list_per_page = 48
    autocomplete_fields = ["tags"]
    readonly_fields = [
        "focal_picker", "where_used", "width", "height", "original_name",
        "renditions_state", "crops",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["file", "title", "alt_text", "caption", "credit", "tags"]}),
        (
            "Focal point",
            {
                "fields": ["focal_picker", "focal_x", "focal_y", "crops"],
                "description": "Click the subject in the picture: every crop "
                "(16x9, 4x3, 1x1) keeps that point in frame. Without "
                "JavaScript, type the two numbers.",
            },
        ),
        (
            "Where it is used",
            {"fields": ["where_used"]},
        ),
        (
            "File",
            {"fields": ["width", "height", "original_name", "renditions_state"]},
        ),
    ]
    change_list_template = "admin/articles/image/change_list.html"
    change_form_template = "admin/articles/image/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("uses")

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The grid shows tick boxes only when there is an action to run.
        changelist.show_selection = bool(self.get_actions(request))
        return changelist

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # nothing to click on or to list yet
            return [self.fieldsets[0]]
        return self.fieldsets

    @admin.display(description="Picture")
    def focal_picker(self, obj):
        if not obj or not obj.file:
            return "—"
        x = obj.focal_x if obj.focal_x is not None else 0.5
        y = obj.focal_y if obj.focal_y is not None else 0.5
        return format_html(
            '<div class="focal-picker" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt="{}" width="{}" height="{}" class="focal-picker__img">'
            '<span class="focal-picker__marker" hidden></span></div>',
            x,
            y,
            obj.file.url,
            obj.alt_text,
            obj.width,
            obj.height,
        )

    @admin.display(description="Crops")
    def crops(self, obj):
        if not obj or not obj.renditions:
            return "Being made."
        return format_html_join(
            "",
            '<figure class="crop-preview"><img src="{}" alt="" height="120">'
            "<figcaption>{}</figcaption></figure>",
            (
                (images.crop_url(obj, crop, largest=False), crop)
                for crop in images.CROPS
            ),
        )

    @admin.display(description="Used in")
    def where_used(self, obj):
        return usage_list(image_library.usages(obj))

    @admin.display(description="Renditions")
    def renditions_state(self, obj):
        if obj.renditions:
            return f"{len(obj.renditions)} made (16x9, 4x3, 1x1)"
        return "Being made: pages show the original until they are ready."

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            images.store_upload(obj, form.cleaned_data["file"])
            return
        obj.save()
        if {"focal_x", "focal_y"} & set(form.changed_data):
            images.refresh_renditions(obj)
            self.message_user(
                request, "The crops are being made again around the new focal point."
            )

    # Deleting: an image a story shows is listed as protected, so neither the
    # delete page nor the bulk action goes ahead.
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        for image in objs:
            for usage in image_library.usages(image):
                url = reverse(
                    f"admin:articles_{usage.obj._meta.model_name}_change",
                    args=[usage.obj.pk],
                )
                protected.append(
                    format_html(
                        '“{}”: {} <a href="{}">{}</a>',
                        image,
                        usage.label,
                        url,
                        usage.obj,
                    )
                )
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        image_library.ensure_deletable([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        image_library.ensure_deletable(list(queryset))
        super().delete_queryset(request, queryset)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [
            path("upload/", upload, name="articles_image_upload"),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """Several pictures at once, each with its own alt text."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        formset = UploadFormSet(
            request.POST or None,
            request.FILES or None,
            queryset=Image.objects.none(),
            prefix="images",
        )
        if request.method == "POST" and formset.is_valid():
            stored = 0
            for form in formset.forms:
                if form.has_changed() and form.cleaned_data.get("file"):
                    image = form.save(commit=False)
                    images.store_upload(image, form.cleaned_data["file"])
                    stored += 1
            if stored:
                self.message_user(
                    request,
                    f"{stored} image(s) added to the library.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:articles_image_changelist"))
            self.message_user(request, "Choose at least one picture.", messages.WARNING)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Upload images",
            "formset": formset,
            "media": self.media + formset.media,
        }
        return TemplateResponse(request, "admin/articles/image/upload.html", context)


admin.site.unregister(Image)
admin.site.register(Image, LibraryImageAdmin)
