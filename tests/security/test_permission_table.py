"""Every role x every admin model: view, add, change, delete and the bulk
actions, asked of the admin itself over HTTP (the change is a forged POST),
against the answer written here. A new admin model, or a changed answer,
fails until this table says what is right.

Letters: v = the change list opens, a = the add form opens, c = a POST to
the change form is accepted (not 403), d = the delete page opens; "-" = 403.
Actions: the bulk actions the role can run (none without the change list).
"""

import pytest

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import make_user

from .permtable import sample_rows

NOTHING = ("----", [])
LOG_READER = ("v-cd", ["delete_selected"])
# Written by the code only (overrides through the article form, the rest by
# import_wordpress): a record to read, never changed or deleted by hand.
RECORD = ("v---", [])
EVERYTHING = ("vacd", ["delete_selected"])
# Everything no role but the superuser may touch.
STAFF_ONLY = {
    label: NOTHING
    for label in [
        "auth.Group", "auth.User", "sites.Site", "flatpages.FlatPage",
        "redirects.Redirect", "django_tasks_database.DBTaskResult",
        "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog",
        "articles.Section", "articles.Author", "articles.Tag", "articles.Image",
        "articles.Image:public", "articles.Article", "articles.Article:published",
        "articles.Article:own", "articles.FrontPagePin", "articles.ArticleCalendar",
        "comments.Comment", "comments.BlockedTerm", "comments.ServiceAlert",
        "copydesk.CopyOverride", "wordpress.WordPressItem", "wordpress.LegacyPath",
    ]
}  # fmt: skip
PUBLISHING = ["delete_selected", "draft_selected", "publish_selected",
              "unpublish_selected"]  # fmt: skip
MODERATING = ["approve", "delete_permanently", "mark_not_spam", "mark_spam", "trash"]
# Timed bans are blocked terms; lifting one ends it early.
BLOCKLIST = ("vacd", ["delete_selected", "lift_bans"])

EXPECTED = {
    "superuser": {
        "auth.Group": EVERYTHING,
        "auth.User": EVERYTHING,
        "sites.Site": EVERYTHING,
        "flatpages.FlatPage": EVERYTHING,
        "redirects.Redirect": EVERYTHING,
        # The task queue and login records are written by the code only.
        "django_tasks_database.DBTaskResult": ("v---", []),
        "axes.AccessAttempt": ("v-cd", ["cleanup_expired_attempts", "delete_selected"]),
        "axes.AccessFailureLog": LOG_READER,
        "axes.AccessLog": LOG_READER,
        "articles.Section": EVERYTHING,
        "articles.Author": EVERYTHING,
        "articles.Tag": EVERYTHING,
        "articles.Image": EVERYTHING,
        "articles.Image:public": EVERYTHING,
        "articles.Article": ("vacd", PUBLISHING),
        "articles.Article:published": ("vacd", PUBLISHING),
        "articles.Article:own": ("vacd", PUBLISHING),
        "articles.FrontPagePin": EVERYTHING,
        # A view of the articles: rescheduling goes through its own form.
        "articles.ArticleCalendar": RECORD,
        # Comments are deleted through the service, never delete_selected.
        "comments.Comment": ("vacd", MODERATING),
        "comments.BlockedTerm": BLOCKLIST,
        "comments.ServiceAlert": ("vacd", ["delete_selected", "resolve"]),
        "copydesk.CopyOverride": RECORD,
        "wordpress.WordPressItem": RECORD,
        "wordpress.LegacyPath": RECORD,
    },
    "Editor": STAFF_ONLY
    | {
        "flatpages.FlatPage": ("vac-", []),
        "redirects.Redirect": EVERYTHING,
        "articles.Section": ("vac-", []),
        "articles.Author": ("vac-", []),
        "articles.Tag": EVERYTHING,
        "articles.Image": EVERYTHING,
        "articles.Image:public": EVERYTHING,
        "articles.Article": ("vacd", PUBLISHING),
        "articles.Article:published": ("vacd", PUBLISHING),
        "articles.Article:own": ("vacd", PUBLISHING),
        "articles.FrontPagePin": EVERYTHING,
        "articles.ArticleCalendar": RECORD,
        # Editors read the comments on their stories; moderators moderate.
        "comments.Comment": ("v---", []),
        # Editors override on the article's form; the list is who did what.
        "copydesk.CopyOverride": ("v---", []),
    },
    "Reporter": STAFF_ONLY
    | {
        "articles.Section": ("v---", []),
        "articles.Author": ("v---", []),
        "articles.Tag": ("va--", []),
        "articles.Image": ("vac-", []),
        # What readers see is read-only to a reporter (findings 2).
        "articles.Image:public": ("va--", []),
        # A colleague's draft is read-only to a reporter (articles.workflow).
        "articles.Article": ("va--", []),
        "articles.Article:published": ("va--", []),
        "articles.Article:own": ("vac-", []),
        "articles.ArticleCalendar": RECORD,
    },
    "Moderator": STAFF_ONLY
    | {
        "comments.Comment": ("v-cd", MODERATING),
        "comments.BlockedTerm": BLOCKLIST,
        "comments.ServiceAlert": ("v-c-", ["resolve"]),
    },
    "staff without a role": STAFF_ONLY,
}


def _url(info, view, *args):
    return reverse("admin:{}_{}_{}".format(*info, view), args=args)


def answers(client, user, rows) -> dict:
    client.force_login(user)
    request = RequestFactory().get("/")
    request.user = user
    found = {}
    for key, obj in rows.items():
        model = type(obj)
        info = model._meta.app_label, model._meta.model_name

        opens = [
            client.get(_url(info, "changelist")).status_code == 200,
            client.get(_url(info, "add")).status_code == 200,
            client.post(_url(info, "change", obj.pk), {}).status_code != 403,
            client.get(_url(info, "delete", obj.pk)).status_code == 200,
        ]
        letters = "".join(c if ok else "-" for c, ok in zip("vacd", opens, strict=True))
        actions = admin.site._registry[model].get_actions(request) if opens[0] else {}
        found[key] = (letters, sorted(actions))
    return found


def test_every_admin_model_is_in_the_table():
    labels = {m._meta.label for m in admin.site._registry}
    assert {
        row: labels - {k.split(":")[0] for k in EXPECTED[row]} for row in EXPECTED
    } == {row: set() for row in EXPECTED}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_role_answers_match_the_table(client, db, role):
    user = (
        make_user(username="root", is_superuser=True)
        if role == "superuser"
        else make_user(role=None if role == "staff without a role" else role)
    )
    assert answers(client, user, sample_rows(user)) == EXPECTED[role]
