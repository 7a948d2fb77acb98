import zlib

import pytest
from PIL import Image as PILImage

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import images
from tests.factories import image_bytes, make_image, make_upload


def png_claiming(width, height) -> bytes:
    """A tiny PNG whose header claims a huge size (as a decompression bomb)."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    # IHDR width/height live at bytes 16-24; Pillow checks size on open().
    data[16:20] = width.to_bytes(4, "big")
    data[20:24] = height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refused_code(file) -> str:
    with pytest.raises(ValidationError) as info:
        images.validate_image_file(file)
    return info.value.error_list[0].code


def test_a_real_jpeg_is_accepted():
    images.validate_image_file(make_upload())


def test_bomb_over_twice_pillows_limit_is_refused():
    assert (
        refused_code(upload("bomb.png", png_claiming(20_000, 10_000)))
        == "too_many_pixels"
    )


def test_image_between_one_and_two_times_the_limit_is_refused(settings):
    # 134 Mpx: Pillow alone would only warn; Django would accept it.
    assert (
        refused_code(upload("big.png", png_claiming(12_000, 11_185)))
        == "too_many_pixels"
    )


def test_image_over_the_site_limit_is_refused():
    # 50 Mpx: below Pillow's default, above the newsroom's 40 Mpx.
    assert (
        refused_code(upload("big.png", png_claiming(10_000, 5_000)))
        == "too_many_pixels"
    )


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert refused_code(upload("x.svg", svg, "image/svg+xml")) == "invalid_image"


def test_html_renamed_to_jpg_is_refused():
    assert (
        refused_code(upload("x.jpg", b"<html><script>alert(1)</script></html>"))
        == "invalid_image"
    )


def test_pdf_renamed_to_png_is_refused():
    assert (
        refused_code(upload("x.png", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"))
        == "invalid_image"
    )


def test_tiff_is_refused_as_not_an_allowed_format():
    assert (
        refused_code(upload("x.tif", image_bytes("TIFF", size=(10, 10))))
        == "invalid_image"
    )


def test_oversized_file_is_refused(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="too large"):
        images.validate_image_file(make_upload())


def exif_with_gps() -> bytes:
    exif = PILImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    return exif.tobytes()


def stored_image(**save_kwargs):
    content = image_bytes("JPEG", size=(300, 200), **save_kwargs)
    return make_image(
        upload=upload("photo.jpg", content + b"<html><script>x</script>", "image/jpeg")
    )


def test_stored_file_has_no_exif(db):
    image = stored_image(exif=exif_with_gps())
    with PILImage.open(image.file.path) as im:
        assert not im.getexif()


def test_stored_file_has_no_jpeg_comment(db):
    image = stored_image(comment=b"<script>alert(1)</script>")
    with PILImage.open(image.file.path) as im:
        assert "comment" not in im.info


def test_stored_file_drops_trailing_payload(db):
    image = stored_image()
    with open(image.file.path, "rb") as stored:
        assert b"<script>" not in stored.read()


def test_orientation_is_applied_before_exif_is_dropped(db):
    image = stored_image(exif=exif_with_gps())
    assert (image.width, image.height) == (200, 300)


def test_stored_name_is_chosen_by_the_server(db):
    image = make_image(upload=make_upload(name="../../evil.php.jpg"))
    assert "evil" not in image.file.name and image.file.name.startswith("images/")


def test_original_name_is_kept_as_data(db):
    image = make_image(upload=make_upload(name='"><b>holiday.jpg'))
    assert image.original_name == '"><b>holiday.jpg'


def test_renditions_cover_each_crop_in_webp_and_jpeg(db):
    image = make_image()
    crops = {key.split("-")[0] for key in image.renditions}
    formats = {key.rsplit(".", 1)[1] for key in image.renditions}
    assert (crops, formats) == ({"16x9", "4x3", "1x1"}, {"webp", "jpg"})


def test_renditions_have_the_crop_ratio(db):
    image = make_image()
    entry = image.renditions["4x3-800.jpg"]
    with PILImage.open(image.file.storage.path(entry["name"])) as im:
        assert im.size == (800, 600)


def test_srcset_lists_widths(db):
    image = make_image()
    assert images.srcset(image, "16x9", "webp").count("w,") == 2


def test_small_images_are_not_upscaled(db):
    image = make_image(upload=make_upload(size=(500, 300)))
    widths = sorted({v["width"] for v in image.renditions.values()})
    assert widths == [480]


def test_png_with_transparency_stays_png(db):
    image = make_image(
        upload=make_upload(
            name="logo.png", fmt="PNG", alpha=True, size=(100, 100), color=(0, 0, 0, 0)
        )
    )
    assert image.file.name.endswith(".png")
