from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def http_url(value) -> str:
    """The URL if it is http(s), else "": a commenter's website becomes a
    link only then, whatever route stored it (the form checks it too; an
    import or an old row might not have)."""
    url = str(value or "").strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # "http://[" and other broken URLs
        return ""
    return url if scheme in ("http", "https") else ""
