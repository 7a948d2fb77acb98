from django.apps import AppConfig
from django.core import checks


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
        checks.register(comment_checks.check_spam_checkers)
        checks.register(comment_checks.check_akismet_key, "akismet", deploy=True)
