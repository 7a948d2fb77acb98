"""Where library images are used, and the rule that an image in use stays.

Article bodies link pictures by URL: the original
(`images/2026/05/<stem>.jpg`) or a rendition (`renditions/<stem>-<run>/...`),
so the 32-hex stem names the image. ImageUse rows are rebuilt whenever an
article is saved, so the library can list and filter by use in SQL.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Cast

from .models import Article, Author, Image, ImageUse

# A path segment or file name made of a 32-hex stem (uuid4().hex).
STEM = re.compile(r"/([0-9a-f]{32})(?=[-./])")


@dataclass(frozen=True)
class Usage:
    label: str  # "Lead image of", "In the body of", "Photo of"
    obj: Article | Author


def images_in_body(body: str) -> set[int]:
    """Ids of the library images an article body links to."""
    stems = set(STEM.findall(body or ""))
    if not stems:
        return set()
    # Images made before rendition folders repeated the file's stem are
    # found by the folder named in their renditions map.
    text = Cast("renditions", TextField())
    query = Q()
    for stem in stems:
        query |= Q(file__contains=stem)
    with_renditions = Image.objects.annotate(renditions_text=text)
    for stem in stems:
        query |= Q(renditions_text__contains=f"renditions/{stem}/")
    return set(with_renditions.filter(query).values_list("pk", flat=True))


def record_image_uses(*, article: Article) -> None:
    """Make the article's ImageUse rows match its lead image and body now."""
    wanted = {(pk, ImageUse.Kind.BODY) for pk in images_in_body(article.body)}
    if article.lead_image_id:
        wanted.add((article.lead_image_id, ImageUse.Kind.LEAD))
    with transaction.atomic():
        current = set(
            ImageUse.objects.filter(article=article).values_list("image_id", "kind")
        )
        for image_id, kind in current - wanted:
            ImageUse.objects.filter(
                article=article, image_id=image_id, kind=kind
            ).delete()
        ImageUse.objects.bulk_create(
            [
                ImageUse(article=article, image_id=image_id, kind=kind)
                for image_id, kind in wanted - current
            ],
            ignore_conflicts=True,
        )


def article_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """post_save receiver: status-only saves leave the uses as they are."""
    if raw:
        return  # loaddata: the fixture's own rows, if any
    if update_fields is not None and not {"body", "lead_image"} & set(update_fields):
        return
    record_image_uses(article=instance)


def usages(image: Image) -> list[Usage]:
    """Every place a reader may meet the image: articles, then bylines."""
    uses = (
        ImageUse.objects.filter(image=image)
        .select_related("article")
        .order_by("article__headline", "kind")
    )
    found = [Usage(use.get_kind_display(), use.article) for use in uses]
    found += [Usage("Photo of", a) for a in Author.objects.filter(photo=image)]
    return found


def ensure_deletable(images) -> None:
    """Refuse to delete an image a story or a byline still shows."""
    in_use = [(image, usages(image)) for image in images]
    in_use = [(image, found) for image, found in in_use if found]
    if in_use:
        names = "; ".join(
            f"“{image}”: " + ", ".join(f"{u.label} “{u.obj}”" for u in found)
            for image, found in in_use
        )
        raise ProtectedError(
            f"Images in use cannot be deleted: {names}",
            {u.obj for _, found in in_use for u in found},
        )
