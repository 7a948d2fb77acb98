"""Post/Redirect/Get for a comment form that failed validation.

The reader's fields and the errors ride in a short-lived signed cookie to
the article page (303 to its form), so a reload shows the form again instead
of posting it again. A draft too long for a cookie is answered in place
(400, the same form), as before. The cookie makes the page personal: the
page cache never serves or stores it (newsroom.pagecache).
"""

from django.core import signing
from django.forms.utils import ErrorDict, ErrorList

from . import cookies
from .forms import CommentForm

DRAFT = "comment_draft"
MAX_AGE = 600
# Browsers keep a cookie of at most 4,096 bytes, name and attributes included.
MAX_VALUE = 3800
FIELDS = ("body", "author_name", "author_email", "author_url", "remember",
          "parent", "token", "homepage")  # fmt: skip


def keep_draft(request, response, form, article) -> bool:
    """Put the form's data and errors on `response`; False if too long."""
    payload = {
        "a": article.pk,
        "d": {name: form.data.get(name, "") for name in FIELDS},
        "e": {
            field: [str(m) for m in messages] for field, messages in form.errors.items()
        },
    }
    value = signing.dumps(payload, salt=DRAFT, compress=True)
    if len(value) > MAX_VALUE:
        return False
    response.set_cookie(
        DRAFT, value, max_age=MAX_AGE, path=cookies.PATH, httponly=True,
        samesite="Lax", secure=request.is_secure(),
    )  # fmt: skip
    return True


def draft_form(request, article) -> CommentForm | None:
    """The form the reader sent this article, with its errors, if kept."""
    value = request.COOKIES.get(DRAFT)
    if not value:
        return None
    try:
        payload = signing.loads(value, salt=DRAFT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("a") != article.pk:
        return None
    form = CommentForm(payload.get("d") or {}, article=article)
    # The errors as they were: a refusal is not something to re-derive.
    form._errors = ErrorDict(
        {field: ErrorList(messages) for field, messages in payload.get("e", {}).items()}
    )
    return form


def forget_draft(request, response) -> None:
    if DRAFT in request.COOKIES:
        response.delete_cookie(DRAFT, path=cookies.PATH, samesite="Lax")
