"""AkismetChecker against a fake Akismet server on 127.0.0.1 (no patching)."""

from django.core import mail
from django.urls import reverse

from comments.models import Comment, CommentEvent, ServiceAlert
from tests.comments.fake_akismet import SPAM_AUTHOR
from tests.factories import make_user


def post(client, article, data):
    return client.post(reverse("comments:post", args=[article.pk]), data, REMOTE_ADDR="198.51.100.4",
                       HTTP_USER_AGENT="TestBrowser/1.0", HTTP_REFERER="http://testserver/x")  # fmt: skip


def akismet_event(comment):
    return comment.events.get(checker="comments.akismet.AkismetChecker")


def test_ham_is_held_only_as_a_first_comment(
    client, published_article, comment_data, akismet
):
    post(client, published_article, comment_data())
    comment = Comment.objects.get()
    assert (comment.status, akismet_event(comment).outcome) == (
        Comment.Status.PENDING,
        "ham",
    )


def test_spam_answer_marks_spam(client, published_article, comment_data, akismet):
    post(client, published_article, comment_data(author_name=SPAM_AUTHOR))
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_spam_looks_held_to_the_poster(
    client, published_article, comment_data, akismet
):
    response = client.post(reverse("comments:post", args=[published_article.pk]),
                           comment_data(author_name=SPAM_AUTHOR), follow=True)  # fmt: skip
    assert "awaiting moderation" in response.text


def test_discard_pro_tip_is_quarantined_not_deleted(
    client, published_article, comment_data, akismet
):
    post(
        client,
        published_article,
        comment_data(author_name=SPAM_AUTHOR, body="akismet-discard now"),
    )
    comment = Comment.objects.get()
    assert (comment.status, comment.discarded) == (Comment.Status.SPAM, True)


def test_documented_fields_are_sent(client, published_article, comment_data, akismet):
    post(client, published_article, comment_data(author_url="https://ann.example"))
    (call,) = akismet.calls_to("comment-check")
    expected = {
        "user_ip": "198.51.100.4", "user_agent": "TestBrowser/1.0",
        "referrer": "http://testserver/x", "comment_type": "comment",
        "comment_author": "Reader One", "comment_author_email": "reader@example.com",
        "comment_author_url": "https://ann.example", "comment_content": "A thoughtful comment.",
        "blog_lang": "en", "is_test": "true", "blog": "https://news.example/",
        "api_key": "test-key",
    }  # fmt: skip
    assert {k: call["params"].get(k) for k in expected} == expected


def test_permalink_and_dates_are_sent(client, published_article, comment_data, akismet):
    post(client, published_article, comment_data())
    params = akismet.calls_to("comment-check")[0]["params"]
    assert (
        params["permalink"].endswith(published_article.get_absolute_url())
        and params["comment_date_gmt"]
    )


def test_no_cookies_or_auth_headers_reach_akismet(
    client, published_article, comment_data, akismet
):
    client.cookies["sessionid"] = "secret-session"
    post(client, published_article, comment_data())
    headers = {k.lower() for k in akismet.calls_to("comment-check")[0]["headers"]}
    assert not headers & {"cookie", "authorization"}


def test_guid_is_kept_in_the_decision_record(
    client, published_article, comment_data, akismet
):
    post(client, published_article, comment_data())
    raw = akismet_event(Comment.objects.get()).raw
    assert len(raw["headers"]["x-akismet-guid"]) == 36


def test_api_key_is_never_stored(client, published_article, comment_data, akismet):
    post(client, published_article, comment_data())
    assert "test-key" not in str(akismet_event(Comment.objects.get()).raw)


def error_event(comment):
    return comment.events.get(kind=CommentEvent.Kind.ERROR)


def assert_kept_for_recheck(comment):
    assert comment.status == Comment.Status.PENDING
    assert comment.next_recheck_at is not None
    assert comment.hold_reason == "spam check failed"


def test_http_500_keeps_the_comment_pending(
    client, published_article, comment_data, akismet
):
    akismet.fault = "500"
    post(client, published_article, comment_data())
    assert_kept_for_recheck(Comment.objects.get())


def test_rate_limited_answer_keeps_the_comment_pending(
    client, published_article, comment_data, akismet
):
    akismet.fault = "429"
    post(client, published_article, comment_data())
    assert_kept_for_recheck(Comment.objects.get())


def test_garbage_answer_keeps_the_comment_pending(
    client, published_article, comment_data, akismet
):
    akismet.fault = "garbage"
    post(client, published_article, comment_data())
    comment = Comment.objects.get()
    assert_kept_for_recheck(comment)


def test_timeout_keeps_the_comment_pending(
    client, published_article, comment_data, akismet
):
    akismet.fault = "timeout"
    post(client, published_article, comment_data())
    comment = Comment.objects.get()
    assert_kept_for_recheck(comment)
    assert "timed out" in error_event(comment).reason


def test_failure_is_recorded_for_moderators(
    client, published_article, comment_data, akismet
):
    akismet.fault = "500"
    post(client, published_article, comment_data())
    assert "500" in error_event(Comment.objects.get()).reason


def test_invalid_key_keeps_comment_and_alerts_staff(
    client, published_article, comment_data, akismet, settings
):
    settings.AKISMET_API_KEY = "wrong-key"
    post(client, published_article, comment_data())
    comment = Comment.objects.get()
    assert_kept_for_recheck(comment)
    assert ServiceAlert.objects.filter(code="invalid-key", resolved_at=None).exists()


def test_invalid_key_retries_hours_later(
    client, published_article, comment_data, akismet, settings
):
    from django.utils import timezone

    settings.AKISMET_API_KEY = "wrong-key"
    post(client, published_article, comment_data())
    delay = Comment.objects.get().next_recheck_at - timezone.now()
    assert delay.total_seconds() > 5 * 3600


def test_alert_header_becomes_a_staff_banner(
    client, published_article, comment_data, akismet
):
    akismet.fault = "alert"
    post(client, published_article, comment_data())
    client.force_login(make_user(role="Moderator"))
    assert "exceeded its usage limit" in client.get("/admin/").text


def test_alert_header_is_logged_as_an_error(
    client, published_article, comment_data, akismet, caplog
):
    akismet.fault = "alert"
    post(client, published_article, comment_data())
    assert any(
        r.levelname == "ERROR" and "10501" in r.getMessage() for r in caplog.records
    )


def test_moderator_marking_ham_as_spam_sends_submit_spam(
    client, published_article, comment_data, akismet, settings
):
    from comments import services

    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    post(client, published_article, comment_data())
    comment = Comment.objects.get()
    with_commit = __import__(
        "django.test", fromlist=["TestCase"]
    ).TestCase.captureOnCommitCallbacks
    with with_commit(execute=True):
        services.mark_spam(comment=comment, moderator=None)
    (call,) = akismet.calls_to("submit-spam")
    first = akismet.calls_to("comment-check")[0]["params"]
    assert {
        k: call["params"][k] for k in ("comment_content", "user_ip", "user_agent")
    } == {k: first[k] for k in ("comment_content", "user_ip", "user_agent")}


def test_moderator_approving_spam_sends_submit_ham(
    client, published_article, comment_data, akismet, settings
):
    from django.test import TestCase

    from comments import services

    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    post(client, published_article, comment_data(author_name=SPAM_AUTHOR))
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.mark_not_spam(comment=Comment.objects.get(), moderator=None)
    assert len(akismet.calls_to("submit-ham")) == 1


def test_key_is_verified_by_the_deploy_check(akismet, db):
    from comments.checks import check_akismet_key

    assert check_akismet_key() == [] and len(akismet.calls_to("verify-key")) == 1


def test_invalid_key_fails_the_deploy_check(akismet, db, settings):
    from comments.checks import check_akismet_key

    settings.AKISMET_API_KEY = "nope"
    assert [e.id for e in check_akismet_key()] == ["comments.E003"]


def test_no_mail_is_lost_when_akismet_fails(
    client, published_article, comment_data, akismet
):
    akismet.fault = "500"
    response = post(client, published_article, comment_data())
    assert response.status_code == 302 and mail.outbox == []
