"""Finding 2: the article rule holds for images: a reporter cannot change an
image readers see (lead image or body picture of a published or taken-down
article, an author's photo); an editor can."""

import pytest

from articles.models import Article, Image
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_upload,
    make_user,
)


def change_url(image):
    return f"/admin/articles/image/{image.pk}/change/"


def image_form(**overrides):
    return {
        "alt_text": "Changed by a reporter",
        "caption": "",
        "credit": "",
    } | overrides


@pytest.fixture
def reporter(client, db):
    client.force_login(make_user(role="Reporter"))
    return client


def test_reporter_cannot_change_a_published_lead_image(reporter):
    image = make_image()
    make_article(lead_image=image)
    response = reporter.post(change_url(image), image_form())
    image.refresh_from_db()
    assert (response.status_code, image.alt_text) == (403, "A red square")


def test_reporter_cannot_replace_a_published_lead_images_file(reporter):
    image = make_image()
    make_article(lead_image=image, status=Article.Status.UNPUBLISHED)
    name = image.file.name
    reporter.post(change_url(image), image_form(file=make_upload(color=(0, 0, 255))))
    image.refresh_from_db()
    assert image.file.name == name


def test_reporter_cannot_change_a_picture_in_a_published_body(reporter):
    image = make_image()
    make_article(body=f'<p>x</p><img src="{image.file.url}" alt="a">')
    assert reporter.post(change_url(image), image_form()).status_code == 403


def test_reporter_cannot_change_an_authors_photo(reporter):
    image = make_image()
    make_author(photo=image)
    assert reporter.post(change_url(image), image_form()).status_code == 403


def test_reporter_sees_a_public_image_read_only(reporter):
    image = make_image()
    make_article(lead_image=image)
    html = reporter.get(change_url(image)).text
    assert 'name="alt_text"' not in html


def test_reporter_still_changes_an_image_only_a_draft_uses(reporter):
    image = make_image()
    make_article(lead_image=image, status=Article.Status.DRAFT)
    reporter.post(change_url(image), image_form())
    assert Image.objects.get(pk=image.pk).alt_text == "Changed by a reporter"


def test_editor_changes_a_published_lead_image(client, db):
    client.force_login(make_user(role="Editor"))
    image = make_image()
    make_article(lead_image=image)
    client.post(change_url(image), image_form(alt_text="Fixed by the desk"))
    assert Image.objects.get(pk=image.pk).alt_text == "Fixed by the desk"
