"""Autosaves are kept apart from the article and offered back on reopening."""

import pytest
from reversion.models import Version

from django.test import Client

from articles.models import Article, Autosave
from tests.factories import make_article, make_user

from .desk import CHANGE_URL, change_data, post_change

AUTOSAVE_URL = "/admin/articles/article/{}/autosave/"


@pytest.fixture
def editor(db):
    return make_user(role="Editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(db):
    return make_article(headline="Live headline", slug="live")


def autosave(client, article, **overrides):
    return client.post(
        AUTOSAVE_URL.format(article.pk), change_data(article, **overrides)
    )


def test_autosave_is_stored_apart(editor_client, editor, article):
    autosave(editor_client, article, headline="Typed, not saved")
    assert Autosave.objects.get(user=editor).data["headline"] == ["Typed, not saved"]


def test_autosave_never_changes_the_article(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    assert Article.objects.get().headline == "Live headline"


def test_autosave_is_not_a_revision(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    assert not Version.objects.exists()


def test_readers_never_see_an_autosave(client, editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Typed, not saved" not in page


def test_reopening_offers_the_autosave_with_its_time(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    page = editor_client.get(CHANGE_URL.format(article.pk)).content.decode()
    assert "kept by autosave" in page and "?autosave=restore" in page


def test_restore_puts_the_autosave_in_the_form(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    response = editor_client.get(CHANGE_URL.format(article.pk), {"autosave": "restore"})
    assert response.context["adminform"].form["headline"].value() == (
        "Typed, not saved"
    )


def test_restored_autosave_is_stale_if_someone_saved_since(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    opened_at = article.version
    article.save()  # someone else's save
    response = editor_client.get(CHANGE_URL.format(article.pk), {"autosave": "restore"})
    assert response.context["adminform"].form["base_version"].value() == opened_at


def test_saving_the_article_discards_the_autosave(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    post_change(editor_client, article, headline="Saved for real")
    assert not Autosave.objects.exists()


def test_discard_forgets_the_autosave(editor_client, article):
    autosave(editor_client, article, headline="Typed, not saved")
    editor_client.post(f"/admin/articles/article/{article.pk}/autosave/discard/")
    assert not Autosave.objects.exists()


def test_new_article_autosave_is_offered_on_the_add_form(editor_client, article):
    editor_client.post(
        "/admin/articles/article/autosave/", change_data(article, headline="Fresh")
    )
    page = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "kept by autosave" in page


def test_reporter_cannot_autosave_over_a_published_article(client, article):
    client.force_login(make_user(role="Reporter"))
    response = autosave(client, article, headline="Sneaky")
    assert response.status_code == 403


def test_change_form_loads_the_desk_script_with_the_nonce(editor_client, article):
    page = editor_client.get(CHANGE_URL.format(article.pk)).content.decode()
    assert 'type="module" src="/static/js/admin/writing_desk.js" nonce="' in page


def test_a_late_autosave_of_a_form_already_saved_is_dropped(editor_client, article):
    stale = change_data(article, headline="Typed, then saved")
    post_change(editor_client, article, headline="Typed, then saved")
    editor_client.post(AUTOSAVE_URL.format(article.pk), stale)
    assert not Autosave.objects.exists()


def test_an_autosave_older_than_someone_elses_save_is_kept(editor_client, article):
    stale = change_data(article, headline="My unsaved words")
    other = Client()
    other.force_login(make_user(role="Editor"))
    post_change(other, article, headline="Their save")
    editor_client.post(AUTOSAVE_URL.format(article.pk), stale)
    assert Autosave.objects.get().data["headline"] == ["My unsaved words"]
