"""The commenter's two signed cookies: their own held comments, and (opt-in)
their saved name, email and website. Both make a page personal, so the page
cache never serves or stores such a request (newsroom.pagecache)."""

import json
import time

from django.conf import settings
from django.core import signing

from .models import Comment

OWN_COMMENTS = "own_comments"
COMMENTER = "commenter"
OWN_COMMENTS_MAX_AGE = 30 * 24 * 3600
COMMENTER_MAX_AGE = 365 * 24 * 3600
MAX_OWN_COMMENTS = 20
# Only article pages read them: every other page stays cacheable for a
# reader who has commented.
PATH = "/news/"


def own_comment_ids(request) -> list[int]:
    """Ids of comments this browser posted that it may still see or edit."""
    return list(_own_entries(request))


def _own_entries(request) -> dict[int, int]:
    """Comment id -> until when (a timestamp) this browser keeps it; an entry
    without a time (an older cookie) lasts as long as the cookie."""
    try:
        value = request.get_signed_cookie(OWN_COMMENTS, default="", salt=OWN_COMMENTS)
    except signing.BadSignature:
        return {}
    now, entries = time.time(), {}
    for item in value.split(","):
        pk, _, until = item.partition(":")
        if pk.isdigit() and (not until.isdigit() or int(until) > now):
            entries[int(pk)] = int(until) if until.isdigit() else 0
    return dict(list(entries.items())[-MAX_OWN_COMMENTS:])


def remember_own_comment(request, response, comment) -> None:
    """A held comment is shown to its writer until a moderator decides; a
    published one needs remembering only for its edit window. The cookie
    lives as long as its longest entry: while it exists, this browser's
    article pages skip the page cache."""
    now = int(time.time())
    if comment.status == Comment.Status.APPROVED:
        keep = settings.COMMENT_EDIT_WINDOW_MINUTES * 60
    else:
        keep = OWN_COMMENTS_MAX_AGE
    entries = {
        pk: until or now + OWN_COMMENTS_MAX_AGE
        for pk, until in _own_entries(request).items()
    }
    entries.pop(comment.pk, None)
    entries[comment.pk] = now + keep
    entries = dict(list(entries.items())[-MAX_OWN_COMMENTS:])
    value = ",".join(f"{pk}:{until}" for pk, until in entries.items())
    _set(request, response, OWN_COMMENTS, value, max(entries.values()) - now)


def saved_commenter(request) -> dict:
    """Name, email and website the reader asked this browser to remember."""
    try:
        data = request.get_signed_cookie(COMMENTER, default="", salt=COMMENTER)
        return json.loads(data) if data else {}
    except (signing.BadSignature, ValueError):
        return {}


def save_commenter(request, response, comment) -> None:
    details = {
        "name": comment.author_name,
        "email": comment.author_email,
        "url": comment.author_url,
    }
    _set(request, response, COMMENTER, json.dumps(details), COMMENTER_MAX_AGE)


def forget_commenter(request, response) -> None:
    if COMMENTER in request.COOKIES:
        response.delete_cookie(COMMENTER, path=PATH, samesite="Lax")


def _set(request, response, name: str, value: str, max_age: int) -> None:
    response.set_signed_cookie(
        name,
        value,
        salt=name,
        max_age=max_age,
        path=PATH,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
