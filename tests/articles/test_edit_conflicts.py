"""Two people editing one article: the stale save is refused, nothing is lost."""

from functools import partial

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import locking, revisions
from articles.models import Article, EditConflict, EditLock
from tests.factories import make_article, make_author, make_user

from .desk import CHANGE_URL, change_data, post_change

RESTORE_URL = "/admin/articles/article/{}/revisions/{}/restore/"


@pytest.fixture
def alice(db):
    return make_user(role="Editor", first_name="Alice", last_name="Adams")


@pytest.fixture
def bob(db):
    return make_user(role="Editor", first_name="Bob", last_name="Brown")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article(db):
    return make_article(headline="Original headline", body="<p>First draft.</p>")


def test_every_save_bumps_the_version(article):
    article.save()
    assert Article.objects.get().version == 2


def test_a_stale_copy_cannot_overwrite_a_newer_save(article):
    stale = Article.objects.get()
    article.save()
    with pytest.raises(EditConflict):
        stale.save()


def test_stale_change_form_is_refused_naming_who_saved(alice, bob, article):
    alice_form = change_data(article, headline="Alice's headline")
    post_change(client_for(bob), article, body="<p>Bob's paragraph.</p>")
    response = client_for(alice).post(CHANGE_URL.format(article.pk), alice_form)
    assert "Bob Brown saved this article at" in response.content.decode()


def test_stale_save_keeps_the_newer_text(alice, bob, article):
    alice_form = change_data(article, headline="Alice's headline")
    post_change(client_for(bob), article, body="<p>Bob's paragraph.</p>")
    client_for(alice).post(CHANGE_URL.format(article.pk), alice_form)
    article.refresh_from_db()
    assert (article.headline, article.body) == (
        "Original headline",
        "<p>Bob's paragraph.</p>",
    )


def test_refused_form_keeps_what_was_typed(alice, bob, article):
    alice_form = change_data(article, headline="Alice's headline")
    post_change(client_for(bob), article, body="<p>Bob's paragraph.</p>")
    response = client_for(alice).post(CHANGE_URL.format(article.pk), alice_form)
    assert response.context["adminform"].form["headline"].value() == (
        "Alice's headline"
    )


def test_refusal_shows_what_the_other_person_changed(alice, bob, article):
    post_change(client_for(alice), article)  # a revision at the version Bob loads
    article.refresh_from_db()
    alice_form = change_data(article, headline="Alice's headline")
    post_change(client_for(bob), article, body="<p>Bob's paragraph.</p>")
    response = client_for(alice).post(CHANGE_URL.format(article.pk), alice_form)
    assert "<del>First</del><ins>Bob&#x27;s</ins>" in (response.content.decode())


def test_overwrite_after_seeing_the_conflict_saves(alice, bob, article):
    alice_form = change_data(article, headline="Alice's headline")
    post_change(client_for(bob), article, body="<p>Bob's paragraph.</p>")
    current = Article.objects.get().version
    client_for(alice).post(
        CHANGE_URL.format(article.pk),
        alice_form | {"overwrite": "on", "seen_version": current},
    )
    assert Article.objects.get().headline == "Alice's headline"


def test_stale_byline_change_is_refused(alice, bob, article):
    alice_form = change_data(article, **{"bylines-0-author": make_author().pk})
    bobs_author = make_author(name="Bob's pick")
    post_change(client_for(bob), article, **{"bylines-0-author": bobs_author.pk})
    client_for(alice).post(CHANGE_URL.format(article.pk), alice_form)
    assert list(article.authors.all()) == [bobs_author]


def test_bulk_action_makes_open_forms_stale(alice, bob, db):
    draft = make_article(status=Article.Status.DRAFT)
    alice_form = change_data(draft, headline="Alice's headline")
    client_for(bob).post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    client_for(alice).post(CHANGE_URL.format(draft.pk), alice_form)
    draft.refresh_from_db()
    assert (draft.status, draft.headline) == ("published", draft.headline)


def test_stale_restore_is_refused(alice, bob, article):
    post_change(client_for(alice), article, headline="Second")
    version = revisions.versions_of(article).first()
    opened_at = Article.objects.get().version
    post_change(client_for(bob), Article.objects.get(), headline="Bob's third")
    client_for(alice).post(
        RESTORE_URL.format(article.pk, version.pk), {"base_version": opened_at}
    )
    assert Article.objects.get().headline == "Bob's third"


def test_opening_the_form_takes_the_lock(alice, article):
    client_for(alice).get(CHANGE_URL.format(article.pk))
    assert EditLock.objects.get(article=article).user == alice


def test_second_editor_sees_who_is_editing(alice, bob, article):
    client_for(alice).get(CHANGE_URL.format(article.pk))
    response = client_for(bob).get(CHANGE_URL.format(article.pk))
    assert "Being edited by <strong>Alice Adams</strong> since" in (
        response.content.decode()
    )


def test_article_list_shows_who_is_editing(alice, bob, article):
    client_for(alice).get(CHANGE_URL.format(article.pk))
    response = client_for(bob).get("/admin/articles/article/")
    assert "Being edited by Alice Adams since" in response.content.decode()


def test_take_over_moves_the_lock(alice, bob, article):
    client_for(alice).get(CHANGE_URL.format(article.pk))
    client_for(bob).post(f"/admin/articles/article/{article.pk}/lock/take/")
    assert EditLock.objects.get(article=article).user == bob


def test_heartbeat_tells_the_first_editor_they_lost_the_lock(alice, bob, article):
    first = client_for(alice)
    first.get(CHANGE_URL.format(article.pk))
    client_for(bob).post(f"/admin/articles/article/{article.pk}/lock/take/")
    beat = first.post(f"/admin/articles/article/{article.pk}/lock/").json()
    assert (beat["held"], beat["by"]) == (False, "Bob Brown")


def test_an_old_lock_has_expired(alice, bob, article):
    lock = locking.take_lock(article=article, user=alice)
    EditLock.objects.filter(pk=lock.pk).update(
        seen_at=lock.seen_at.replace(year=lock.seen_at.year - 1)
    )
    assert locking.take_lock(article=article, user=bob).user == bob


def test_saving_and_leaving_releases_the_lock(alice, article):
    client = client_for(alice)
    client.get(CHANGE_URL.format(article.pk))
    post_change(client, article)
    assert not EditLock.objects.exists()


def test_a_save_racing_past_the_check_is_refused_not_an_error(
    alice, bob, article, monkeypatch
):
    checked, raced = locking.VersionCheckedForm.clean, []

    def clean_then_bob_saves(form):
        bob_saves = partial(Article.objects.filter(pk=article.pk).update, version=99)
        if raced:
            bob_saves()  # committed in real life; undone here with Alice's try
        cleaned = checked(form)
        if not raced:
            raced.append(True)
            bob_saves()  # lands between Alice's check and her UPDATE
        return cleaned

    monkeypatch.setattr(locking.VersionCheckedForm, "clean", clean_then_bob_saves)
    response = post_change(client_for(alice), article, headline="Alice's")
    assert (response.status_code, Article.objects.get().headline) == (
        200,
        "Original headline",
    )


def test_article_list_query_count_is_flat_with_locks(alice, bob, db):
    client = client_for(bob)

    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            client.get("/admin/articles/article/")
        return len(queries)

    locking.take_lock(article=make_article(), user=alice)
    client.get("/admin/articles/article/")
    few = queries_for_list()
    for _ in range(5):
        locking.take_lock(article=make_article(), user=alice)
    assert queries_for_list() == few
