from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from .models import Article, Author, Section


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .order_by("-published_at")
        )

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.all()


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Author.objects.all()


class NewsSitemap(Sitemap):
    """Google News: the last NEWS_SITEMAP_DAYS days' articles, at most 1,000."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=settings.NEWS_SITEMAP_DAYS)
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .select_related("section")
            .order_by("-published_at")[: self.limit]
        )

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication"] = site.name
            url["language"] = settings.SITE_LANGUAGE
        return urls


sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
}
