"""Comment cards show each change at once (nothing is kept per process)."""

from django.template import engines

from comments.models import Comment
from comments.threads import Node
from tests.comments.factories import make_comment

THREAD = (
    '{% from "comments/_comment.html" import comment_thread %}'
    "{{ comment_thread(node, area) }}"
)


def card(comment_id, comments_open=True):
    node = Node(Comment.objects.get(pk=comment_id))
    area = {"comments_open": comments_open, "editable_ids": []}
    return engines["jinja2"].from_string(THREAD).render({"node": node, "area": area})


def test_an_erased_name_never_shows_from_a_kept_card(published_article):
    comment = make_comment(published_article, author_name="Ada Reader")
    assert "Ada Reader" in card(comment.pk)
    # An update() leaves updated_at alone: the key must still change.
    Comment.objects.filter(pk=comment.pk).update(author_name="Removed")
    assert "Ada Reader" not in card(comment.pk) and "Removed" in card(comment.pk)


def test_an_edited_body_shows(published_article):
    comment = make_comment(published_article, body="First words")
    card(comment.pk)
    Comment.objects.filter(pk=comment.pk).update(body="Second words")
    assert "Second words" in card(comment.pk)


def test_reply_link_follows_whether_comments_are_open(published_article):
    comment = make_comment(published_article)
    assert "reply-link" in card(comment.pk, comments_open=True)
    assert "reply-link" not in card(comment.pk, comments_open=False)


def test_a_held_card_says_so(published_article):
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    assert "Awaiting moderation" in card(comment.pk)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    assert "Awaiting moderation" not in card(comment.pk)
