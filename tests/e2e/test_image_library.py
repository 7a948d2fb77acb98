"""An editor uploads two pictures at once, finds one, sets its focal point
by clicking, and cannot delete a picture a story uses."""

import pytest

from articles.models import Image
from tests.factories import image_bytes, make_article, make_image, make_user

from .conftest import ADMIN_EXCLUDE, check_accessibility, expect, log_in, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def pictures(tmp_path):
    paths = []
    for name, size in [("ferry.jpg", (1600, 900)), ("portrait.jpg", (900, 1600))]:
        path = tmp_path / name
        path.write_bytes(image_bytes("JPEG", size=size))
        paths.append(path)
    return paths


def test_editor_works_the_image_library(page, pictures, db):
    editor = make_user(role="Editor")
    log_in(page, editor.username)

    page.goto("/admin/articles/image/")
    page.get_by_role("link", name="Upload several images").click()
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    page.locator("#id_images-0-file").set_input_files(pictures[0])
    page.locator("#id_images-0-alt_text").fill("A ferry leaving the harbour")
    page.locator("#id_images-1-file").set_input_files(pictures[1])
    page.locator("#id_images-1-alt_text").fill("A fisherman on the quay")
    page.locator("#id_images-1-title").fill("Fisherman portrait")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".messagelist")).to_contain_text("2 image(s) added")
    expect(page.locator(".image-card")).to_have_count(2)
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "image-library")

    page.locator("#searchbar").fill("fisherman")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".image-card")).to_have_count(1)
    page.locator(".image-card__link").first.click()

    # Click near the top of the portrait: the subject's head.
    picture = page.locator(".focal-picker img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] / 2, "y": box["height"] * 0.1})
    expect(page.locator("#id_focal_y")).to_have_value("0.1")
    check_accessibility(page, exclude=[*ADMIN_EXCLUDE, ["#id_file"]])
    screenshot(page, "image-focal-point")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("made again")
    image = Image.objects.get(title="Fisherman portrait")
    assert (image.focal_x, image.focal_y) == (0.5, 0.1)


def test_an_image_in_use_cannot_be_deleted(page, db):
    editor = make_user(role="Editor")
    image = make_image(title="Harbour at dawn")
    make_article(headline="The harbour reopens", lead_image=image)
    log_in(page, editor.username)
    page.goto(f"/admin/articles/image/{image.pk}/delete/")
    expect(page.get_by_role("heading", name="Cannot delete image")).to_be_visible()
    expect(page.get_by_role("link", name="The harbour reopens")).to_be_visible()
    screenshot(page, "image-delete-refused")
    assert Image.objects.filter(pk=image.pk).exists()
