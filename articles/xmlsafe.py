"""Text for XML documents (feeds, sitemaps): XML 1.0 has no place for most
control characters, and Django's feed writer raises on them (a 500 for the
whole feed because one tag name held a vertical tab)."""

import re

from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """The value without characters XML 1.0 cannot carry (others untouched)."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_text(v) for v in value)
    return value


class XmlSafeRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose every text passed through xml_text."""

    def __init__(self, *args, **kwargs):
        # Feed readers show a channel's description as HTML; ours is plain
        # text (a section's description, names), so it is escaped.
        if isinstance(kwargs.get("description"), str):
            kwargs["description"] = escape(kwargs["description"])
        super().__init__(
            *map(xml_text, args), **{k: xml_text(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *map(xml_text, args), **{k: xml_text(v) for k, v in kwargs.items()}
        )
