"""Old WordPress addresses answer 301 to the imported pages.

Costs nothing on a normal request: only a 404, or the home page asked with a
WordPress query (?p=, ?page_id=, ?cat=, ?tag=, ?author=, ?feed=), looks
anything up.
"""

import re

from django.contrib.flatpages.models import FlatPage
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from articles.models import Article, Author, Image, Section, Tag

from .content import SIZE_SUFFIX
from .models import LegacyPath, WordPressItem

Kind = WordPressItem.Kind
QUERY_KINDS = (("p", Kind.ARTICLE), ("page_id", Kind.PAGE), ("cat", Kind.SECTION))
# /feed/, /feed/rss2/, /category/x/feed/atom/ …: the feed of what precedes it.
FEED_SUFFIX = re.compile(r"(?:feed/(?:rss2?/|atom/|rdf/)?|(?:rss2?|atom|rdf)/)$")


def target_url(item: WordPressItem, *, feed: bool = False) -> str | None:
    """Where an imported thing lives now; None if it is gone or not public."""
    if item.kind == Kind.ARTICLE:
        article = Article.objects.published().filter(pk=item.object_id).first()
        return article.get_absolute_url() if article else None
    if item.kind == Kind.IMAGE:
        image = Image.objects.filter(pk=item.object_id).first()
        return image.file.url if image else None
    if item.kind == Kind.PAGE:
        page = FlatPage.objects.filter(pk=item.object_id).first()
        return reverse("page", kwargs={"url": page.url}) if page else None
    model, name, feed_name = {
        Kind.SECTION: (Section, "articles:section", "articles:section_feed"),
        Kind.TAG: (Tag, "articles:tag", "articles:tag"),
        Kind.AUTHOR: (Author, "articles:author", "articles:author_feed"),
    }.get(item.kind, (None, "", ""))
    if model is None:
        return None
    slug = model.objects.filter(pk=item.object_id).values_list("slug", flat=True)
    slug = slug.first()
    return reverse(feed_name if feed else name, kwargs={"slug": slug}) if slug else None


def legacy_target(path: str, query: dict) -> str | None:
    """The new address for an old WordPress one, or None."""
    if path in ("/", "/index.php"):
        for name, kind in QUERY_KINDS:
            value = query.get(name, "")
            if value.isdigit():
                for item in WordPressItem.objects.filter(kind=kind, wp_id=value):
                    return target_url(item)
        for name in ("author", "tag", "attachment_id"):  # paths: "/?tag=budget"
            if query.get(name):
                found = LegacyPath.objects.filter(path=f"/?{name}={query[name]}")
                found = found.select_related("item").first()
                return target_url(found.item) if found else None
        if "feed" in query:
            return reverse("articles:feed")
        return None
    if not path.endswith("/"):
        path += "/"
    base = FEED_SUFFIX.sub("", path)
    feed = base != path
    if feed and base == "/":
        return reverse("articles:feed")
    found = LegacyPath.objects.select_related("item").filter(path=base).first()
    if found is None and "/wp-content/uploads/" in base:
        # A resized copy (photo-300x200.jpg) leads to the imported picture.
        original = SIZE_SUFFIX.sub("", base.rstrip("/")) + "/"
        found = LegacyPath.objects.select_related("item").filter(path=original).first()
    if found is None:
        return None
    return target_url(found.item, feed=feed)


class LegacyURLMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in ("/", "/index.php") and request.GET:
            target = legacy_target(request.path, request.GET)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = legacy_target(request.path, request.GET)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response
