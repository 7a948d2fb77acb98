"""Readers report comments: one report each, held at the threshold."""

import pytest

from django.test import Client
from django.urls import reverse

from comments import reports
from comments.models import Comment, CommentReport
from tests.comments.factories import make_comment


@pytest.fixture
def comment(published_article):
    return make_comment(published_article, body="Something rude")


def report(client, comment, reason="abuse", note="", ip="203.0.113.1", **extra):
    url = reverse("comments:report", args=[comment.pk])
    data = {"reason": reason, "note": note}
    return client.post(url, data, REMOTE_ADDR=ip, **extra)


def readers_report(comment, n):
    for i in range(n):
        report(Client(), comment, ip=f"203.0.113.{10 + i}")


def test_the_report_link_is_on_every_approved_comment(client, comment):
    text = client.get(comment.article.get_absolute_url()).text
    assert reverse("comments:report", args=[comment.pk]) in text


def test_the_report_page_offers_the_reasons(client, comment):
    text = client.get(reverse("comments:report", args=[comment.pk])).text
    assert all(label in text for label in ["Off-topic", "personal information",
                                            "Something else"])  # fmt: skip


def test_a_report_is_stored_with_its_reason(client, comment):
    report(client, comment, reason="personal")
    assert CommentReport.objects.get().reason == "personal"


def test_other_needs_a_note(client, comment):
    response = report(client, comment, reason="other")
    assert response.status_code == 400 and not CommentReport.objects.exists()


def test_one_report_per_reader_by_cookie(client, comment):
    report(client, comment)
    report(client, comment, ip="203.0.113.99")  # same browser, new network
    assert CommentReport.objects.count() == 1


def test_without_a_cookie_the_ip_counts_as_the_reader(db, comment):
    report(Client(), comment)
    report(Client(), comment)
    assert CommentReport.objects.count() == 1


def test_a_forged_cookie_is_not_a_reader(client, comment):
    client.cookies[reports.READER_COOKIE] = "forged"
    report(client, comment)
    report(client, comment)
    assert CommentReport.objects.count() == 1


def test_below_the_threshold_the_comment_stays_up(db, comment):
    readers_report(comment, 2)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_below_the_threshold_it_enters_the_reported_queue(db, comment):
    readers_report(comment, 1)
    assert list(Comment.objects.reported()) == [comment]


def test_at_the_threshold_it_is_hidden_and_held(db, comment):
    readers_report(comment, 3)
    comment.refresh_from_db()
    assert (comment.status, comment.hold_reason) == ("pending", "reported by readers")


def test_the_threshold_is_a_setting(db, comment, settings):
    settings.COMMENT_REPORT_THRESHOLD = 2
    readers_report(comment, 2)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_held_comment_leaves_the_page(db, comment):
    readers_report(comment, 3)
    text = Client().get(comment.article.get_absolute_url()).text
    assert "Something rude" not in text


def test_one_machine_with_several_reader_cookies_is_one_reader(db, comment):
    for n in range(3):
        browser = Client()
        # Each browser gets its reader cookie on another comment first.
        other = make_comment(comment.article, body=f"Other {n}")
        report(browser, other, ip=f"198.51.100.{n + 20}")
        report(browser, comment, ip="203.0.113.5")
    comment.refresh_from_db()
    assert (comment.reports.count(), comment.status) == (3, "approved")


def test_staff_replies_cannot_be_reported_away(db, published_article):
    reply = make_comment(published_article, body="Staff here", is_staff_reply=True)
    readers_report(reply, 5)
    reply.refresh_from_db()
    assert reply.status == Comment.Status.APPROVED


def test_a_held_comment_cannot_be_reported(client, published_article):
    held = make_comment(published_article, status="pending")
    assert report(client, held).status_code == 404


def test_reports_are_rate_limited_like_posting(client, published_article, settings):
    settings.COMMENT_RATE_LIMIT = "2/m"
    comments = [make_comment(published_article, body=f"c{i}") for i in range(3)]
    codes = [report(client, c).status_code for c in comments]
    assert codes == [303, 303, 429]


def test_a_report_from_another_site_is_refused(client, comment):
    response = report(client, comment, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403 and not CommentReport.objects.exists()
