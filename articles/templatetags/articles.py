import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import images, seo

register = template.Library()

# Same escapes as Django's json_script: nothing in the data can end the tag.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def html_datetime(moment):
    """A <time datetime> value in the current time zone, whole seconds: the
    HTML spec allows at most three fraction digits, `|date:'c'` gives six."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.simple_tag
def breadcrumb_trail(obj):
    """(label, url) crumbs for the page: the same list feeds the JSON-LD."""
    return seo.breadcrumbs(obj)


@register.simple_tag
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


@register.simple_tag(takes_context=True)
def breadcrumbs_ld(context, crumbs):
    return ld_json(seo.breadcrumb_list(context["request"], crumbs))


@register.simple_tag(takes_context=True)
def article_ld(context, article):
    data = seo.news_article(
        context["request"],
        article,
        site_name=context.get("site_name", ""),
        logo=context.get("site_logo", ""),
    )
    return ld_json(data)


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return seo.absolute_url(context["request"], path)


@register.simple_tag
def article_card(
    article, size="", show_image=False, show_standfirst=False, heading="h3",
    image_sizes="",
):  # fmt: skip
    context = {
        "article": article, "size": size, "show_image": show_image,
        "show_standfirst": show_standfirst, "heading": heading,
        "image_sizes": image_sizes,
    }  # fmt: skip
    return render_to_string("partials/_article_card.html", context)


@register.simple_tag
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


@register.inclusion_tag("partials/_picture.html")
def picture(image, crop="16x9", sizes="100vw", loading="lazy", css_class=""):
    """Responsive <picture>: WebP srcset, JPEG fallback, intrinsic size."""
    entries = images.rendition_entries(image, crop, "jpg") if image else []
    return {
        "image": image,
        "webp_srcset": images.srcset(image, crop, "webp") if image else "",
        "jpg_srcset": images.srcset(image, crop, "jpg") if image else "",
        "src": images.crop_url(image, crop, largest=False) if image else "",
        "width": entries[0]["width"] if entries else (image.width if image else None),
        "height": entries[0]["height"]
        if entries
        else (image.height if image else None),
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }


@register.simple_tag
def share_links(url, title):
    """Plain links to share: no third-party script is loaded."""
    from urllib.parse import quote

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


@register.simple_tag
def lead_image_url(article):
    """The 16x9 crop used for social cards; empty without a lead image."""
    return images.crop_url(article.lead_image, "16x9") if article.lead_image else ""
