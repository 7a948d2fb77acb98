"""The body editor in admin: its widget, library pictures, refused pictures."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_image, make_user

from .desk import CHANGE_URL, post_change

CHOOSER_URL = "/admin/articles/article/images/choose/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user(role="Editor"))
    return client


@pytest.fixture
def article(db):
    return make_article(body="<h2>Before</h2><p>Existing <strong>body</strong>.</p>")


def figure(image, alt="A red square", src=None):
    src = src or image.file.url
    return (
        f'<figure class="figure"><img src="{src}" alt="{alt}" data-file="{image.pk}">'
        "<figcaption>In the body</figcaption></figure>"
    )


def test_change_form_uses_the_body_editor(editor_client, article):
    page = editor_client.get(CHANGE_URL.format(article.pk)).content.decode()
    assert "data-django-prose-editor-configurable" in page


def test_editor_assets_load_with_the_nonce(editor_client, article):
    page = editor_client.get(CHANGE_URL.format(article.pk)).content.decode()
    assert '<script type="importmap" nonce="' in page


def test_existing_body_opens_unchanged(editor_client, article):
    response = editor_client.get(CHANGE_URL.format(article.pk))
    assert response.context["adminform"].form["body"].value() == article.body


def test_external_picture_is_refused_with_how_to_upload(editor_client, article):
    body = '<p>x</p><img src="https://elsewhere.example/a.jpg" alt="A">'
    response = post_change(editor_client, article, body=body)
    assert "Upload it under Images" in response.content.decode()


def test_external_picture_never_reaches_the_article(editor_client, article):
    body = '<p>x</p><img src="https://elsewhere.example/a.jpg" alt="A">'
    post_change(editor_client, article, body=body)
    assert "elsewhere" not in Article.objects.get().body


def test_picture_without_alt_text_is_refused(editor_client, article):
    image = make_image()
    post_change(editor_client, article, body=figure(image, alt=""))
    assert "data-file" not in Article.objects.get().body


def test_library_picture_is_stored_as_a_reference(editor_client, article):
    image = make_image()
    post_change(editor_client, article, body=figure(image))
    assert f'data-file="{image.pk}"' in Article.objects.get().body


def test_library_picture_renders_like_the_lead_image(client, db):
    image = make_image(credit="Staff photographer")
    article = make_article(body=figure(image), lead_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    body = page.split('class="story__body"', 1)[1]
    lead = page.split('class="story__lead-image"', 1)[1].split("</picture>")[0]
    srcset = lead.split('srcset="', 1)[1].split('"')[0]
    assert (
        'class="story__figure"' in body
        and srcset in body
        and 'sizes="(min-width: 960px) 880px, 100vw"' in body
        and "Credit: Staff photographer" in body
    )


def test_deleted_library_picture_leaves_no_broken_image(client, db):
    image = make_image()
    article = make_article(body="<p>Text</p>" + figure(image))
    image.delete()
    page = client.get(article.get_absolute_url()).content.decode()
    assert image.file.url not in page


def test_chooser_lists_library_pictures_with_caption_and_credit(editor_client):
    make_image(caption="Harbour at dawn", credit="Ann Photo")
    page = editor_client.get(CHOOSER_URL, {"CKEditorFuncNum": "-1"}).content.decode()
    assert "Harbour at dawn" in page and "Credit: Ann Photo" in page


def test_chooser_searches(editor_client):
    make_image(alt_text="A harbour", caption="Harbour")
    make_image(alt_text="A mountain", caption="Mountain")
    page = editor_client.get(CHOOSER_URL, {"q": "mountain"}).content.decode()
    assert "A mountain" in page and "A harbour" not in page


def test_change_form_shows_the_limits_for_counters(editor_client, article):
    page = editor_client.get(CHANGE_URL.format(article.pk)).content.decode()
    assert '"search results"' in page and '"social cards"' in page


def test_link_dialog_is_offered_our_published_articles(editor_client, article):
    other = make_article(headline="Another story to link")
    page = editor_client.get(CHANGE_URL.format(article.pk)).content.decode()
    assert f'<option value="{other.get_absolute_url()}" label="Another story' in page


def test_library_picture_without_a_reference_gets_one(editor_client, article):
    # As the WordPress import writes them: our copy's address, no data-file.
    image = make_image()
    body = f'<figure><img src="{image.file.url}" alt="A red square"></figure>'
    post_change(editor_client, article, body=body)
    assert f'data-file="{image.pk}"' in Article.objects.get().body
