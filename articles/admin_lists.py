"""Bulk actions that take stories off the site ask first, listing them."""

from django.contrib.admin import helpers
from django.template.response import TemplateResponse

CONFIRM_FIELD = "confirmed"


def confirm_first(modeladmin, request, queryset, *, question: str, button: str):
    """The confirmation page for a bulk action; None once it is confirmed."""
    if request.POST.get(CONFIRM_FIELD) == "yes":
        return None
    articles = list(queryset.select_related("section").order_by("headline"))
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": question,
        "articles": articles,
        "action": request.POST.get("action", ""),
        "button": button,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "confirm_field": CONFIRM_FIELD,
    }
    return TemplateResponse(
        request, "admin/articles/article/confirm_bulk_action.html", context
    )
