"""Front page in admin: editors pin the lead and top stories of the home
page and of each section, each pin with an optional expiry."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from . import frontpage, services
from .models import Article, FrontPagePin


class PageFilter(admin.SimpleListFilter):
    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        sections = (
            FrontPagePin.objects.filter(section__isnull=False)
            .values_list("section_id", "section__name")
            .distinct()
            .order_by("section__name")
        )
        return [("home", "Home page"), *((str(pk), name) for pk, name in sections)]

    def queryset(self, request, queryset):
        if self.value() == "home":
            return queryset.filter(section__isnull=True)
        if self.value():
            return queryset.filter(section_id=self.value())
        return queryset


@admin.register(FrontPagePin)
class FrontPagePinAdmin(admin.ModelAdmin):
    list_display = ["page", "position", "article", "expires_at", "state"]
    list_display_links = ["position", "article"]
    list_filter = [PageFilter]
    list_select_related = ["section", "article"]
    autocomplete_fields = ["section", "article"]
    fields = ["section", "position", "article", "expires_at"]

    @admin.display(description="Page", ordering="section__name")
    def page(self, obj):
        return obj.page_name

    @admin.display(description="On the site now")
    def state(self, obj):
        now = timezone.now()
        if obj.expires_at is not None and obj.expires_at <= now:
            return "Expired: the slot is back in the automatic order"
        if not obj.article.is_live:
            return "Waiting: the story is not published yet"
        url = obj.section.get_absolute_url() if obj.section else "/"
        return format_html('Shown (<a href="{}">view page</a>)', url)

    change_list_template = "admin/articles/frontpagepin/change_list.html"

    def changelist_view(self, request, extra_context=None):
        live = Article.objects.published().for_listing(body=False)
        pins = frontpage.active_pins()
        pinned = frontpage.pinned_articles(live, pins)
        chosen = frontpage.home_slots(live, pins, pinned, len(FrontPagePin.SLOTS))
        home_now = [
            (label, article, article is not None and article.pk in pinned)
            for (_, label), article in zip(FrontPagePin.SLOTS, chosen, strict=True)
        ]
        return super().changelist_view(
            request, {"home_now": home_now, **(extra_context or {})}
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    # Editors only: the front page is a publishing decision.
    def has_module_permission(self, request):
        return services.can_publish(request.user) and super().has_module_permission(
            request
        )
