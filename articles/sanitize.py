"""The allow-list for article and page HTML: what editors may publish."""

import re
from urllib.parse import urlsplit

import nh3

from django.conf import settings

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


def sanitize_html(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes; drop the rest."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        attribute_filter=filter_attribute,
        link_rel="noopener",
        strip_comments=True,
    )
