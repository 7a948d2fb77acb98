from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_delete, post_save

from newsroom.pagecache import comment_changed


def comment_saved(sender, instance, **kwargs):
    # Only approved comments are public: a held comment's recheck or a spam
    # verdict changes no page.
    if "approved" in (instance.status, getattr(instance, "_loaded_status", None)):
        comment_changed()


def comment_deleted(sender, instance, **kwargs):
    if getattr(instance, "_loaded_status", instance.status) == "approved":
        comment_changed()


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from articles.roles import register_role_permissions

        from . import checks as comment_checks

        moderation = [
            "comments.view_comment", "comments.change_comment", "comments.delete_comment",
            "comments.moderate_comment",
            "comments.view_commentevent",
            "comments.view_blockedterm", "comments.add_blockedterm",
            "comments.change_blockedterm", "comments.delete_blockedterm",
            "comments.view_servicealert", "comments.change_servicealert",
        ]  # fmt: skip
        register_role_permissions("Moderator", moderation)
        register_role_permissions("Editor", ["comments.view_comment"])
        post_save.connect(
            comment_saved,
            sender="comments.Comment",
            dispatch_uid="pagecache.comment.save",
        )
        post_delete.connect(
            comment_deleted,
            sender="comments.Comment",
            dispatch_uid="pagecache.comment.delete",
        )
        checks.register(comment_checks.check_spam_checkers)
        checks.register(comment_checks.check_akismet_key, "akismet", deploy=True)
