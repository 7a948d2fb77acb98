from django import template

from .. import dashboard

register = template.Library()


@register.inclusion_tag("admin/articles/_desk.html", takes_context=True)
def editor_desk(context):
    """The index's article blocks for the signed-in user's role."""
    return {"blocks": dashboard.desk(context["request"].user)}


@register.simple_tag(takes_context=True)
def in_review_count(context):
    return dashboard.in_review_count(context["request"].user)
