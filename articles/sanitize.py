"""The allow-lists for article and page HTML: what editors may publish."""

import re
from functools import cache
from urllib.parse import urlsplit

import nh3
from django_prose_editor.config import allowlist_from_extensions

from django.conf import settings

# The article body's one allow-list: the body editor's features, as
# django-prose-editor extensions. The editor is configured with exactly these
# (articles.editor) and sanitize_body() keeps exactly the tags and attributes
# they make (tests/articles/test_editor_allow_list.py).
EDITOR_EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Pictures from the image library only: <figure><img data-file="<id>">.
    "Figure": True,
    "Image": True,
    "Caption": True,
}
# nh3 writes rel itself (link_rel below); the editor's rel is replaced.
NH3_OWNED_ATTRIBUTES = {"a": {"rel"}}


@cache
def body_allow_list() -> tuple[frozenset, dict[str, frozenset]]:
    """(tags, attributes per tag) that the body editor's features can make."""
    config = allowlist_from_extensions(EDITOR_EXTENSIONS)
    attributes = {
        tag: frozenset(set(names) - NH3_OWNED_ATTRIBUTES.get(tag, set()))
        for tag, names in config["attributes"].items()
    }
    return frozenset(config["tags"]), attributes


# Pages (About, Contact) are written as HTML, not in the body editor.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "cite", "q",
    "a", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark",
    "abbr", "code", "pre", "hr", "figure", "figcaption", "img", "table",
    "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
# Attributes a browser follows or fetches. Each allows http(s) and relative
# URLs only; a[href] also allows mailto (the contact pages), and img[src]
# only our own media library (IMAGE_SOURCES).
URL_ATTRIBUTES = {("a", "href"), ("img", "src"), ("blockquote", "cite"), ("q", "cite")}
URL_SCHEMES = {"http", "https"}
LINK_SCHEMES = URL_SCHEMES | {"mailto"}
# No attribute value may carry a script URL, even where it is not a URL
# (title, alt): readers copy them into address bars.
_SCRIPT_SCHEME = re.compile(r"(?:java|vb|live)script:", re.IGNORECASE)
# Browsers drop tabs and newlines inside a URL and trim control characters
# and spaces around it, so "java\tscript:" is "javascript:".
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def image_sources() -> tuple[str, ...]:
    """Prefixes an <img src> may start with: the media library's URL."""
    media_url = settings.MEDIA_URL
    if not media_url.startswith(("http://", "https://", "/")):
        media_url = "/" + media_url
    return (media_url if media_url.endswith("/") else media_url + "/",)


def _url_is_allowed(tag: str, value: str) -> bool:
    url = _IGNORED_IN_URLS.sub("", value).replace("\\", "/")
    if tag == "img":
        # Off-site and protocol-relative pictures break under our CSP and
        # let a third party see every reader: the library only.
        return any(
            url.startswith(prefix) and not url.startswith("//")
            for prefix in image_sources()
        ) and ".." not in urlsplit(url).path.split("/")
    match = _SCHEME.match(url)
    if match is None:
        return True  # relative: a path, a query or a fragment
    allowed = LINK_SCHEMES if tag == "a" else URL_SCHEMES
    return match.group(1).lower() in allowed


def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep an allow-listed attribute only if its value is safe to emit."""
    if _SCRIPT_SCHEME.search(_IGNORED_IN_URLS.sub("", value)):
        return None
    if (tag, attribute) in URL_ATTRIBUTES and not _url_is_allowed(tag, value):
        return None
    return value


def sanitize_body(html: str) -> str:
    """Keep only what the body editor can make, with safe URLs; drop the rest."""
    tags, attributes = body_allow_list()
    return _clean(
        html, tags=set(tags), attributes={t: set(a) for t, a in attributes.items()}
    )


def sanitize_html(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes; drop the rest."""
    return _clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


def _clean(html: str, *, tags, attributes) -> str:
    return nh3.clean(
        html or "",
        tags=tags,
        attributes=attributes,
        url_schemes=LINK_SCHEMES,
        attribute_filter=filter_attribute,
        link_rel="noopener",
        strip_comments=True,
    )
