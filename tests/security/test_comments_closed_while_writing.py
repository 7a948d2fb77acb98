"""Finding 6: comments closed between page load and submit: the reader gets
the reason and their text back, read-only, to copy."""

import re

import pytest

from comments.models import Comment
from tests.factories import make_article

TEXT = "A long considered reply <b>with</b> some markup & care."


@pytest.fixture
def refused(client, db, comment_data):
    article = make_article()  # open when the reader loaded the page
    article.comments_enabled = False  # closed while they were writing
    article.save()
    return client.post(f"/comments/post/{article.pk}/", comment_data(body=TEXT))


def test_the_reader_gets_their_text_back_read_only(refused):
    textarea = re.search(r"<textarea readonly[^>]*>([^<]*)</textarea>", refused.text)
    assert textarea.group(1) == TEXT.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;"
    )


def test_the_reader_is_told_why(refused):
    alert = refused.text.split('id="comment-form-errors"', 1)[-1].split("</div>")[0]
    assert "Comments are closed on this article." in alert


def test_nothing_is_stored(refused):
    assert (refused.status_code, Comment.objects.count()) == (400, 0)
