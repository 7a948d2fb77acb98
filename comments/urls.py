from django.urls import path

from . import notify, own, reports, timetrap, views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:article_id>/", views.post_comment, name="post"),
    path("comments/token/", timetrap.token_view, name="token"),
    path("comments/report/<int:comment_id>/", reports.report_view, name="report"),
    path(
        "comments/notify/confirm/<str:token>/",
        notify.confirm_view,
        name="notify_confirm",
    ),
    path(
        "comments/notify/unsubscribe/<str:token>/",
        notify.unsubscribe_view,
        name="notify_unsubscribe",
    ),
    # Under /news/: the own_comments cookie is sent to article pages only.
    path("news/comments/<int:comment_id>/edit/", own.edit_view, name="edit"),
    path("news/comments/<int:comment_id>/delete/", own.delete_view, name="delete"),
]
