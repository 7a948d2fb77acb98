from django.urls import path

from . import reports, timetrap, views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:article_id>/", views.post_comment, name="post"),
    path("comments/token/", timetrap.token_view, name="token"),
    path("comments/report/<int:comment_id>/", reports.report_view, name="report"),
]
