from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from . import frontpage
from .models import (
    BYLINES_PREFETCH,
    SEARCH_WINDOW,
    Article,
    Author,
    FrontPagePin,
    Section,
    Tag,
)
from .pagination import CappedPaginator
from .seo import absolute_url

HOME_TOP_STORIES = 4
HOME_LATEST = 10
HOME_PER_SECTION = 4


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every card's byline in one query at the end, not one per list.
        live = Article.objects.published().for_listing(body=False, bylines=False)
        pins = frontpage.active_pins()
        pinned = frontpage.pinned_articles(live, pins)
        chosen = frontpage.home_slots(live, pins, pinned, HOME_TOP_STORIES + 1)
        shown = [a.pk for a in chosen if a]
        latest = list(live.exclude(pk__in=shown)[:HOME_LATEST])
        lead = chosen[0] or (latest.pop(0) if latest else None)
        top_stories = [a for a in chosen[1:] if a]
        blocks = self.section_blocks(live, pins, pinned)
        cards = [
            lead,
            *top_stories,
            *latest,
            *(a for _, items in blocks for a in items),
        ]
        prefetch_related_objects([a for a in cards if a], BYLINES_PREFETCH)
        context.update(
            lead=lead, top_stories=top_stories, latest=latest, section_blocks=blocks
        )
        return context

    def section_blocks(self, live, pins, pinned):
        """Newest few per navigation section, subsections' included.

        One indexed LIMIT query per block (not a window over every article),
        sent as one UNION ALL where the database allows it, then the cards in
        one query (their bylines come with the rest of the page's). The UNION
        ALL names ids only: with each part joining section and image,
        PostgreSQL took 6 ms to plan it and the ORM about as long to compile.
        """
        all_sections = list(Section.objects.all())
        children = Section.child_ids((s.pk, s.parent_id) for s in all_sections)
        tops = [s for s in all_sections if s.in_navigation and s.parent_id is None]
        # section id -> its top-level block
        block_of = {pk: top.pk for top in tops for pk in top.descendant_ids(children)}
        newest = Article.objects.published().order_by("-published_at")
        queries = [
            newest.filter(
                section_id__in=[pk for pk, block in block_of.items() if block == top.pk]
            )
            .exclude(pk__in=pins.get(top.pk, {}).values())
            .values_list("pk", "published_at")[:HOME_PER_SECTION]
            for top in tops
        ]
        ids = [pk for pk, _ in newest_of_each(queries)]
        rows = {top.pk: [] for top in tops}
        for article in live.filter(pk__in=ids).order_by("-published_at"):
            rows[block_of[article.section_id]].append(article)
        blocks = []
        for top in tops:
            items = frontpage.fill_slots(
                pins.get(top.pk, {}), pinned, rows[top.pk], HOME_PER_SECTION
            )
            items = [item for item in items if item]
            if items:
                blocks.append((top, items))
        return blocks


def newest_of_each(queries):
    """Every sliced query's rows, in no given order: one round trip (UNION
    ALL) where the database takes LIMIT inside a compound query
    (PostgreSQL), else one each."""
    if not queries:
        return []
    if connection.features.supports_slicing_ordering_in_compound:
        return list(queries[0].union(*queries[1:], all=True))
    return [row for query in queries for row in query]


class PagedListView(ListView):
    paginator_class = CappedPaginator

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE


class SectionDetailView(PagedListView):
    template_name = "articles/section_detail.html"
    # Sections are how readers reach old stories, and their exact count is
    # an index-only scan (0.6 ms for 1,001 rows, 9 ms for 28,000 at 100,000
    # articles): every page stays reachable.
    paginator_class = Paginator

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        live = Article.objects.published().for_listing(body=False)
        # Editors' pins lead page 1; the list below goes on without them.
        pins = frontpage.active_pins(section_ids=[self.section.pk])
        pinned = frontpage.pinned_articles(live, pins)
        slots = pins.get(self.section.pk, {})
        self.pinned = [
            a
            for a in frontpage.fill_slots(slots, pinned, [], len(FrontPagePin.SLOTS))
            if a
        ]
        return live.in_sections(self.section.descendant_ids()).exclude(
            pk__in=[a.pk for a in self.pinned]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            section=self.section,
            subsections=self.section.children.all(),
            nav_current_id=self.section.ancestors_and_self()[0].pk,
            **kwargs,
        )
        if context["page_obj"].number == 1:
            context["pinned"] = self.pinned
        return context


class AuthorListView(ListView):
    template_name = "articles/author_list.html"
    queryset = Author.objects.select_related("photo")


class AuthorDetailView(PagedListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.select_related("photo"), slug=self.kwargs["slug"]
        )
        return (
            Article.objects.published()
            .for_listing(body=False)
            .filter(authors=self.author)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagDetailView(PagedListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().for_listing(body=False).filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(PagedListView):
    template_name = "articles/search.html"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[:200]
        return Article.objects.published().for_listing(body=False).search(self.query)

    def get_paginator(self, queryset, per_page, **kwargs):
        # Count the matches, not the ranked window: that count stops after
        # the cap, while the window first sorts every match by date.
        return super().get_paginator(
            queryset,
            per_page,
            cap=SEARCH_WINDOW,
            counted=Article.objects.published().matching(self.query),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # Bylines come with the related stories' (get_context_data).
        articles = Article.objects.for_listing(bylines=False).prefetch_related("tags")
        if self.request.user.has_perm("articles.view_article"):
            # Staff see drafts and scheduled stories, with a banner.
            return articles
        return articles.published()

    def get_object(self, queryset=None):
        # Slugs are unique site-wide; the section in the URL is cosmetic.
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("section") not in (None, self.object.section.slug):
            # A section renamed or the article moved: one canonical address.
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_live:
            # A staff preview: never stored by a cache or CDN.
            add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        related = Article.objects.for_listing(body=False, bylines=False)
        related = related.related_to(article)
        # The story's byline and its related stories' in one query.
        prefetch_related_objects([article, *related], BYLINES_PREFETCH)
        return super().get_context_data(
            related=related,
            tags=list(article.tags.all()),
            # The navigation marks the top-level section the story is in.
            nav_current_id=article.section.ancestors_and_self()[0].pk,
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Any article by id, for staff: what "Save and preview" opens; 404 to others."""

    def get_object(self, queryset=None):
        if not self.request.user.has_perm("articles.view_article"):
            raise Http404
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sitemap_url=absolute_url(self.request, reverse("sitemap")),
            news_sitemap_url=absolute_url(self.request, reverse("news-sitemap")),
            **kwargs,
        )
