from django import template

from ..editor import render_body

register = template.Library()


@register.filter
def body_html(body):
    """The article body, with library pictures as responsive figures."""
    return render_body(body)
