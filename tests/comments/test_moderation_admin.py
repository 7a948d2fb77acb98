import pytest

from django.core import mail
from django.test import TestCase

from comments.models import Comment, CommentEvent
from tests.comments.factories import make_comment
from tests.factories import make_user

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def moderator(db):
    return make_user(role="Moderator")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def act(client, action, comments):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments]}
    )


def status_of(comment):
    comment.refresh_from_db()
    return comment.status


def test_queue_lists_pending_first(mod_client, published_article):
    make_comment(published_article, body="approved one")
    make_comment(published_article, body="pending one", status=Comment.Status.PENDING)
    rows = list(mod_client.get(CHANGELIST).context["cl"].result_list)
    assert rows[0].body == "pending one"


def test_bulk_approve(mod_client, published_article):
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    act(mod_client, "approve", [comment])
    assert status_of(comment) == Comment.Status.APPROVED


def test_approving_updates_the_comment_count(mod_client, published_article):
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    act(mod_client, "approve", [comment])
    published_article.refresh_from_db()
    assert published_article.comment_count == 1


def test_bulk_spam(mod_client, published_article):
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    act(mod_client, "mark_spam", [comment])
    assert status_of(comment) == Comment.Status.SPAM


def test_bulk_not_spam(mod_client, published_article):
    comment = make_comment(published_article, status=Comment.Status.SPAM)
    act(mod_client, "mark_not_spam", [comment])
    assert status_of(comment) == Comment.Status.APPROVED


def test_bulk_trash(mod_client, published_article):
    comment = make_comment(published_article)
    act(mod_client, "trash", [comment])
    assert status_of(comment) == Comment.Status.TRASH


def test_bulk_delete_permanently_keeps_count_exact(mod_client, published_article):
    comment = make_comment(published_article)
    published_article.comment_count = 1
    published_article.save()
    act(mod_client, "delete_permanently", [comment])
    published_article.refresh_from_db()
    assert (Comment.objects.count(), published_article.comment_count) == (0, 0)


def test_status_change_is_recorded_with_moderator(
    mod_client, moderator, published_article
):
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    act(mod_client, "approve", [comment])
    event = comment.events.get(kind=CommentEvent.Kind.STATUS)
    assert (event.from_status, event.to_status, event.actor) == (
        "pending",
        "approved",
        moderator,
    )


def test_filters_by_status_and_reason(mod_client, published_article):
    make_comment(
        published_article,
        status=Comment.Status.PENDING,
        hold_reason="3 links (more than 2)",
    )
    make_comment(
        published_article,
        status=Comment.Status.PENDING,
        hold_reason="first comment from this email",
    )
    response = mod_client.get(
        CHANGELIST, {"status__exact": "pending", "reason": "3 links (more than 2)"}
    )
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    "q", ["Zed", "zed@example.com", "203.0.113.5", "unusual words"]
)
def test_search_by_name_email_ip_and_text(mod_client, published_article, q):
    make_comment(published_article, author_name="Zed", author_email="zed@example.com",
                 ip_address="203.0.113.5", body="Some unusual words")  # fmt: skip
    make_comment(published_article, body="other", author_name="Amy", author_email="amy@example.com",
                 ip_address="198.51.100.9")  # fmt: skip
    assert mod_client.get(CHANGELIST, {"q": q}).context["cl"].result_count == 1


def test_change_page_shows_why_it_was_held(mod_client, published_article):
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    CommentEvent.objects.create(comment=comment, kind="check", checker="comments.spam.LinkCountChecker",
                                outcome="hold", reason="3 links (more than 2)")  # fmt: skip
    html = mod_client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "Decision record" in html and "3 links (more than 2)" in html


def test_change_page_shows_ip_user_agent_and_article(mod_client, published_article):
    comment = make_comment(published_article, user_agent="SpecialAgent/2")
    html = mod_client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert all(
        s in html
        for s in ["198.51.100.1", "SpecialAgent/2", published_article.headline]
    )


def test_moderator_edits_the_text(mod_client, published_article):
    comment = make_comment(published_article, body="tpyo")
    mod_client.post(f"{CHANGELIST}{comment.pk}/change/", {"body": "typo fixed",
        "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0"})  # fmt: skip
    comment.refresh_from_db()
    assert comment.body == "typo fixed" and comment.events.filter(kind="edit").exists()


def test_moderator_replies_as_staff(mod_client, client, published_article):
    comment = make_comment(published_article)
    mod_client.post(f"{CHANGELIST}{comment.pk}/reply/", {"body": "Thanks for reading."})
    reply = Comment.objects.get(parent=comment)
    assert (reply.is_staff_reply, reply.status) == (True, Comment.Status.APPROVED)


def test_staff_reply_shows_a_badge(mod_client, published_article):
    comment = make_comment(published_article)
    mod_client.post(f"{CHANGELIST}{comment.pk}/reply/", {"body": "Thanks for reading."})
    mod_client.logout()
    html = mod_client.get(published_article.get_absolute_url()).text
    assert 'class="badge">Staff</span>' in html


def test_pending_count_on_admin_index(mod_client, published_article):
    for _ in range(3):
        make_comment(published_article, status=Comment.Status.PENDING)
    assert (
        "<strong>3</strong> comments awaiting moderation"
        in mod_client.get("/admin/").text
    )


def test_moderator_cannot_edit_articles(mod_client, published_article):
    assert (
        mod_client.get(
            f"/admin/articles/article/{published_article.pk}/change/"
        ).status_code
        == 403
    )


def test_reporter_cannot_moderate(client, published_article):
    client.force_login(make_user(role="Reporter"))
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    response = act(client, "approve", [comment])
    assert response.status_code == 403 and status_of(comment) == Comment.Status.PENDING


def test_editor_can_see_but_not_moderate(client, published_article):
    client.force_login(make_user(role="Editor"))
    comment = make_comment(published_article, status=Comment.Status.PENDING)
    act(client, "approve", [comment])
    assert status_of(comment) == Comment.Status.PENDING


def test_blocklist_is_editable_in_admin(mod_client):
    mod_client.post(
        "/admin/comments/blockedterm/add/",
        {"kind": "word", "value": " Casino ", "action": "spam", "note": ""},
    )
    from comments.models import BlockedTerm

    assert BlockedTerm.objects.get().value == "casino"


def test_held_comments_are_emailed_in_one_digest(
    client, published_article, comment_data, settings
):
    from tests.conftest import aged_token

    settings.COMMENT_MODERATOR_EMAILS = ["desk@example.com"]
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    settings.COMMENT_FLOOD_SECONDS = 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        for n in range(3):
            client.post(f"/comments/post/{published_article.pk}/",
                        comment_data(body=f"Comment {n}", token=aged_token(nonce=f"{n:016d}")))  # fmt: skip
    assert len(mail.outbox) == 1 and "Comment 0" in mail.outbox[0].body


def test_later_comments_wait_for_the_next_digest(
    client, published_article, comment_data, settings
):
    from tests.conftest import aged_token

    settings.COMMENT_MODERATOR_EMAILS = ["desk@example.com"]
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    settings.COMMENT_FLOOD_SECONDS = 0
    for n in range(3):
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(f"/comments/post/{published_article.pk}/",
                        comment_data(body=f"Comment {n}", token=aged_token(nonce=f"{n:016d}")))  # fmt: skip
    assert len(mail.outbox) == 1
    assert Comment.objects.filter(notified_at__isnull=True).count() == 2
