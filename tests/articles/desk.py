"""Helpers for the writing-desk tests: the article change form as posted."""

from django.utils import timezone

CHANGE_URL = "/admin/articles/article/{}/change/"


def change_data(article, **overrides) -> dict:
    """What the change form would post for `article` unchanged, plus overrides."""
    bylines = list(article.bylines.all())
    published = (
        timezone.localtime(article.published_at) if article.published_at else None
    )
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "tags": [t.pk for t in article.tags.all()],
        "dateline": article.dateline,
        "lead_image": article.lead_image_id or "",
        "status": article.status,
        "published_at_0": f"{published:%Y-%m-%d}" if published else "",
        "published_at_1": f"{published:%H:%M:%S}" if published else "",
        "comments_close_after_days": "",
        "bylines-TOTAL_FORMS": str(len(bylines)),
        "bylines-INITIAL_FORMS": str(len(bylines)),
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    if article.comments_enabled:
        data["comments_enabled"] = "on"
    for i, byline in enumerate(bylines):
        data |= {
            f"bylines-{i}-id": byline.pk,
            f"bylines-{i}-article": article.pk,
            f"bylines-{i}-author": byline.author_id,
            f"bylines-{i}-order": byline.order,
        }
    if hasattr(article, "version"):
        data["base_version"] = article.version
    return data | overrides


def post_change(client, article, **overrides):
    """Open the change form afresh, change `overrides`, save."""
    article.refresh_from_db()
    return client.post(CHANGE_URL.format(article.pk), change_data(article, **overrides))
