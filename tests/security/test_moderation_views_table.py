"""Every role x every moderation view of issue 16 (row actions, reply from
the list, bans), asked over HTTP as a form post, against the answer written
here: a moderator (or the superuser) acts, everyone else is refused, and a
visitor who is not logged in is sent to the login page."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from comments.models import BlockedTerm, Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_user

ACTS, REFUSED, LOGIN = "acts", "403", "login"
EXPECTED = {
    "superuser": ACTS,
    "Moderator": ACTS,
    "Editor": REFUSED,
    "Reporter": REFUSED,
    "staff without a role": REFUSED,
    "anonymous": LOGIN,
}


def requests(comment, term):
    return {
        **{
            f"moderate:{action}": (
                reverse("admin:comments_comment_moderate", args=[comment.pk, action]),
                {},
            )
            for action in ("approve", "spam", "notspam", "trash")
        },
        "reply": (
            reverse("admin:comments_comment_modreply", args=[comment.pk]),
            {f"reply-{comment.pk}": "A staff reply"},
        ),
        "ban": (
            reverse("admin:comments_comment_ban", args=[comment.pk]),
            {"ban_kind": "email", "ban_days": "7"},
        ),
        "lift ban": (reverse("admin:comments_comment_liftban", args=[term.pk]), {}),
    }


def answer(response) -> str:
    if response.status_code == 403:
        return REFUSED
    if response.status_code == 302 and "/login/" in response["Location"]:
        return LOGIN
    return ACTS if response.status_code in (200, 302) else str(response.status_code)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_moderation_views_answer_each_role_as_the_table_says(client, db, role):
    if role == "superuser":
        client.force_login(make_user(is_superuser=True))
    elif role != "anonymous":
        client.force_login(make_user(role=None if role.startswith("staff") else role))
    found = {}
    for name, (url, data) in requests(*rows()).items():
        found[name] = answer(client.post(url, data))
    assert found == dict.fromkeys(found, EXPECTED[role])


def test_refused_roles_change_nothing(client, db):
    client.force_login(make_user(role="Editor"))
    comment, term = rows()
    for url, data in requests(comment, term).values():
        client.post(url, data)
    comment.refresh_from_db()
    assert (comment.status, Comment.objects.count(), BlockedTerm.objects.count()) == (
        Comment.Status.PENDING, 1, 1,
    )  # fmt: skip


def rows():
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    term = BlockedTerm.objects.create(
        kind="ip", value="192.0.2.1", expires_at=timezone.now() + timedelta(days=1)
    )
    return comment, term
