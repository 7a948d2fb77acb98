"""Background work for articles: image renditions, off the upload request,
and the editors' digest of articles waiting for review."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Max
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Image


@task
def make_image_renditions(image_id: int) -> int:
    """Cut the image's renditions and store their map; how many were written."""
    from . import images

    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0  # deleted before the worker got to it
    image.renditions = images.make_renditions(image)
    # Only this field: an editor may be changing caption or alt text meanwhile.
    image.save(update_fields=["renditions"])
    return len(image.renditions)


@task
def send_review_digest() -> int:
    """One email listing every submission not yet announced; at most one per
    interval, and none unless REVIEW_EDITOR_EMAILS is set."""
    from .models import ArticleStep

    interval = timedelta(minutes=settings.REVIEW_DIGEST_MINUTES)
    submissions = ArticleStep.objects.filter(kind=ArticleStep.Kind.SUBMIT)
    last = submissions.aggregate(last=Max("notified_at"))["last"]
    now = timezone.now()
    if not settings.REVIEW_EDITOR_EMAILS or (last and now - last < interval):
        return 0  # off, or a later scheduled run sends these
    waiting = list(
        submissions.filter(notified_at__isnull=True)
        .select_related("article", "user")
        .order_by("created_at")[:200]
    )
    if not waiting:
        return 0
    # Claim the rows first: two workers never announce the same step twice.
    ids = [step.pk for step in waiting]
    submissions.filter(pk__in=ids, notified_at__isnull=True).update(notified_at=now)
    waiting = [s for s in submissions.filter(pk__in=ids, notified_at=now)]
    if not waiting:
        return 0
    from django.contrib.sites.models import Site

    domain = Site.objects.get_current().domain
    context = {
        "steps": waiting,
        "admin_url": f"https://{domain}/{settings.ADMIN_URL}articles/article/"
        "?status__exact=review",
    }
    send_mail(
        f"{len(waiting)} article(s) waiting for review",
        render_to_string("articles/email/review_digest.txt", context),
        None,
        settings.REVIEW_EDITOR_EMAILS,
    )
    return len(waiting)


def schedule_review_digest() -> None:
    """Send the digest now, or when the interval since the last one ends."""
    from .models import ArticleStep

    interval = timedelta(minutes=settings.REVIEW_DIGEST_MINUTES)
    last = ArticleStep.objects.filter(kind=ArticleStep.Kind.SUBMIT).aggregate(
        last=Max("notified_at")
    )["last"]
    due = (last + interval) if last else timezone.now()
    if not default_task_backend.supports_defer or due <= timezone.now():
        send_review_digest.enqueue()
    else:
        send_review_digest.using(run_after=due).enqueue()
