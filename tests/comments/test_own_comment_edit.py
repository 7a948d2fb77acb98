"""Readers edit or delete their own comment for a short window, from the
browser that posted it; an edited approved comment is checked again."""

from datetime import timedelta

import pytest

from django.urls import reverse

from comments.models import BlockedTerm, Comment, CommentEvent
from tests.comments.factories import make_comment


@pytest.fixture
def posted(client, published_article, comment_data, settings):
    """A comment posted (and published) from this test's browser."""
    settings.COMMENT_AUTO_APPROVE = "always"
    url = reverse("comments:post", args=[published_article.pk])
    client.post(url, comment_data(body="My first words"))
    return Comment.objects.get()


def edit(client, comment, body, **extra):
    url = reverse("comments:edit", args=[comment.pk])
    return client.post(url, {"body": body}, **extra)


def age(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=comment.created_at - timedelta(minutes=minutes)
    )


def test_the_page_offers_edit_and_delete_to_the_poster(client, posted):
    text = client.get(posted.article.get_absolute_url()).text
    assert reverse("comments:edit", args=[posted.pk]) in text


def test_other_readers_get_no_edit_link(client, posted):
    client.cookies.clear()
    text = client.get(posted.article.get_absolute_url()).text
    assert reverse("comments:edit", args=[posted.pk]) not in text


def test_the_poster_can_edit_in_the_window(client, posted):
    edit(client, posted, "My better words")
    posted.refresh_from_db()
    assert posted.body == "My better words"


def test_an_edit_is_in_the_decision_record(client, posted):
    edit(client, posted, "My better words")
    event = CommentEvent.objects.get(comment=posted, kind="edit")
    assert event.raw["previous_body"] == "My first words"


def test_no_edit_after_the_window(client, posted):
    age(posted, 11)
    assert edit(client, posted, "Too late").status_code == 404


def test_the_window_is_a_setting(client, posted, settings):
    settings.COMMENT_EDIT_WINDOW_MINUTES = 30
    age(posted, 11)
    edit(client, posted, "Still in time")
    posted.refresh_from_db()
    assert posted.body == "Still in time"


def test_another_browser_cannot_edit(client, posted):
    client.cookies.clear()
    assert edit(client, posted, "Not mine").status_code == 404


def test_an_edit_from_another_site_is_refused(client, posted):
    response = edit(client, posted, "Forged", HTTP_ORIGIN="https://evil.example")
    posted.refresh_from_db()
    assert (response.status_code, posted.body) == (403, "My first words")


def test_an_edited_approved_comment_is_checked_again(client, posted):
    BlockedTerm.objects.create(kind="word", value="casino")
    edit(client, posted, "Visit my casino")
    posted.refresh_from_db()
    assert posted.status == Comment.Status.SPAM


def test_an_edit_with_many_links_is_held(client, posted):
    links = " ".join(f"https://example.com/{i}" for i in range(5))
    edit(client, posted, f"See {links}")
    posted.refresh_from_db()
    assert posted.status == Comment.Status.PENDING


def test_the_poster_can_delete_in_the_window(client, posted):
    client.post(reverse("comments:delete", args=[posted.pk]))
    assert not Comment.objects.filter(pk=posted.pk).exists()


def test_a_deleted_comment_with_replies_is_emptied(client, posted):
    make_comment(posted.article, parent=posted, author_email="b@example.com")
    client.post(reverse("comments:delete", args=[posted.pk]))
    posted.refresh_from_db()
    assert posted.body == "This comment was deleted by its author."


def test_no_delete_after_the_window(client, posted):
    age(posted, 11)
    response = client.post(reverse("comments:delete", args=[posted.pk]))
    assert response.status_code == 404 and Comment.objects.exists()
