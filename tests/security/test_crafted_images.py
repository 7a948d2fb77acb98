"""Finding 4: crafted pictures are a form error with nothing stored, never a
500: validation decodes the whole picture with the re-encoder's limits."""

import struct
import zlib

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Image
from tests.factories import image_bytes, make_user


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", size=(800, 600), quality=95)
    return data[: len(data) // 2]  # headers intact, scan data cut short


def png_with_text_bomb(inflated=60 * 1024 * 1024) -> bytes:
    """A valid PNG whose zTXt chunk, after the image data, inflates to 60 MB."""
    png = image_bytes("PNG", size=(64, 64))
    payload = b"Comment\x00\x00" + zlib.compress(b"\x00" * inflated, 9)
    chunk = struct.pack(">I", len(payload)) + b"zTXt" + payload
    chunk += struct.pack(">I", zlib.crc32(b"zTXt" + payload) & 0xFFFFFFFF)
    iend = png.rindex(b"IEND") - 4
    return png[:iend] + chunk + png[iend:]


CRAFTED = {
    "truncated.jpg": (truncated_jpeg, "image/jpeg"),
    "text-bomb.png": (png_with_text_bomb, "image/png"),
}


@pytest.fixture
def editor(client, db):
    client.force_login(make_user(role="Editor"))
    return client


@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_picture_is_a_form_error(editor, name):
    make, content_type = CRAFTED[name]
    upload = SimpleUploadedFile(name, make(), content_type=content_type)
    response = editor.post(
        "/admin/articles/image/add/", {"file": upload, "alt_text": "A picture"}
    )
    assert (response.status_code, "cannot be read in full" in response.text) == (
        200,
        True,
    )


@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_picture_stores_nothing(editor, settings, name):
    make, content_type = CRAFTED[name]
    upload = SimpleUploadedFile(name, make(), content_type=content_type)
    editor.post("/admin/articles/image/add/", {"file": upload, "alt_text": "A"})
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert (Image.objects.count(), stored) == (0, [])
