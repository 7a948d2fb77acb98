from django import template

from ..rendering import comment_text as _comment_text

register = template.Library()


@register.filter
def comment_text(text):
    """Plain text: HTML escaped, http(s) URLs linked, line breaks kept."""
    return _comment_text(text)
