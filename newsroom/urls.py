from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.pages import page
from articles.sitemaps import NewsSitemap, sitemaps
from articles.views import RobotsView
from newsroom import views

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editorial desk"

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    # An index: one sitemap per kind, each paginated at its `limit`.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "news-sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news-sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("pages<path:url>", page, name="page"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_STORAGE == "local":
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(
        0, path(f"{media_prefix}<path:path>", views.serve_media, name="media")
    )
