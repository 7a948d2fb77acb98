import json
from datetime import timedelta

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.models import Comment
from tests.comments.factories import make_comment


def days_ago(n):
    return timezone.now() - timedelta(days=n)


def test_old_ip_and_user_agent_are_erased(published_article):
    old = make_comment(published_article, created_at=days_ago(31))
    call_command("purge_comments")
    old.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")


def test_recent_ip_is_kept(published_article):
    recent = make_comment(published_article, created_at=days_ago(2))
    call_command("purge_comments")
    recent.refresh_from_db()
    assert recent.ip_address == "198.51.100.1"


def test_retention_is_a_setting(published_article, settings):
    settings.COMMENT_PERSONAL_DATA_DAYS = 1
    comment = make_comment(published_article, created_at=days_ago(2))
    call_command("purge_comments")
    comment.refresh_from_db()
    assert comment.ip_address is None


def test_old_spam_is_purged(published_article):
    make_comment(published_article, status=Comment.Status.SPAM, created_at=days_ago(16))
    kept = make_comment(
        published_article, status=Comment.Status.SPAM, created_at=days_ago(3)
    )
    call_command("purge_comments")
    assert list(Comment.objects.all()) == [kept]


def test_discarded_spam_is_purged_sooner(published_article):
    make_comment(
        published_article,
        status=Comment.Status.SPAM,
        discarded=True,
        created_at=days_ago(3),
    )
    call_command("purge_comments")
    assert not Comment.objects.exists()


def test_pending_comments_are_never_purged(published_article):
    make_comment(
        published_article, status=Comment.Status.PENDING, created_at=days_ago(100)
    )
    call_command("purge_comments")
    assert Comment.objects.count() == 1


def test_export_lists_every_comment_under_an_email(published_article, capsys):
    make_comment(published_article, author_email="ann@example.com", body="One")
    make_comment(
        published_article,
        author_email="ann@example.com",
        body="Two",
        status=Comment.Status.SPAM,
    )
    make_comment(published_article, author_email="bob@example.com", body="Other")
    call_command("export_comments", "Ann@Example.com ")
    exported = json.loads(capsys.readouterr().out)
    assert sorted(c["comment"] for c in exported) == ["One", "Two"]


def test_export_includes_ip_and_user_agent(published_article, capsys):
    make_comment(published_article, author_email="ann@example.com")
    call_command("export_comments", "ann@example.com")
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["ip_address"], item["user_agent"]) == ("198.51.100.1", "Browser")


def test_erase_deletes_every_comment_under_an_email(published_article):
    make_comment(published_article, author_email="ann@example.com")
    other = make_comment(published_article, author_email="bob@example.com")
    call_command("erase_comments", "ANN@example.com", "--yes")
    assert list(Comment.objects.all()) == [other]


def test_erase_keeps_comment_counts_exact(published_article):
    make_comment(published_article, author_email="ann@example.com")
    published_article.comment_count = 1
    published_article.save()
    call_command("erase_comments", "ann@example.com", "--yes")
    published_article.refresh_from_db()
    assert published_article.comment_count == 0


def test_erase_asks_before_deleting(published_article, monkeypatch):
    make_comment(published_article, author_email="ann@example.com")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError):
        call_command("erase_comments", "ann@example.com")
    assert Comment.objects.count() == 1


def test_purge_keeps_spam_that_others_replied_to(published_article):
    spam = make_comment(
        published_article, status=Comment.Status.SPAM, created_at=days_ago(20)
    )
    reply = make_comment(published_article, parent=spam, body="A reader's reply")
    call_command("purge_comments")
    assert set(Comment.objects.values_list("pk", flat=True)) == {spam.pk, reply.pk}


def test_purge_blanks_personal_data_in_the_decision_record(published_article):
    from comments.models import CommentEvent

    comment = make_comment(published_article, created_at=days_ago(31))
    event = CommentEvent.objects.create(comment=comment, kind="check", raw={"params": {
        "user_ip": "198.51.100.1", "user_agent": "UA", "comment_content": "text"}})  # fmt: skip
    call_command("purge_comments")
    event.refresh_from_db()
    assert (event.raw["params"]["user_ip"], event.raw["params"]["comment_content"]) == (
        "",
        "text",
    )


def test_erasure_keeps_other_readers_replies(published_article):
    mine = make_comment(published_article, author_email="ann@example.com", body="Mine")
    reply = make_comment(
        published_article,
        parent=mine,
        author_email="bob@example.com",
        body="Bob's reply",
    )
    call_command("erase_comments", "ann@example.com", "--yes")
    mine.refresh_from_db()
    assert (mine.author_email, "Mine" in mine.body, Comment.objects.filter(pk=reply.pk).exists()) == (
        "removed@invalid", False, True,
    )  # fmt: skip
