"""No lost updates: stale article forms are refused; open articles show who has them.

The guarantee is Article.version, checked by save() in one conditional
UPDATE. The edit lock is only a courtesy, as in WordPress: "Being edited by
NAME since TIME", with a way to take over.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django import forms
from django.db import transaction
from django.utils import timezone

from . import revisions
from .models import Article, EditLock

# An open change form refreshes its lock every minute (static/js/admin);
# a lock not refreshed for this long belongs to a closed tab.
LOCK_SECONDS = 150
HEARTBEAT_SECONDS = 60


def display_name(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Conflict:
    """Saves made since a form was loaded: by whom, when, and what changed."""

    saved_by: str
    saved_at: datetime | None
    current_version: int
    changes: list[revisions.FieldDiff] | None


def conflict_since(article: Article, base_version: int) -> Conflict:
    """What happened to `article` after a copy at `base_version` was loaded."""
    newer, base = [], None
    # Recent revisions are enough: a form is not open for hundreds of saves.
    for version in revisions.versions_of(article)[:50]:
        number = version.field_dict.get("version")
        if number is None:
            continue
        if number > base_version:
            newer.append(version)
        elif number == base_version:
            base = version
            break
    names = []
    for version in reversed(newer):
        name = display_name(version.revision.user)
        if name not in names:
            names.append(name)
    changes = None
    if base is not None:
        changes = revisions.diff(
            revisions.version_snapshot(base), revisions.snapshot(article)
        )
    saved_at = newer[0].revision.date_created if newer else article.updated_at
    return Conflict(
        saved_by=" and ".join(names) or "someone",
        saved_at=saved_at,
        current_version=article.version,
        changes=changes,
    )


class VersionCheckedForm(forms.ModelForm):
    """Refuses a stale form, keeping every value typed into it."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    overwrite = forms.BooleanField(
        required=False,
        label="Replace their changes with mine",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        if not self.instance.pk or base is None:
            return cleaned
        current = (
            Article.objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if base == current:
            self.instance.version = base
            return cleaned
        if cleaned.get("overwrite") and cleaned.get("seen_version") == current:
            # They saw exactly this newer version and chose to replace it.
            self.instance.version = current
            return cleaned
        fresh = Article.objects.get(pk=self.instance.pk)
        self.conflict = conflict_since(fresh, base)
        when = timezone.localtime(self.conflict.saved_at)
        raise forms.ValidationError(
            "Not saved: %(who)s saved this article at %(when)s, after you "
            "opened it. Everything you typed is still in the form. Their "
            "changes are shown above: add what you need to your text, or "
            "tick “Replace their changes with mine” and save again.",
            code="edit_conflict",
            params={"who": self.conflict.saved_by, "when": f"{when:%H:%M on %d %b %Y}"},
        )


def active_lock(article: Article) -> EditLock | None:
    cutoff = timezone.now() - timedelta(seconds=LOCK_SECONDS)
    return (
        EditLock.objects.select_related("user")
        .filter(article=article, seen_at__gte=cutoff)
        .first()
    )


def is_active(lock: EditLock | None) -> bool:
    cutoff = timezone.now() - timedelta(seconds=LOCK_SECONDS)
    return lock is not None and lock.seen_at >= cutoff


def take_lock(*, article: Article, user, force: bool = False) -> EditLock:
    """Hold the article's edit lock, unless someone else holds it (or force)."""
    now = timezone.now()
    with transaction.atomic():
        lock = (
            EditLock.objects.select_for_update()
            .select_related("user")
            .filter(article=article)
            .first()
        )
        if lock and is_active(lock) and lock.user_id != user.pk and not force:
            return lock
        if lock is None:
            lock = EditLock(article=article)
        if lock.user_id != user.pk or not is_active(lock):
            lock.user, lock.since = user, now
        lock.seen_at = now
        lock.save()
    return lock


def release_lock(*, article: Article, user) -> None:
    """Let go of the article's edit lock if this user holds it."""
    EditLock.objects.filter(article=article, user=user).delete()
