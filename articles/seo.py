"""Breadcrumbs, absolute URLs and schema.org data: one source for page and JSON-LD."""

from dataclasses import dataclass

from django.contrib.sites.shortcuts import get_current_site
from django.templatetags.static import static
from django.urls import reverse

from .images import crop_url
from .models import Article, Author, Section, Tag


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str  # a path; the last crumb is the current page


def absolute_url(request, path: str) -> str:
    """The Site's domain, never the request's Host header, plus the scheme used."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{request.scheme}://{get_current_site(request).domain}{path}"


def breadcrumbs(obj) -> list[Crumb]:
    """Home, every level of section, then the page itself."""
    trail = [Crumb("Home", reverse("articles:home"))]
    if isinstance(obj, Article):
        sections = obj.section.ancestors_and_self()
        trail += [Crumb(s.name, s.get_absolute_url()) for s in sections]
        trail.append(Crumb(obj.headline, obj.get_absolute_url()))
    elif isinstance(obj, Section):
        trail += [Crumb(s.name, s.get_absolute_url()) for s in obj.ancestors_and_self()]
    elif isinstance(obj, Author):
        trail += [
            Crumb("Authors", reverse("articles:authors")),
            Crumb(obj.name, obj.get_absolute_url()),
        ]
    elif isinstance(obj, Tag):
        trail.append(Crumb(obj.name, obj.get_absolute_url()))
    return trail


def breadcrumb_list(request, crumbs: list[Crumb]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.label,
                "item": absolute_url(request, crumb.url),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def news_article(request, article: Article, *, site_name: str, logo: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": absolute_url(request, article.get_absolute_url()),
        "headline": article.headline[:110],
        "description": article.standfirst,
        "articleSection": article.section.name,
        "datePublished": _iso(article.display_published_at),
        "dateModified": _iso(article.updated_at),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(request, author.get_absolute_url()),
                **({"jobTitle": author.role_title} if author.role_title else {}),
            }
            for author in article.ordered_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "logo": {
                "@type": "ImageObject",
                "url": absolute_url(request, static(logo)),
            },
        },
    }
    if article.lead_image:
        data["image"] = [
            absolute_url(request, crop_url(article.lead_image, crop))
            for crop in ("16x9", "4x3", "1x1")
        ]
    return data


def _iso(moment):
    # Aware datetimes: isoformat() carries the time zone offset.
    return moment.isoformat() if moment else None
