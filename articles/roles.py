"""Editorial roles as groups: kept in step with the code after every migrate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# Permission codenames per role; an app listed here may not be installed yet.
ROLES = {
    "Reporter": [
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.add_image", "articles.change_image", "articles.view_image",
        "articles.add_tag", "articles.view_tag",
        "articles.view_section", "articles.view_author",
        # Bylines are an inline of their own model (ordered authors).
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
    ],
    "Editor": [
        "articles.add_article", "articles.change_article", "articles.delete_article",
        "articles.view_article", "articles.publish_article",
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
        "articles.add_image", "articles.change_image", "articles.delete_image",
        "articles.view_image",
        "articles.add_tag", "articles.change_tag", "articles.delete_tag", "articles.view_tag",
        "articles.add_section", "articles.change_section", "articles.view_section",
        "articles.add_author", "articles.change_author", "articles.view_author",
        "flatpages.add_flatpage", "flatpages.change_flatpage", "flatpages.view_flatpage",
        "redirects.add_redirect", "redirects.change_redirect",
        "redirects.delete_redirect", "redirects.view_redirect",
        "articles.add_frontpagepin", "articles.change_frontpagepin",
        "articles.delete_frontpagepin", "articles.view_frontpagepin",
    ],
    "Moderator": [],
}  # fmt: skip


def register_role_permissions(role: str, codenames: list[str]) -> None:
    """Let another app (comments) add its permissions to a role."""
    ROLES.setdefault(role, [])
    ROLES[role].extend(c for c in codenames if c not in ROLES[role])


def ensure_roles(sender=None, apps=global_apps, using="default", **kwargs) -> None:
    """Create the role groups and set exactly their permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Other apps' permissions may not exist yet at this point of migrate.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role, names in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([by_name[name] for name in names if name in by_name])
