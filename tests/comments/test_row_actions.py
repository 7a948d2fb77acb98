"""Row actions in the moderation list and on a comment's page: each one
through its service, and only for moderators."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from comments.models import BlockedTerm, Comment, CommentEvent, CommentReport
from comments.services import submit_comment
from comments.spam import CommentContext
from tests.comments.factories import make_comment
from tests.factories import make_user

CHANGELIST = "/admin/comments/comment/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def moderator(db):
    return make_user(role="Moderator")


@pytest.fixture
def pending(published_article):
    return make_comment(published_article, status=Comment.Status.PENDING)


def login(client, role):
    client.force_login(make_user(role=role))
    return client


def act(client, comment, action, **extra):
    url = reverse("admin:comments_comment_moderate", args=[comment.pk, action])
    return client.post(url, **extra)


@pytest.mark.parametrize(
    "start,action,end",
    [
        ("pending", "approve", "approved"),
        ("pending", "spam", "spam"),
        ("spam", "notspam", "approved"),
        ("approved", "trash", "trash"),
        ("trash", "approve", "approved"),
    ],
)
def test_each_row_action_moves_the_comment(
    client, moderator, published_article, start, action, end
):
    comment = make_comment(published_article, status=start)
    client.force_login(moderator)
    act(client, comment, action)
    comment.refresh_from_db()
    assert comment.status == end


def test_a_row_action_is_recorded_with_its_moderator(client, moderator, pending):
    client.force_login(moderator)
    act(client, pending, "approve")
    event = CommentEvent.objects.get(comment=pending, kind="status")
    assert (event.actor, event.to_status) == (moderator, "approved")


def test_a_form_post_goes_back_to_the_list(client, moderator, pending):
    client.force_login(moderator)
    response = act(
        client,
        pending,
        "approve",
        HTTP_REFERER=f"http://testserver{CHANGELIST}?queue=pending",
    )
    assert response["Location"] == f"http://testserver{CHANGELIST}?queue=pending"


def test_a_form_post_never_goes_back_to_another_site(client, moderator, pending):
    client.force_login(moderator)
    response = act(client, pending, "approve", HTTP_REFERER="https://evil.example/")
    assert response["Location"] == CHANGELIST


def test_the_script_gets_the_new_status_buttons_and_counts(client, moderator, pending):
    client.force_login(moderator)
    data = act(client, pending, "approve", **JSON).json()
    assert (data["status"], data["counts"]["pending"]) == ("approved", 0)
    assert 'data-action="spam"' in data["actions_html"]


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_only_moderators_may_act(client, pending, role):
    login(client, role)
    response = act(client, pending, "spam")
    pending.refresh_from_db()
    assert (response.status_code, pending.status) == (403, "pending")


def test_anonymous_visitors_are_sent_to_log_in(client, pending):
    response = act(client, pending, "spam")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_action_needs_a_post(client, moderator, pending):
    client.force_login(moderator)
    url = reverse("admin:comments_comment_moderate", args=[pending.pk, "approve"])
    assert client.get(url).status_code == 405


def test_an_unknown_action_is_refused(client, moderator, pending):
    client.force_login(moderator)
    assert act(client, pending, "delete").status_code == 403


def test_the_list_shows_a_long_comment_in_full(client, moderator, published_article):
    body = "word " * 200 + "the very end"
    make_comment(published_article, body=body, status="pending")
    client.force_login(moderator)
    assert "the very end" in client.get(CHANGELIST).text


def test_the_list_has_row_buttons_for_moderators(client, moderator, pending):
    client.force_login(moderator)
    text = client.get(CHANGELIST).text
    assert 'data-action="approve"' in text and "js/moderation" in text


def test_editors_see_the_list_without_buttons(client, pending):
    text = login(client, "Editor").get(CHANGELIST).text
    assert 'data-action="approve"' not in text and pending.body in text


def test_reporters_see_no_comments(client, pending):
    assert login(client, "Reporter").get(CHANGELIST).status_code == 403


def test_the_moderation_script_carries_the_nonce(client, moderator, pending):
    client.force_login(moderator)
    response = client.get(CHANGELIST)
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'moderation.js" nonce="{nonce}"' in response.text


def test_queue_tabs_count_each_queue(client, moderator, published_article):
    for status in ["pending", "pending", "spam", "trash", "approved"]:
        make_comment(published_article, status=status, body=f"x {status}")
    client.force_login(moderator)
    tabs = client.get(CHANGELIST).context["queue_tabs"]
    assert [count for _, _, count in tabs] == [2, 0, 1, 1, 5]


def report(comment, n=1):
    for i in range(n):
        CommentReport.objects.create(
            comment=comment, reason="abuse", reporter_key=f"reader-{comment.pk}-{i}"
        )


def test_the_reported_queue_lists_reported_comments(
    client, moderator, published_article
):
    reported = make_comment(published_article, body="rude words")
    make_comment(published_article, body="kind words")
    report(reported)
    client.force_login(moderator)
    rows = client.get(CHANGELIST, {"queue": "reported"}).context["cl"].result_list
    assert [c.pk for c in rows] == [reported.pk]


def test_keeping_a_reported_comment_answers_its_reports(
    client, moderator, published_article
):
    comment = make_comment(published_article)
    report(comment, 2)
    client.force_login(moderator)
    act(client, comment, "approve")
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()


@pytest.mark.parametrize("role,shown", [("Moderator", True), ("Editor", True),
                                        ("Reporter", False)])  # fmt: skip
def test_the_admin_navigation_shows_pending_and_reported_counts(
    client, pending, role, shown
):
    text = login(client, role).get("/admin/").text
    assert ('data-queue-count="pending">1<' in text) is shown


def test_reply_from_the_list_publishes_a_staff_reply(client, moderator, pending):
    client.force_login(moderator)
    url = reverse("admin:comments_comment_modreply", args=[pending.pk])
    client.post(url, {f"reply-{pending.pk}": "Thanks, fixed."})
    reply = Comment.objects.get(parent=pending)
    pending.refresh_from_db()
    assert (reply.is_staff_reply, reply.status, pending.status) == (
        True, "approved", "approved"
    )  # fmt: skip


def test_reply_needs_a_moderator(client, pending):
    login(client, "Editor")
    url = reverse("admin:comments_comment_modreply", args=[pending.pk])
    client.post(url, {f"reply-{pending.pk}": "Hello"})
    assert not Comment.objects.filter(parent=pending).exists()


def change_page(client, comment):
    return client.get(reverse("admin:comments_comment_change", args=[comment.pk]))


def test_the_comment_page_has_the_same_actions(client, moderator, pending):
    client.force_login(moderator)
    text = change_page(client, pending).text
    assert all(f'data-action="{a}"' in text for a in ["approve", "spam", "trash"])


def test_the_comment_page_lists_the_readers_other_comments(
    client, moderator, published_article
):
    comment = make_comment(published_article, body="This one")
    make_comment(published_article, body="Same email", status="spam")
    make_comment(published_article, body="Same IP", author_email="x@example.com")
    client.force_login(moderator)
    lists = dict(change_page(client, comment).context["other_lists"])
    assert [[c.body for c in v] for v in lists.values()] == [
        ["Same email"], ["Same IP", "Same email"]
    ]  # fmt: skip


def test_the_comment_page_shows_reports_with_reasons(client, moderator, pending):
    CommentReport.objects.create(comment=pending, reason="personal",
                                 note="Has my phone number", reporter_key="k")  # fmt: skip
    client.force_login(moderator)
    text = change_page(client, pending).text
    assert "Shares personal information" in text and "Has my phone number" in text


def test_the_comment_page_shows_the_decision_record(client, moderator, pending):
    client.force_login(moderator)
    act(client, pending, "spam")
    assert "Decision record" in change_page(client, pending).text


def ban(client, comment, kind="email", days=7):
    url = reverse("admin:comments_comment_ban", args=[comment.pk])
    return client.post(url, {"ban_kind": kind, "ban_days": days})


def test_a_ban_is_a_blocked_term_that_expires(client, moderator, pending):
    client.force_login(moderator)
    ban(client, pending, "ip", 7)
    term = BlockedTerm.objects.get()
    assert (term.kind, term.value) == ("ip", pending.ip_address)
    assert term.expires_at > timezone.now() + timedelta(days=6)


def post_as(article, email, ip="203.0.113.50"):
    return submit_comment(
        article=article, name="Someone", email=email, body=f"Hello from {email}",
        context=CommentContext(ip=ip, seconds_to_submit=30),
    )  # fmt: skip


def test_a_banned_email_posts_straight_to_spam(client, moderator, pending):
    client.force_login(moderator)
    ban(client, pending)
    comment = post_as(pending.article, pending.author_email)
    assert comment.status == Comment.Status.SPAM


def test_an_expired_ban_no_longer_applies(db, published_article):
    BlockedTerm.objects.create(kind="email", value="old@example.com",
                               expires_at=timezone.now() - timedelta(minutes=1))  # fmt: skip
    assert post_as(published_article, "old@example.com").status != "spam"


def test_a_ban_can_be_lifted(client, moderator, pending):
    client.force_login(moderator)
    ban(client, pending)
    term = BlockedTerm.objects.get()
    client.post(reverse("admin:comments_comment_liftban", args=[term.pk]))
    assert not BlockedTerm.objects.exists()


def test_the_permanent_blocklist_is_not_lifted_as_a_ban(client, moderator, db):
    term = BlockedTerm.objects.create(kind="email", value="spammer@example.com")
    client.force_login(moderator)
    response = client.post(reverse("admin:comments_comment_liftban", args=[term.pk]))
    assert response.status_code == 404 and BlockedTerm.objects.exists()


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_only_moderators_may_ban(client, pending, role):
    login(client, role)
    assert ban(client, pending).status_code == 403


def test_bans_in_force_are_listed(client, moderator, pending):
    client.force_login(moderator)
    ban(client, pending)
    url = reverse("admin:comments_blockedterm_changelist")
    assert pending.author_email in client.get(url, {"ban": "active"}).text
