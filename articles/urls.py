from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("section/<slug:slug>/", views.SectionDetailView.as_view(), name="section"),
    path("authors/", views.AuthorListView.as_view(), name="authors"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/section/<slug:slug>/", feeds.SectionFeed(), name="section_feed"),
    path("feeds/author/<slug:slug>/", feeds.AuthorFeed(), name="author_feed"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path(
        "news/<slug:section>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
]
