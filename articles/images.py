"""Uploaded pictures: checked, re-encoded without metadata, and cut into renditions.

Every upload is decoded and saved again by Pillow, so what is stored is a
plain image: no EXIF (GPS), no XMP, no JPEG comment, no trailing payload.
"""

import io
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import PurePosixPath

from PIL import Image as PILImage
from PIL import ImageOps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Crop ratios (JSON-LD wants 16x9, 4x3 and 1x1) and widths for srcset.
CROPS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
WIDTHS = (480, 800, 1200)
FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
JPEG_QUALITY = 82


def validate_image_file(upload) -> None:
    """Refuse anything that is not a real JPEG, PNG, WebP or GIF within limits."""
    if upload.size > settings.IMAGE_MAX_UPLOAD_BYTES:
        limit = settings.IMAGE_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError(f"The file is too large: the limit is {limit} MB.")
    try:
        upload.seek(0)
        with PILImage.open(upload, formats=ALLOWED_FORMATS):
            pass
        # Then the whole picture, decoded as the re-encoder will decode it
        # (a header and checksums can be fine in a truncated file), with the
        # same limits: pixels (articles.apps) and text chunks (Pillow's).
        _, width, height = reencode(upload, save=False)
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            "The picture has too many pixels (at most %(limit)s million).",
            params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except PILImage.UnidentifiedImageError:
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF picture; this file is not one of them.",
            code="invalid_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            "This picture cannot be read in full: the file is damaged, cut "
            "short or carries oversized hidden data. Export it again and "
            "upload the new file.",
            code="damaged_image",
        ) from None
    finally:
        upload.seek(0)
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            "The picture has too many pixels.", code="too_many_pixels"
        )


def reencode(upload, *, save: bool = True) -> tuple[ContentFile | None, int, int]:
    """The upload decoded, turned upright and saved afresh as JPEG or PNG
    (save=False: decoded only, as validation does)."""
    upload.seek(0)
    # Pixel limits are enforced inside open() (see articles.apps).
    with PILImage.open(upload, formats=ALLOWED_FORMATS) as im:
        im.seek(0)  # the first frame of an animation
        im.load()  # every pixel, and the chunks after them (PNG text)
        upright = ImageOps.exif_transpose(im)
        if not save:
            return None, *upright.size
        has_alpha = (
            upright.mode in ("RGBA", "LA", "P") and "transparency" in upright.info
        )
        has_alpha = has_alpha or upright.mode in ("RGBA", "LA")
        out = io.BytesIO()
        if has_alpha:
            upright.convert("RGBA").save(out, "PNG", optimize=True)
            ext = "png"
        else:
            # comment=b"" matters: Pillow would copy the JPEG COM marker.
            upright.convert("RGB").save(
                out, "JPEG", quality=90, optimize=True, comment=b""
            )
            ext = "jpg"
        width, height = upright.size
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}"), width, height


def crop_box(
    width: int,
    height: int,
    ratio: tuple[int, int],
    focal: tuple[float, float] | None = None,
) -> tuple[int, int, int, int]:
    """The largest `ratio` window of the picture, centred on the focal point
    (fractions of width and height) as far as the edges allow; with none,
    centred, a little above the middle (faces in most news photos)."""
    target = ratio[0] / ratio[1]
    fx, fy = focal if focal is not None else (0.5, None)
    if width / height > target:
        new_w, new_h = round(height * target), height
    else:
        new_w, new_h = width, round(width / target)
    left = _place(round(fx * width) - new_w // 2, new_w, width)
    if fy is None:
        top = max(0, (height - new_h) // 3)
    else:
        top = _place(round(fy * height) - new_h // 2, new_h, height)
    return (left, top, left + new_w, top + new_h)


def _place(start: int, size: int, limit: int) -> int:
    # Slide the window back inside the picture; the focal point stays in it.
    return max(0, min(start, limit - size))


def focal_point(image) -> tuple[float, float] | None:
    if image.focal_x is None or image.focal_y is None:
        return None
    return (image.focal_x, image.focal_y)


def _encode(cropped, width: int, ratio) -> dict[str, tuple[bytes, int, int]]:
    height = round(width * ratio[1] / ratio[0])
    resized = cropped.resize((width, height), PILImage.Resampling.LANCZOS)
    encoded = {}
    for ext, fmt in FORMATS.items():
        out = io.BytesIO()
        resized.save(out, fmt, quality=JPEG_QUALITY)
        encoded[ext] = (out.getvalue(), width, height)
    return encoded


def make_renditions(image) -> dict:
    """Write every crop x width x format once; return the map stored on Image.

    Each run writes a new folder named after the original (media is served
    as immutable, and article bodies may still link an older folder).
    """
    image.file.open("rb")
    try:
        with PILImage.open(image.file) as source:
            source.load()
            base = source.convert("RGB")
    finally:
        image.file.close()
    jobs = []
    for crop, ratio in CROPS.items():
        cropped = base.crop(crop_box(*base.size, ratio, focal_point(image)))
        for width in WIDTHS:
            if width > cropped.width and width != WIDTHS[0]:
                continue  # no upscaling beyond the smallest size
            jobs.append((crop, cropped, width, ratio))
    # Pillow releases the GIL while resizing and encoding: use every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        encoded = pool.map(lambda job: (job[0], _encode(*job[1:])), jobs)
        results = list(encoded)
    stem = f"{file_stem(image)}-{uuid.uuid4().hex[:8]}"
    renditions = {}
    for crop, formats in results:
        for ext, (data, width, height) in formats.items():
            key = f"{crop}-{width}.{ext}"
            name = default_storage.save(f"renditions/{stem}/{key}", ContentFile(data))
            renditions[key] = {"name": name, "width": width, "height": height}
    return renditions


def rendition_entries(image, crop: str, ext: str) -> list[dict]:
    entries = [
        value
        for key, value in (image.renditions or {}).items()
        if key.startswith(f"{crop}-") and key.endswith(f".{ext}")
    ]
    return sorted(entries, key=lambda e: e["width"])


def srcset(image, crop: str = "16x9", ext: str = "jpg") -> str:
    return ", ".join(
        f"{default_storage.url(e['name'])} {e['width']}w"
        for e in rendition_entries(image, crop, ext)
    )


def crop_url(
    image, crop: str = "16x9", ext: str = "jpg", *, largest: bool = True
) -> str:
    """One rendition's URL (the largest, or the smallest); the original if none."""
    entries = rendition_entries(image, crop, ext)
    if not entries:
        return image.file.url
    return default_storage.url(entries[-1 if largest else 0]["name"])


def file_stem(image) -> str:
    """The random part of the stored file's name; rendition folders repeat it."""
    return PurePosixPath(image.file.name).stem


def store_upload(image, upload) -> None:
    """Fill `image` from an uploaded file (already validated) and save it;
    renditions follow from a task, the original stands in until then."""
    image.original_name = (upload.name or "")[:255]
    content, _, _ = reencode(upload)
    image.file.save(content.name, content, save=False)
    image.renditions = {}
    image.save()
    refresh_renditions(image)


def refresh_renditions(image) -> None:
    """Queue new renditions (after an upload or a moved focal point)."""
    from .tasks import make_image_renditions

    # The database task backend stores the job in this transaction: it runs
    # once the image is committed. The immediate backend runs it now.
    make_image_renditions.enqueue(image.pk)
    image.refresh_from_db(fields=["renditions"])
