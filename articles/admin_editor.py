"""The body editor in admin: the picture chooser, word and character counts."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path

from . import editor, images
from .models import Article, Image

CHOOSER_PAGE_SIZE = 24
# The link dialog suggests this many of the newest published articles.
INTERNAL_LINKS = 300


class ImageChooserAdminMixin:
    """Put before admin.ModelAdmin: the picture chooser and the editor's counts."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        desk = extra_context.setdefault("writing_desk", {"config": {}})
        desk["internal_links"] = [
            (article.headline, article.get_absolute_url())
            for article in Article.objects.published()
            .select_related("section")
            .only("headline", "slug", "section__slug")
            .order_by("-published_at")[:INTERNAL_LINKS]
        ]
        desk["config"] |= {
            "wordsPerMinute": editor.WORDS_PER_MINUTE,
            "limits": {
                "headline": editor.HEADLINE_LIMITS,
                "standfirst": editor.STANDFIRST_LIMITS,
            },
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "images/choose/",
                self.admin_site.admin_view(self.image_chooser_view),
                name="{}_{}_image_chooser".format(*info),
            ),
            *super().get_urls(),
        ]

    def image_chooser_view(self, request):
        if not request.user.has_perm("articles.view_image"):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        found = Image.objects.all()
        if query:
            found = found.filter(
                Q(alt_text__icontains=query)
                | Q(caption__icontains=query)
                | Q(credit__icontains=query)
            )
        page = Paginator(found, CHOOSER_PAGE_SIZE).get_page(request.GET.get("page"))
        choices = [
            {
                "image": image,
                "thumbnail": images.crop_url(image, "16x9", largest=False),
                "url": image.file.url,
            }
            for image in page
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose a picture",
            "is_popup": True,
            "opts": self.opts,
            "page": page,
            "choices": choices,
            "query": query,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
            "can_upload": request.user.has_perm("articles.add_image"),
        }
        return TemplateResponse(
            request, "admin/articles/article/image_chooser.html", context
        )
