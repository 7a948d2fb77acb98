import io

import pytest
from PIL import Image as PILImage

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import image_library, images
from articles.models import Image, ImageUse
from articles.tasks import make_image_renditions
from tests.factories import (
    image_bytes,
    make_article,
    make_author,
    make_image,
    make_tag,
    make_user,
)

CHANGE = "/admin/articles/image/{}/change/"
DELETE = "/admin/articles/image/{}/delete/"
LIST = "/admin/articles/image/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user(role="Editor"))
    return client


def body_with(image) -> str:
    return f'<p>Text</p><p><img src="{images.crop_url(image)}" alt="x"></p>'


def change_data(image, **overrides):
    data = {
        "title": image.title,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "focal_x": "" if image.focal_x is None else image.focal_x,
        "focal_y": "" if image.focal_y is None else image.focal_y,
    }
    return data | overrides


# Where an image is used


def test_lead_image_use_is_recorded(db):
    image = make_image()
    article = make_article(lead_image=image)
    assert ImageUse.objects.get(image=image).article == article


def test_an_image_in_the_body_is_recorded(db):
    image = make_image()
    make_article(body=body_with(image))
    assert ImageUse.objects.get(image=image).kind == ImageUse.Kind.BODY


def test_an_original_linked_in_the_body_is_recorded(db):
    image = make_image()
    make_article(body=f'<p><img src="{image.file.url}" alt="x"></p>')
    assert ImageUse.objects.filter(image=image, kind="body").exists()


def test_removing_the_picture_from_the_body_forgets_the_use(db):
    image = make_image()
    article = make_article(body=body_with(image))
    article.body = "<p>No pictures now</p>"
    article.save()
    assert not ImageUse.objects.filter(image=image).exists()


def test_change_page_lists_where_the_image_is_used(editor_client):
    image = make_image()
    make_article(headline="Harbour reopens", lead_image=image)
    response = editor_client.get(CHANGE.format(image.pk))
    assert "Lead image of" in response.text and "Harbour reopens" in response.text


# Deleting an image in use is refused


def test_deleting_a_lead_image_is_refused(editor_client):
    image = make_image()
    make_article(lead_image=image)
    editor_client.post(DELETE.format(image.pk), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_refused_delete_page_lists_the_stories(editor_client):
    image = make_image()
    make_article(headline="Bridge closes", body=body_with(image))
    response = editor_client.get(DELETE.format(image.pk))
    assert "In the body of" in response.text and "Bridge closes" in response.text


def test_bulk_delete_of_images_in_use_is_refused(editor_client):
    used, unused = make_image(), make_image()
    make_article(lead_image=used)
    editor_client.post(
        LIST,
        {
            "action": "delete_selected",
            "_selected_action": [used.pk, unused.pk],
            "post": "yes",
        },
    )
    assert Image.objects.count() == 2


def test_an_unused_image_can_be_deleted(editor_client):
    image = make_image()
    editor_client.post(DELETE.format(image.pk), {"post": "yes"})
    assert not Image.objects.exists()


def test_an_author_photo_is_protected_too(db):
    image = make_image()
    make_author(photo=image)
    with pytest.raises(image_library.ProtectedError):
        image_library.ensure_deletable([image])


# Search and filters


def test_search_finds_an_image_by_tag(editor_client):
    tagged = make_image(title="Harbour at dawn")
    tagged.tags.add(make_tag(name="Shipping", slug="shipping"))
    make_image(title="Council meeting")
    response = editor_client.get(LIST, {"q": "shipping"})
    assert list(response.context["cl"].result_list) == [tagged]


def test_search_finds_an_image_by_credit(editor_client):
    wanted = make_image(credit="Ana Photographer")
    make_image(credit="Agency")
    response = editor_client.get(LIST, {"q": "Ana"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_unused_filter_leaves_out_lead_images(editor_client):
    used, unused = make_image(), make_image()
    make_article(lead_image=used)
    response = editor_client.get(LIST, {"use": "unused"})
    assert list(response.context["cl"].result_list) == [unused]


def test_body_filter_lists_images_in_bodies(editor_client):
    in_body = make_image()
    make_article(lead_image=make_image(), body=body_with(in_body))
    response = editor_client.get(LIST, {"use": "body"})
    assert list(response.context["cl"].result_list) == [in_body]


def test_library_is_a_grid_of_thumbnails(editor_client):
    image = make_image(title="Harbour")
    response = editor_client.get(LIST)
    assert f'src="{images.crop_url(image, "4x3", largest=False)}"' in response.text


# Several uploads at once


def upload_rows(*rows, total=6):
    data = {
        "images-TOTAL_FORMS": str(total),
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "20",
    }
    for i, (name, alt) in enumerate(rows):
        data[f"images-{i}-file"] = SimpleUploadedFile(name, image_bytes("JPEG"))
        data[f"images-{i}-alt_text"] = alt
    return data


def test_several_images_upload_at_once_each_with_its_alt_text(editor_client):
    editor_client.post(
        "/admin/articles/image/upload/",
        upload_rows(("a.jpg", "Ferry at the pier"), ("b.jpg", "Crowd at the gate")),
    )
    assert sorted(Image.objects.values_list("alt_text", flat=True)) == [
        "Crowd at the gate",
        "Ferry at the pier",
    ]


def test_a_picture_without_alt_text_stores_nothing(editor_client):
    editor_client.post(
        "/admin/articles/image/upload/",
        upload_rows(("a.jpg", "Ferry at the pier"), ("b.jpg", "")),
    )
    assert not Image.objects.exists()


def test_reporter_without_add_permission_cannot_upload(client, db):
    client.force_login(make_user(role="Moderator"))
    response = client.get("/admin/articles/image/upload/")
    assert response.status_code == 403


# Focal point: every crop keeps the subject


def subject_photo(size, subject, radius=12) -> bytes:
    """A grey picture with one red square (the subject) centred on `subject`."""
    picture = PILImage.new("RGB", size, (128, 128, 128))
    x, y = subject
    picture.paste((255, 0, 0), (x - radius, y - radius, x + radius, y + radius))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def reddest_pixel(data: bytes) -> tuple[int, int, int]:
    with PILImage.open(io.BytesIO(data)) as im:
        rgb = im.convert("RGB")
        width, height = rgb.size
        return max(
            (r - g, x, y)
            for x in range(0, width, 2)
            for y in range(0, height, 2)
            for r, g, _ in [rgb.getpixel((x, y))]
        )


@pytest.mark.parametrize(
    ("size", "subject"),
    [
        ((900, 1600), (450, 80)),  # portrait, a head near the top
        ((900, 1600), (450, 1500)),  # portrait, feet near the bottom
        ((1600, 900), (60, 450)),  # landscape, far left
        ((1600, 900), (1560, 860)),  # landscape, bottom right corner
        ((1000, 1000), (990, 10)),  # square, top right corner
    ],
)
@pytest.mark.parametrize("crop", list(images.CROPS))
def test_the_focal_point_stays_inside_every_crop(size, subject, crop):
    focal = (subject[0] / size[0], subject[1] / size[1])
    left, top, right, bottom = images.crop_box(*size, images.CROPS[crop], focal)
    assert left <= subject[0] < right and top <= subject[1] < bottom


@pytest.mark.parametrize("crop", list(images.CROPS))
def test_a_portrait_crop_shows_the_subject_at_the_top(db, crop):
    upload = SimpleUploadedFile("p.png", subject_photo((900, 1600), (450, 100)))
    image = make_image(upload=upload, focal_x=0.5, focal_y=100 / 1600)
    entry = images.rendition_entries(image, crop, "jpg")[0]
    with default_storage.open(entry["name"]) as f:
        redness, _, _ = reddest_pixel(f.read())
    assert redness > 150


def test_without_a_focal_point_a_head_at_the_top_is_cut_off(db):
    # The reason for the feature: the old centred 16x9 crop misses it.
    upload = SimpleUploadedFile("p.png", subject_photo((900, 1600), (450, 100)))
    image = make_image(upload=upload)
    entry = images.rendition_entries(image, "16x9", "jpg")[0]
    with default_storage.open(entry["name"]) as f:
        redness, _, _ = reddest_pixel(f.read())
    assert redness < 50


def test_moving_the_focal_point_makes_new_renditions(editor_client):
    image = make_image()
    before = dict(image.renditions)
    editor_client.post(
        CHANGE.format(image.pk), change_data(image, focal_x="0.2", focal_y="0.3")
    )
    image.refresh_from_db()
    assert image.renditions.keys() == before.keys() and image.renditions != before


def test_renditions_keep_the_original_files_stem(db):
    image = make_image()
    stem = images.file_stem(image)
    assert all(stem in entry["name"] for entry in image.renditions.values())


def test_focal_point_needs_both_numbers(editor_client):
    image = make_image()
    response = editor_client.post(
        CHANGE.format(image.pk), change_data(image, focal_x="0.2")
    )
    assert "Give both focal point numbers" in response.text


def test_change_page_loads_the_focal_point_module_with_the_nonce(editor_client):
    image = make_image()
    response = editor_client.get(CHANGE.format(image.pk))
    assert 'src="/static/js/focal_point.js" nonce="' in response.text


# Renditions come from a task


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    from django.tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


def test_upload_queues_renditions_instead_of_making_them(queued_tasks, db):
    image = make_image()
    assert image.renditions == {} and len(queued_tasks.results) == 1


def test_pages_show_the_original_until_renditions_exist(queued_tasks, db):
    image = make_image()
    assert images.crop_url(image) == image.file.url


def test_the_task_makes_the_renditions(queued_tasks, db):
    image = make_image()
    make_image_renditions.call(image.pk)
    image.refresh_from_db()
    assert "16x9-480.webp" in image.renditions


def test_a_picture_the_body_editor_placed_is_recorded(db):
    image = make_image()
    make_article(body=f'<figure><img data-file="{image.pk}" alt="x"></figure>')
    assert ImageUse.objects.filter(image=image, kind="body").exists()
