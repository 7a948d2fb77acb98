"""WordPress comments → comments: status, threading and details kept."""

from datetime import UTC, datetime

import pytest

from django.core import mail

from articles.models import Article
from comments.models import Comment


def by_author(name) -> Comment:
    return Comment.objects.get(author_name=name)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Alice Reader", Comment.Status.APPROVED),
        ("Bob", Comment.Status.PENDING),
        ("Cheap pills", Comment.Status.SPAM),
        ("Carol", Comment.Status.TRASH),
    ],
)
def test_comment_status_is_mapped(imported, name, status):
    assert by_author(name).status == status


def test_reply_keeps_its_parent(imported):
    assert by_author("Bob").parent == by_author("Alice Reader")


def test_reply_is_part_of_its_thread(imported):
    assert by_author("Dan").thread == by_author("Alice Reader")


def test_replies_deeper_than_allowed_join_the_deepest_level(imported, settings):
    assert settings.COMMENT_MAX_DEPTH == 3
    eve = by_author("Eve")  # a reply to Dan, who is at depth 2
    assert (eve.parent.author_name, eve.depth) == ("Jane Doe", 2)


def test_name_email_url_ip_user_agent_and_date_are_kept(imported):
    alice = by_author("Alice Reader")
    assert (
        alice.author_email,
        alice.author_url,
        alice.ip_address,
        alice.user_agent,
        alice.created_at,
    ) == (
        "alice@example.org",
        "https://alice.example.org/",
        "203.0.113.7",
        "Mozilla/5.0 (X11; Linux x86_64)",
        datetime(2024, 5, 1, 11, tzinfo=UTC),
    )


def test_comment_markup_is_reduced_to_text(imported):
    assert by_author("Alice Reader").body == "Good news for the library."


def test_comment_by_a_site_user_shows_as_staff(imported):
    assert by_author("Jane Doe").is_staff_reply


def test_pingbacks_are_skipped_and_counted(imported):
    assert "Comments: 1 pingback" in imported
    assert not Comment.objects.filter(author_name="Some blog").exists()


def test_trackbacks_are_skipped_and_counted(run_import, write_export):
    from .conftest import comment, post, wxr

    path = write_export(wxr(post(1, extra=comment(5, kind="trackback"))))
    assert "Comments: 1 trackback" in run_import(path)


def test_comments_on_skipped_posts_are_counted(imported):
    assert "Comments: 1 its post was skipped" in imported


def test_comment_count_counts_approved_comments(imported):
    assert Article.objects.get(slug="budget-vote").comment_count == 4


def test_imported_comments_show_on_the_article(imported, client):
    response = client.get(Article.objects.get(slug="budget-vote").get_absolute_url())
    assert "Good news for the library." in response.text


def test_imported_comments_are_not_spam_checked(run_import, monkeypatch, media_dir):
    from .conftest import NEWSROOM

    def refuse(*args, **kwargs):
        raise AssertionError("spam check called")

    monkeypatch.setattr("comments.spam.check_spam", refuse)
    monkeypatch.setattr("comments.services.check_spam", refuse)
    run_import(NEWSROOM, "--media-dir", str(media_dir))
    # Spam stays spam, approved stays approved: no checker had a say.
    assert by_author("Cheap pills").status == Comment.Status.SPAM


def test_import_sends_no_moderation_email(settings, run_import, media_dir):
    from comments.tasks import send_moderation_digest

    from .conftest import NEWSROOM

    settings.COMMENT_MODERATOR_EMAILS = ["desk@example.org"]
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    run_import(NEWSROOM, "--media-dir", str(media_dir))
    send_moderation_digest.call()  # even the digest finds nothing new
    assert mail.outbox == []


def test_imported_comments_are_not_news_to_the_moderation_digest(imported):
    assert not Comment.objects.filter(notified_at__isnull=True).exists()
