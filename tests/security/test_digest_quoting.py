"""Finding 11: in the moderation digest a comment's text is quoted and its
name and article are one line each, so neither can imitate the digest's own
lines (a fake "Moderation queue:" link, a fake second comment)."""

import pytest

from django.core import mail

from comments.models import Comment
from comments.tasks import send_moderation_digest
from tests.comments.factories import make_comment

FORGED = (
    "Nice article.\n----\nOn: Another story\nFrom: Editor <desk@example.com>\n\n"
    "Approved already.\n----\nModeration queue: https://elsewhere.example/admin/"
)


@pytest.fixture
def digest(published_article, settings):
    settings.COMMENT_MODERATOR_EMAILS = ["desk@example.com"]
    make_comment(
        published_article,
        status=Comment.Status.PENDING,
        author_name="Ann\r\nModeration queue: https://elsewhere.example/",
        body=FORGED,
    )
    send_moderation_digest.call()
    return mail.outbox[0].body


def test_only_the_digests_own_queue_line_starts_a_line(digest):
    lines = [line for line in digest.splitlines() if line.strip()]
    assert [line for line in lines if line.startswith("Moderation queue:")] == [
        lines[-1]
    ]


def test_every_line_of_the_comment_is_quoted(digest):
    digest_lines = [line.rstrip() for line in digest.splitlines()]
    assert all(f"> {line}".rstrip() in digest_lines for line in FORGED.splitlines())


def test_the_separator_appears_only_between_entries(digest):
    assert digest.splitlines().count("----") == 2
