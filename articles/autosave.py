"""Autosave: the change form as typed, kept per editor and article.

An autosave is never a revision and never the article: readers and other
editors never see it. The form sends one at most every AUTOSAVE_SECONDS
while someone types, and when the tab is hidden (static/js/admin).
"""

from django.http import QueryDict
from django.utils import timezone

from . import revisions
from .models import Article, Autosave

AUTOSAVE_SECONDS = 30
# Form plumbing that is not the article.
SKIPPED_KEYS = {
    "csrfmiddlewaretoken", "_save", "_continue", "_preview", "overwrite", "seen_version",
}  # fmt: skip


def store_autosave(
    *, user, article: Article | None, data: QueryDict
) -> Autosave | None:
    """Keep the posted form as this editor's one autosave of the article.

    None, and nothing kept, for a form this editor has saved since: an
    autosave sent just before the save arrived after it.
    """
    values = {k: data.getlist(k) for k in data if k not in SKIPPED_KEYS}
    base = data.get("base_version", "")
    if article is not None and base.isdigit() and int(base) < article.version:
        latest = revisions.versions_of(article).first()
        if latest and latest.revision.user_id == user.pk:
            return None
    autosave, _ = Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            "data": values,
            "base_version": int(base) if base.isdigit() else None,
            "saved_at": timezone.now(),
        },
    )
    return autosave


def pending_autosave(*, user, article: Article | None) -> Autosave | None:
    """This editor's autosave of the article, until they save or discard it.

    Someone else's save since does not end it: it is still this editor's
    unsaved work, and restoring it then meets the usual conflict check.
    """
    return Autosave.objects.filter(user=user, article=article).first()


def discard_autosave(*, user, article: Article | None) -> None:
    """Forget this editor's autosave of the article (after a save, or on request)."""
    Autosave.objects.filter(user=user, article=article).delete()


def as_query_dict(autosave: Autosave) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in autosave.data.items():
        data.setlist(key, values)
    return data
