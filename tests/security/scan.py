"""What a rendered page is made of, and what a hostile render added to it.

A page is reduced to its shape: the elements, the (element, attribute)
pairs, the URL schemes in attributes a browser follows, its scripts and
its meta directives. A hostile render may only use what the same page
rendered with harmless values used, plus what the article allow-list lets
editors write (articles.sanitize) where a page shows editors' HTML.
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from articles import sanitize

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "cite", "poster", "data", "srcset",
    "background", "longdesc", "manifest", "ping", "xlink:href", "icon",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto", ""}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


def scheme_of(url: str) -> str:
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", url))
    return match.group(1).lower() if match else ""


@dataclass
class Shape:
    elements: set = field(default_factory=set)
    attributes: set = field(default_factory=set)
    schemes: set = field(default_factory=set)
    scripts: list = field(default_factory=list)  # (attrs, text)
    metas: set = field(default_factory=set)  # (name/property/http-equiv)
    event_handlers: list = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape = Shape()
        self._script = None

    def handle_starttag(self, tag, attrs):
        shape = self.shape
        shape.elements.add(tag)
        for name, value in attrs:
            value = value or ""
            shape.attributes.add((tag, name))
            if name.startswith("on"):
                shape.event_handlers.append((tag, name, value))
            if name in URL_ATTRIBUTES:
                for part in value.split(",") if name == "srcset" else [value]:
                    shape.schemes.add(scheme_of(part.strip()))
        if tag == "meta":
            found = dict(attrs)
            key = found.get("name") or found.get("property") or ""
            shape.metas.add((key, "http-equiv" in found))
            if "http-equiv" in found:
                shape.schemes.add(scheme_of(found.get("content", "").split("url=")[-1]))
        if tag == "script":
            self._script = [dict(attrs), ""]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.shape.scripts.append(tuple(self._script))
            self._script = None


def shape_of(html: str) -> Shape:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.shape


def allow_list() -> tuple[set, set]:
    """What editors' HTML may contain (a page showing it may contain it)."""
    attributes = {(tag, a) for tag, names in sanitize.ALLOWED_ATTRIBUTES.items()
                  for a in names} | {("a", "rel")}  # fmt: skip
    return set(sanitize.ALLOWED_TAGS), attributes


def _script_tags(shape) -> list:
    # The nonce differs on every response; the rest must not.
    return [
        sorted((k, v) for k, v in a.items() if k != "nonce") for a, _ in shape.scripts
    ]


def problems(baseline: Shape, hostile: Shape, *, rich_text: bool) -> list[str]:
    """What the hostile render has that neither the template nor the
    allow-list emits; empty when nothing escaped."""
    tags, attributes = allow_list() if rich_text else (set(), set())
    found = []
    if extra := hostile.elements - baseline.elements - tags:
        found.append(f"elements {sorted(extra)}")
    if extra := hostile.attributes - baseline.attributes - attributes:
        found.append(f"attributes {sorted(extra)}")
    if extra := hostile.schemes - baseline.schemes - SAFE_SCHEMES:
        found.append(f"URL schemes {sorted(extra)}")
    if hostile.event_handlers:
        found.append(f"event handlers {hostile.event_handlers[:3]}")
    if extra := hostile.metas - baseline.metas:
        found.append(f"meta tags {sorted(extra)}")
    if _script_tags(hostile) != _script_tags(baseline):
        found.append(
            f"scripts differ from the template's: {_script_tags(hostile)} vs {_script_tags(baseline)}"
        )
    for attrs, text in hostile.scripts:
        if attrs.get("type") == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                found.append("JSON-LD no longer parses")
    return found
