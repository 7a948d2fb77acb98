"""Plain functions that make valid objects; pass overrides as keywords."""

import io
import itertools
from datetime import timedelta

from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles import images
from articles.models import Article, ArticleAuthor, Author, Image, Section, Tag

# Five digits: a made-up headline never reads as a year (1800-2199), which
# the copy desk's date checks would flag, whatever the suite's size.
_seq = itertools.count(10_000)


def make_section(**overrides) -> Section:
    n = next(_seq)
    fields = {"name": f"Section {n}", "slug": f"section-{n}"} | overrides
    return Section.objects.create(**fields)


def make_author(**overrides) -> Author:
    n = next(_seq)
    fields = {"name": f"Author {n}", "slug": f"author-{n}", "role_title": "Reporter"}
    return Author.objects.create(**(fields | overrides))


def make_tag(**overrides) -> Tag:
    n = next(_seq)
    return Tag.objects.create(**({"name": f"Tag {n}", "slug": f"tag-{n}"} | overrides))


def make_article(*, authors=None, tags=(), **overrides) -> Article:
    """A published article, live an hour ago, unless overridden."""
    n = next(_seq)
    fields = {
        # Zero-padded: past 1800 a bare sequence number reads as a year to the
        # copy desk's date rules.
        "headline": f"Headline number {n:05d}",
        "slug": f"headline-{n}",
        "standfirst": f"Standfirst {n:05d}",
        "body": f"<p>Body text of article {n:05d}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    } | overrides
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article.objects.create(**fields)
    for order, author in enumerate(authors or [make_author()]):
        ArticleAuthor.objects.create(article=article, author=author, order=order)
    if tags:
        article.tags.set(tags)
    return article


def image_bytes(
    fmt="JPEG", size=(1600, 900), color=(200, 40, 40), **save_kwargs
) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kwargs.pop("alpha", False) else "RGB"
    PILImage.new(mode, size, color).save(out, fmt, **save_kwargs)
    return out.getvalue()


def make_upload(name="photo.jpg", fmt="JPEG", **kwargs) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(
        fmt, "application/octet-stream"
    )
    return SimpleUploadedFile(
        name, image_bytes(fmt, **kwargs), content_type=content_type
    )


def make_image(**overrides) -> Image:
    upload = overrides.pop("upload", None) or make_upload()
    fields = {"alt_text": "A red square", "caption": "Caption", "credit": "Staff"}
    image = Image(**(fields | overrides))
    images.store_upload(image, upload)
    return image


def make_user(*, role: str | None = None, staff: bool = True, **overrides):
    n = next(_seq)
    user = get_user_model().objects.create_user(
        username=overrides.pop("username", f"user{n}"),
        password=overrides.pop("password", "a-long-test-password"),
        is_staff=staff,
        **overrides,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
