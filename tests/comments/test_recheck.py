"""A comment held by a failed spam check is rechecked later, never lost."""

from datetime import timedelta
from unittest import mock

import pytest

from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.services import recheck_comment
from comments.tasks import recheck_comment_task
from tests.comments.fake_akismet import SPAM_AUTHOR


@pytest.fixture
def failed_comment(client, published_article, comment_data, akismet):
    akismet.fault = "500"
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("comments:post", args=[published_article.pk]), comment_data()
        )
    akismet.fault = None
    return Comment.objects.get()


def later(comment, seconds=1):
    return mock.patch(
        "django.utils.timezone.now",
        return_value=comment.next_recheck_at + timedelta(seconds=seconds),
    )


def test_failed_check_schedules_a_recheck_about_20_minutes_later(failed_comment):
    (result,) = [
        r for r in default_task_backend.results if r.task.name == "recheck_comment_task"
    ]
    delay = result.task.run_after - failed_comment.created_at
    assert (result.args, 19 * 60 < delay.total_seconds() < 21 * 60) == (
        [failed_comment.pk],
        True,
    )


def test_recheck_after_recovery_settles_the_comment(failed_comment):
    with later(failed_comment):
        recheck_comment(comment=failed_comment)
    assert (failed_comment.next_recheck_at, failed_comment.hold_reason) == (
        None,
        "first comment from this email",
    )


def test_recheck_that_finds_spam_marks_spam(failed_comment):
    Comment.objects.filter(pk=failed_comment.pk).update(author_name=SPAM_AUTHOR)
    failed_comment.refresh_from_db()
    with later(failed_comment):
        recheck_comment(comment=failed_comment)
    assert failed_comment.status == Comment.Status.SPAM


def test_recheck_that_fails_again_reschedules(failed_comment, akismet):
    akismet.fault = "timeout"
    first = failed_comment.next_recheck_at
    with later(failed_comment):
        recheck_comment(comment=failed_comment)
    assert failed_comment.next_recheck_at > first and failed_comment.recheck_count == 1


def test_recheck_gives_up_after_15_days_and_leaves_it_pending(failed_comment, akismet):
    akismet.fault = "500"
    failed_comment.next_recheck_at = failed_comment.created_at + timedelta(days=15)
    with later(failed_comment):
        recheck_comment(comment=failed_comment)
    assert (failed_comment.status, failed_comment.next_recheck_at) == (
        Comment.Status.PENDING,
        None,
    )


def test_recheck_records_each_attempt(failed_comment):
    with later(failed_comment):
        recheck_comment(comment=failed_comment)
    kinds = list(failed_comment.events.values_list("kind", flat=True))
    assert kinds.count("error") == 1 and kinds.count("check") >= 4


def test_task_does_nothing_before_its_time(failed_comment):
    assert recheck_comment_task.call(failed_comment.pk) == "not due"


def test_task_rechecks_when_due(failed_comment):
    with later(failed_comment):
        assert recheck_comment_task.call(failed_comment.pk) == "pending"
    failed_comment.refresh_from_db()
    assert failed_comment.next_recheck_at is None


def test_task_for_a_deleted_comment_is_harmless(failed_comment):
    failed_comment.delete()
    assert recheck_comment_task.call(failed_comment.pk) == "gone"


def test_moderator_decision_cancels_the_recheck(failed_comment):
    from comments.services import approve_comment

    approve_comment(comment=failed_comment)
    assert recheck_comment_task.call(failed_comment.pk) == "approved"


def test_recheck_command_handles_due_comments(failed_comment, capsys):
    with later(failed_comment):
        call_command("recheck_comments")
    failed_comment.refresh_from_db()
    assert (
        failed_comment.next_recheck_at is None
        and "Rechecked 1" in capsys.readouterr().out
    )


def test_recheck_command_skips_comments_not_due(failed_comment, capsys):
    call_command("recheck_comments")
    assert "Rechecked 0" in capsys.readouterr().out


def test_immediate_backend_does_not_recheck_at_once(
    client, published_article, comment_data, akismet, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    akismet.fault = "500"
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("comments:post", args=[published_article.pk]), comment_data()
        )
    assert (
        len(akismet.calls_to("comment-check")) == 1
        and Comment.objects.get().next_recheck_at > timezone.now()
    )
