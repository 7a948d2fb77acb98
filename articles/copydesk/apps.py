from django.apps import AppConfig
from django.core import checks


class CopydeskConfig(AppConfig):
    name = "articles.copydesk"
    label = "copydesk"
    verbose_name = "Copy desk"

    def ready(self):
        from articles.roles import register_role_permissions

        from .checks import check_copy_rules

        register_role_permissions(
            "Editor", ["copydesk.override_finding", "copydesk.view_copyoverride"]
        )
        checks.register(check_copy_rules)
