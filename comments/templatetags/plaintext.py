"""Filters for plain-text mail: a reader's text can never pass for the
message's own lines (a digest's "----", "From:", "Moderation queue:")."""

import re

from django import template

register = template.Library()

# Line breaks of every kind (str.splitlines' set) and other control characters.
_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@register.filter
def oneline(value) -> str:
    """The value on one line: breaks and control characters become spaces."""
    return " ".join(_BREAKS_AND_CONTROLS.sub(" ", str(value)).split())


@register.filter
def quoted(value) -> str:
    """Every line prefixed with "> ", as mail quotes; controls dropped."""
    lines = str(value).splitlines() or [""]
    return "\n".join(
        "> " + _BREAKS_AND_CONTROLS.sub("", line.replace("\t", "    "))
        for line in lines
    )
