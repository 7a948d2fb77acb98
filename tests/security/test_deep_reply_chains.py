"""Finding 10: a reply chain forged deep in the database renders: replies
below the display depth join the deepest level (no recursion limit)."""

import re

import pytest

from comments.models import Comment
from tests.comments.factories import make_comment


def forged_chain(article, length):
    """`length` replies, each to the one before, depth as the rows say."""
    root = make_comment(article, body="Root comment")
    parent = root
    for n in range(length):
        parent = make_comment(article, parent=parent, body=f"Reply level {n + 1}")
    return root


@pytest.mark.parametrize("length", [130, 400])
def test_a_forged_deep_chain_renders(client, published_article, length):
    forged_chain(published_article, length)
    response = client.get(published_article.get_absolute_url())
    assert (response.status_code, f"Reply level {length}<" in response.text) == (
        200,
        True,
    )


def test_deep_replies_are_shown_no_deeper_than_the_display_depth(
    client, published_article, settings
):
    settings.COMMENT_MAX_DEPTH = 3  # levels 0, 1 and 2: two nested lists
    forged_chain(published_article, 12)
    html = client.get(published_article.get_absolute_url()).text
    shown = len(re.findall(r"Reply level \d+<", html))
    assert (html.count('<ol class="comment-replies">'), shown) == (2, 12)


def test_a_reply_cycle_in_the_database_does_not_hang_or_show(client, published_article):
    root = forged_chain(published_article, 2)
    a, b = Comment.objects.filter(thread=root).order_by("pk")
    Comment.objects.filter(pk=a.pk).update(parent=b)
    response = client.get(published_article.get_absolute_url())
    assert (response.status_code, "Reply level 1<" in response.text) == (200, False)
