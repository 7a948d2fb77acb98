"""The commenter's two signed cookies: their own held comments, and (opt-in)
their saved name, email and website. Both make a page personal, so the page
cache never serves or stores such a request (newsroom.pagecache)."""

import json

from django.core import signing

OWN_COMMENTS = "own_comments"
COMMENTER = "commenter"
OWN_COMMENTS_MAX_AGE = 30 * 24 * 3600
COMMENTER_MAX_AGE = 365 * 24 * 3600
MAX_OWN_COMMENTS = 20
# Only article pages read them: every other page stays cacheable for a
# reader who has commented.
PATH = "/news/"


def own_comment_ids(request) -> list[int]:
    """Ids of comments this browser posted that may still be held."""
    try:
        ids = request.get_signed_cookie(OWN_COMMENTS, default="", salt=OWN_COMMENTS)
    except signing.BadSignature:
        return []
    return [int(i) for i in ids.split(",") if i.isdigit()][-MAX_OWN_COMMENTS:]


def remember_own_comment(request, response, comment) -> None:
    ids = [*own_comment_ids(request), comment.pk][-MAX_OWN_COMMENTS:]
    _set(request, response, OWN_COMMENTS, ",".join(map(str, ids)), OWN_COMMENTS_MAX_AGE)


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
