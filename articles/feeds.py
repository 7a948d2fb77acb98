import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from .models import Article, Author, Section
from .xmlsafe import XmlSafeRssFeed

FEED_LENGTH = 30
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", re.I)


@dataclass(frozen=True)
class Subject:
    """What a feed is about, with the site's name: one per request (feed
    instances are shared between threads, so nothing is stored on them)."""

    site_name: str
    thing: object = None


class LatestArticlesFeed(Feed):
    feed_type = XmlSafeRssFeed  # one control character must not break it

    def get_object(self, request, *args, **kwargs):
        return Subject(get_current_site(request).name)

    # Django reads `language` as an attribute, never calls it.
    @property
    def language(self):
        return settings.SITE_LANGUAGE

    def title(self, obj):
        return obj.site_name

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return f"The latest stories from {obj.site_name}."

    def articles(self, obj):
        return Article.objects.published().for_listing()

    def items(self, obj):
        return self.articles(obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        """The standfirst, or the body's first 60 words as text; HTML-escaped,
        as RSS descriptions are HTML. Not a description_template: Django
        renders one per item with every context processor, a fifth of the
        feed's time."""
        if item.standfirst:
            return escape(item.standfirst)
        # The body is HTML: blocks end in a space ("end.</p><p>Next" must not
        # run together), and entities are text once the tags are gone.
        text = html.unescape(strip_tags(_BLOCK_END.sub(" ", item.body)))
        return escape(Truncator(" ".join(text.split())).words(60, " …"))

    def item_pubdate(self, item):
        return item.display_published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return " and ".join(a.name for a in item.ordered_authors)

    def item_categories(self, item):
        return [item.section.name]

    def item_guid(self, item):
        # Stable across edits of headline, slug or section.
        return f"urn:uuid:{item.guid}"

    item_guid_is_permalink = False


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return Subject(
            get_current_site(request).name, get_object_or_404(Section, slug=slug)
        )

    def title(self, obj):
        return f"{obj.thing.name} | {obj.site_name}"

    def link(self, obj):
        return obj.thing.get_absolute_url()

    def description(self, obj):
        return obj.thing.description or f"The latest {obj.thing.name} stories."

    def articles(self, obj):
        return super().articles(obj).in_sections(obj.thing.descendant_ids())


class AuthorFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return Subject(
            get_current_site(request).name, get_object_or_404(Author, slug=slug)
        )

    def title(self, obj):
        return f"{obj.thing.name} | {obj.site_name}"

    def link(self, obj):
        return obj.thing.get_absolute_url()

    def description(self, obj):
        return f"Stories by {obj.thing.name}."

    def articles(self, obj):
        return super().articles(obj).filter(authors=obj.thing)
