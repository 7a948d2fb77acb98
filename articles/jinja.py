"""The Jinja2 environment of the reader pages (templates/jinja2/).

Reader pages render with Django's Jinja2 backend: the Django template
language's per-variable lookups and per-card inclusion tags were most of an
article page's time. Autoescaping stays on (the backend's default); helpers
that build HTML return Django safe strings, which Jinja2 honours through
__html__. The admin, crispy-forms and emails keep Django templates.
"""

import json
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote, urlsplit

from jinja2 import Environment

from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from comments.rendering import comment_area, comment_text, crispy

from . import images, seo
from .editor import render_body

# Same escapes as Django's json_script: nothing in the data can end the tag.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def html_datetime(moment):
    """A <time datetime> value in the current time zone, whole seconds: the
    HTML spec allows at most three fraction digits, `|date:'c'` gives six."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def ld_json(data):
    """A schema.org block of script-safe JSON.

    No CSP nonce: browsers never run a data block, and a nonce would make the
    page differ per response, so it could not be cached and shared.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_ESCAPES)),
    )


def byline(article):
    """by A - Role; with co-authors each keeps a role: by A (Role) and B (Role).
    Each name links to its author page."""
    authors = article.ordered_authors
    if not authors:
        return ""
    if len(authors) == 1:
        (author,) = authors
        link = _author_link(author)
        if author.role_title:
            return format_html("by {} - {}", link, author.role_title)
        return format_html("by {}", link)
    links = [
        format_html("{} ({})", _author_link(a), a.role_title)
        if a.role_title
        else _author_link(a)
        for a in authors
    ]
    names = format_html("{} and {}", mark_safe(", ".join(links[:-1])), links[-1])
    return format_html("by {}", names)


def _author_link(author):
    return format_html(
        '<a href="{}" rel="author">{}</a>', author.get_absolute_url(), author.name
    )


def share_links(url, title):
    """Plain links to share: no third-party script is loaded."""
    targets = [
        ("Email", f"mailto:?subject={quote(title)}&body={quote(url)}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={quote(title + ' ' + url)}"),
        ("X", f"https://x.com/intent/post?url={quote(url)}&text={quote(title)}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"),
        (
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?url={quote(url)}",
        ),
    ]
    return format_html_join(
        "",
        '<li><a href="{1}" rel="noopener" target="_blank">{0}<span '
        'class="visually-hidden"> (opens a new window)</span></a></li>',
        targets,
    )


def lead_image_url(article):
    """The 16x9 crop used for social cards; empty without a lead image."""
    return images.crop_url(article.lead_image, "16x9") if article.lead_image else ""


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


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, format_string):
    """Django's |date with a literal format, in the current time zone as
    Django templates show it: Django's DateFormat, with the format parsed once
    per format string instead of once per value."""
    if not value:
        return ""
    value = template_localtime(value)
    if type(value) is not datetime:
        return dateformat.format(value, format_string)  # dates refuse time codes
    formatter = dateformat.DateFormat(value)
    return "".join(
        [
            text if code is None else str(code(formatter))
            for text, code in _parsed_format(format_string)
        ]
    )


@lru_cache(maxsize=64)
def _parsed_format(format_string):
    """(text, None) and (None, DateFormat method) pairs, as
    dateformat.Formatter.format splits a format."""
    pieces = []
    for i, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if i % 2:
            pieces.append((None, getattr(dateformat.DateFormat, piece)))
        elif piece:
            pieces.append((dateformat.re_escaped.sub(r"\1", piece), None))
    return tuple(pieces)


def absolute(request, path):
    return seo.absolute_url(request, path)


def breadcrumbs_ld(request, crumbs):
    return ld_json(seo.breadcrumb_list(request, crumbs))


def article_ld(request, article, site_name, logo):
    return ld_json(seo.news_article(request, article, site_name=site_name, logo=logo))


def picture_data(image, crop="16x9"):
    """What a <picture> shows for one crop: srcsets, fallback and size."""
    entries = images.rendition_entries(image, crop, "jpg")
    smallest = entries[0] if entries else {"width": image.width, "height": image.height}
    return {
        "webp_srcset": images.srcset(image, crop, "webp"),
        "jpg_srcset": images.srcset(image, crop, "jpg"),
        "src": images.crop_url(image, crop, largest=False),
        "width": smallest["width"],
        "height": smallest["height"],
    }


def environment(**options):
    env = Environment(**options)
    env.globals.update(
        absolute=absolute,
        article_ld=article_ld,
        breadcrumb_trail=seo.breadcrumbs,
        breadcrumbs_ld=breadcrumbs_ld,
        byline=byline,
        comment_area=comment_area,
        crispy=crispy,
        lead_image_url=lead_image_url,
        picture_data=picture_data,
        share_links=share_links,
        static=static,
        url=url,
    )
    env.filters.update(
        body_html=render_body,
        comment_text=comment_text,
        date=date,
        floatformat=defaultfilters.floatformat,
        html_datetime=html_datetime,
        http_url=http_url,
        linebreaks=defaultfilters.linebreaks_filter,
        pluralize=defaultfilters.pluralize,
        truncatechars=defaultfilters.truncatechars,
        truncatewords=defaultfilters.truncatewords,
        urlencode=defaultfilters.urlencode,
    )
    return env
