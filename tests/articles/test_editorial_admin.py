import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Image
from tests.factories import (
    image_bytes,
    make_article,
    make_author,
    make_section,
    make_user,
)


def article_form(section, author, **overrides):
    data = {
        "headline": "A new story",
        "slug": "a-new-story",
        "standfirst": "Summary",
        "body": "<p>Body</p>",
        "section": section.pk,
        "dateline": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-order": "0",
    }
    return data | overrides


@pytest.fixture
def reporter_client(client, author):
    # A reporter writes under their own byline (articles.admin_workflow).
    author.user = make_user(role="Reporter")
    author.save()
    client.force_login(author.user)
    return client


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user(role="Editor"))
    return client


def test_roles_exist(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Reporter",
        "Editor",
        "Moderator",
    }


def test_only_editors_hold_the_publish_permission(db):
    holders = Group.objects.filter(permissions__codename="publish_article")
    assert list(holders.values_list("name", flat=True)) == ["Editor"]


def test_reporter_can_save_a_draft(reporter_client, section, author):
    reporter_client.post("/admin/articles/article/add/", article_form(section, author))
    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_byline_is_saved_from_the_form(client, section, author, role):
    user = make_user(role=role)
    author.user = user
    author.save()
    client.force_login(user)
    client.post("/admin/articles/article/add/", article_form(section, author))
    assert list(Article.objects.get().authors.all()) == [author]


def test_article_without_an_author_is_refused(editor_client, section, author):
    data = article_form(section, author) | {"bylines-0-author": ""}
    editor_client.post("/admin/articles/article/add/", data)
    assert not Article.objects.exists()


def test_reporter_can_submit_for_review(reporter_client, section, author):
    data = article_form(section, author, status=Article.Status.REVIEW)
    reporter_client.post("/admin/articles/article/add/", data)
    assert Article.objects.get().status == Article.Status.REVIEW


def test_reporter_cannot_publish_through_the_form(reporter_client, section, author):
    data = article_form(section, author, status=Article.Status.PUBLISHED)
    response = reporter_client.post("/admin/articles/article/add/", data)
    assert (response.status_code, Article.objects.count()) == (200, 0)


def test_reporter_cannot_publish_through_the_bulk_action(reporter_client, db):
    article = make_article(status=Article.Status.REVIEW)
    reporter_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_reporter_cannot_edit_a_published_article(reporter_client, section, author):
    article = make_article(section=section, authors=[author])
    data = article_form(section, author, headline="Changed", slug=article.slug,
                        status=Article.Status.REVIEW)  # fmt: skip
    reporter_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    article.refresh_from_db()
    assert article.headline != "Changed"


def test_editor_can_publish_through_the_form(editor_client, section, author):
    data = article_form(section, author, status=Article.Status.PUBLISHED)
    editor_client.post("/admin/articles/article/add/", data)
    assert Article.objects.published().count() == 1


def test_editor_bulk_publish(editor_client, db):
    drafts = [
        make_article(status=Article.Status.DRAFT, published_at=None) for _ in range(2)
    ]
    editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    assert Article.objects.published().count() == 2


def test_editor_bulk_unpublish(editor_client, db):
    article = make_article()
    editor_client.post(
        "/admin/articles/article/",
        {
            "action": "unpublish_selected",
            "_selected_action": [article.pk],
            "confirmed": "yes",
        },
    )
    assert not Article.objects.published().exists()


def test_editor_bulk_back_to_draft(editor_client, db):
    article = make_article()
    editor_client.post(
        "/admin/articles/article/",
        {
            "action": "draft_selected",
            "_selected_action": [article.pk],
            "confirmed": "yes",
        },
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_save_and_preview_opens_the_preview(editor_client, section, author):
    data = article_form(section, author) | {"_preview": "1"}
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response["Location"] == Article.objects.get().get_preview_url()


def test_article_changelist_shows_status_and_links(editor_client, db):
    make_article(headline="Listed story")
    html = editor_client.get("/admin/articles/article/").text
    assert "Listed story" in html and ">View</a>" in html


def test_article_changelist_search_and_filters(editor_client, db):
    make_article(headline="Harbour opens")
    make_article(headline="Other news")
    response = editor_client.get(
        "/admin/articles/article/", {"q": "harbour", "status__exact": "published"}
    )
    assert response.context["cl"].result_count == 1


def test_change_form_renders_for_editor(editor_client, db):
    article = make_article()
    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "Save and preview on the site" in response.text


def image_post(content, name="photo.jpg"):
    return {
        "file": SimpleUploadedFile(name, content),
        "alt_text": "Alt",
        "caption": "",
        "credit": "",
    }


def test_image_upload_through_admin_is_reencoded(editor_client):
    editor_client.post("/admin/articles/image/add/", image_post(image_bytes("JPEG")))
    image = Image.objects.get()
    assert image.renditions and image.file.name.endswith(".jpg")


def test_bad_image_upload_shows_a_clear_error(editor_client):
    response = editor_client.post(
        "/admin/articles/image/add/", image_post(b"<svg></svg>", "x.svg")
    )
    assert "Upload a valid image" in response.text or "not one of them" in response.text


def test_image_requires_alt_text(editor_client):
    data = image_post(image_bytes("JPEG")) | {"alt_text": ""}
    editor_client.post("/admin/articles/image/add/", data)
    assert not Image.objects.exists()


def test_moderator_cannot_open_articles_admin(client, db):
    client.force_login(make_user(role="Moderator"))
    assert client.get("/admin/articles/article/").status_code == 403


def test_editor_sees_author_admin(editor_client, db):
    make_author(name="Visible Author")
    assert "Visible Author" in editor_client.get("/admin/articles/author/").text


def test_section_admin_lists_nested_names(editor_client, db):
    make_section(name="Middle East", parent=make_section(name="World"))
    assert "World › Middle East" in editor_client.get("/admin/articles/section/").text
