from django import template

from ..xmlsafe import xml_text as _xml_text

register = template.Library()


@register.filter(is_safe=True)
def xml_text(value):
    """For XML templates: drops the characters XML 1.0 cannot carry."""
    return _xml_text(value)
