"""The steps of an article's life, offered by role and state, and the rule
each one follows wherever it is taken (the form's buttons, bulk actions).

A reporter saves drafts and submits their own articles for review; an editor
publishes now, schedules, returns an article to its reporter with a note and
unpublishes. Every step is recorded (ArticleStep) and shown on the article.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article, ArticleStep
from .services import can_publish

S = Article.Status
Kind = ArticleStep.Kind


@dataclass(frozen=True)
class Step:
    name: str  # the button's value
    label: str
    to: str  # the status it leads to; "" keeps the current one
    editor_only: bool
    from_statuses: frozenset
    kind: str = ""  # what is recorded; "" records nothing


LIVE_OR_NOT = frozenset({S.DRAFT, S.REVIEW, S.PUBLISHED, S.UNPUBLISHED})
STEPS = {
    step.name: step
    for step in [
        Step("draft", "Save draft", "", False, frozenset({S.DRAFT})),
        Step("submit", "Submit for review", S.REVIEW, False, frozenset({S.DRAFT}), Kind.SUBMIT),
        Step("publish", "Publish now", S.PUBLISHED, True, LIVE_OR_NOT, Kind.PUBLISH),
        Step("schedule", "Schedule", S.PUBLISHED, True, LIVE_OR_NOT, Kind.SCHEDULE),
        Step("return", "Return to reporter", S.DRAFT, True, frozenset({S.REVIEW}), Kind.RETURN),
        Step("unpublish", "Unpublish", S.UNPUBLISHED, True, frozenset({S.PUBLISHED}), Kind.UNPUBLISH),
        Step("redraft", "Back to draft", S.DRAFT, True, frozenset({S.PUBLISHED, S.UNPUBLISHED}), Kind.DRAFT),
    ]
}  # fmt: skip


def is_own(user, article: Article | None) -> bool:
    """The user's author profile is on the byline (a new article is theirs)."""
    if article is None or article.pk is None:
        return True
    return article.bylines.filter(author__user=user).exists()


def available_steps(user, article: Article | None) -> list[Step]:
    """The buttons this user gets on this article as it is now."""
    status = article.status if article is not None else S.DRAFT
    editor = can_publish(user)
    steps = []
    for step in STEPS.values():
        if status not in step.from_statuses or (step.editor_only and not editor):
            continue
        if step.name == "draft" and editor:
            continue  # editors save with the ordinary Save buttons
        if step.name == "submit" and not (editor or is_own(user, article)):
            continue
        if step.name == "publish" and article is not None and article.is_live:
            continue  # already live
        steps.append(step)
    return steps


def inferred_step(current: str, new: str, published_at) -> str:
    """The step a plain status change stands for ("" when it is none): the
    same rules then apply to a form posted without the buttons."""
    if new == current:
        return ""
    if new == S.PUBLISHED:
        later = published_at is not None and published_at > timezone.now()
        return "schedule" if later else "publish"
    return {
        (S.DRAFT, S.REVIEW): "submit",
        (S.REVIEW, S.DRAFT): "return",
        (S.PUBLISHED, S.UNPUBLISHED): "unpublish",
        (S.UNPUBLISHED, S.DRAFT): "redraft",
        (S.PUBLISHED, S.DRAFT): "redraft",
    }.get((current, new), "invalid")


def check_step(user, article: Article | None, name: str, *, note: str = "") -> Step:
    """The step if this user may take it on this article now; else an error."""
    step = STEPS.get(name)
    if step is None:
        raise ValidationError("Unknown step.")
    if step.editor_only and not can_publish(user):
        raise PermissionDenied(f"Only editors can {step.label.lower()}.")
    if step not in available_steps(user, article):
        status = (article.get_status_display() if article else "new").lower()
        raise ValidationError(f"“{step.label}” is not possible on a {status} article.")
    if step.name == "return" and not note.strip():
        raise ValidationError("Say what the reporter should change (the note).")
    return step


def record_step(*, article: Article, user, kind: str, note: str = "") -> ArticleStep:
    """Keep the step on the article's record; a submission tells the editors."""
    step = ArticleStep.objects.create(
        article=article, user=user, kind=kind, note=note.strip()
    )
    if kind == Kind.SUBMIT:
        from .tasks import schedule_review_digest

        transaction.on_commit(schedule_review_digest)
    return step


def publish_time(step: Step, published_at):
    """When the article goes live for this step (None: not a publishing step)."""
    now = timezone.now()
    if step.name == "publish":
        # Now, unless a time already passed was given (a backdated story).
        return published_at if published_at and published_at <= now else now
    if step.name == "schedule":
        if published_at is None or published_at <= now:
            raise ValidationError(
                {"published_at": "Give a time in the future to schedule."}
            )
        return published_at
    return None
