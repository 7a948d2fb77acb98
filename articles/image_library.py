"""Where library images are used, and the rule that an image in use stays.

Article bodies link pictures by URL: the original
(`images/2026/05/<stem>.jpg`) or a rendition (`renditions/<stem>-<run>/...`),
so the 32-hex stem names the image. ImageUse rows are rebuilt whenever an
article is saved, so the library can list and filter by use in SQL.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Cast

from .models import Article, Author, Image, ImageUse

# A path segment or file name made of a 32-hex stem (uuid4().hex).
STEM = re.compile(r"/([0-9a-f]{32})(?=[-./])")
# The body editor's reference to a library picture (articles.editor).
DATA_FILE = re.compile(r'data-file="(\d+)"')


@dataclass(frozen=True)
class Usage:
    label: str  # "Lead image of", "In the body of", "Photo of"
    obj: Article | Author


def images_by_stem(stems: set[str]) -> dict[str, int]:
    """{stem: image id} for the stems that name a library image."""
    if not stems:
        return {}
    # Images made before rendition folders repeated the file's stem are
    # found by the folder named in their renditions map.
    query = Q()
    for stem in stems:
        query |= Q(file__contains=stem) | Q(renditions_text__contains=f"/{stem}/")
    found = {}
    rows = (
        Image.objects.annotate(renditions_text=Cast("renditions", TextField()))
        .filter(query)
        .values_list("pk", "file", "renditions")
    )
    for pk, name, renditions in rows:
        own = {PurePosixPath(name).stem}
        own |= {
            PurePosixPath(entry["name"]).parent.name for entry in renditions.values()
        }
        for stem in stems:
            if any(stem in candidate for candidate in own):
                found[stem] = pk
    return found


def referenced_images(bodies) -> set[int]:
    """Library images the body editor placed (data-file) that still exist."""
    ids = {int(i) for body in bodies for i in DATA_FILE.findall(body or "")}
    return set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True))


def images_in_body(body: str) -> set[int]:
    """Ids of the library images an article body shows: by the editor's
    data-file reference or by a file's address."""
    by_address = images_by_stem(set(STEM.findall(body or ""))).values()
    return referenced_images([body]) | set(by_address)


def record_bulk_image_uses(*, articles) -> None:
    """ImageUse rows for new articles saved in bulk (bulk_create sends no
    post_save): lead images and pictures in their bodies."""
    stems = {a.pk: set(STEM.findall(a.body or "")) for a in articles}
    by_stem = images_by_stem(set().union(*stems.values()))
    uses = [
        ImageUse(article=a, image_id=a.lead_image_id, kind=ImageUse.Kind.LEAD)
        for a in articles
        if a.lead_image_id
    ]
    known = referenced_images(a.body for a in articles)
    uses += [
        ImageUse(article=a, image_id=image_id, kind=ImageUse.Kind.BODY)
        for a in articles
        for image_id in {by_stem[s] for s in stems[a.pk] if s in by_stem}
        | ({int(i) for i in DATA_FILE.findall(a.body or "")} & known)
    ]
    ImageUse.objects.bulk_create(uses, ignore_conflicts=True)


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
