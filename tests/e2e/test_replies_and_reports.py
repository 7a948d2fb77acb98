"""Issue 16 as people use it: a reader asks to hear about replies, another
replies, a moderator approves the reply from the list in one click, and the
first reader's email holds the reply and an unsubscribe link that works;
three readers report a comment and it leaves the page; axe-core on the
moderation list and the comment's page."""

import re

import pytest

from django.core import mail

from comments.models import Comment, ReplySubscription
from tests.comments.factories import make_comment
from tests.factories import make_article, make_user

from .conftest import (
    ADMIN_EXCLUDE,
    AXE_JS,
    check_accessibility,
    expect,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.e2e

QUEUE = "/admin/comments/comment/"


@pytest.fixture
def reader_page(browser, live_server, new_page):
    """A reader's own browser, seen by the site at its own address (behind
    one trusted proxy, as in production)."""
    new_page()  # sets the Site up
    contexts = []

    def open_reader(ip):
        context = browser.new_context(
            base_url=live_server.url, extra_http_headers={"X-Forwarded-For": ip}
        )
        context.set_default_timeout(10_000)
        context.add_init_script(path=AXE_JS)
        contexts.append(context)
        return context.new_page()

    yield open_reader
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]
    settings.COMMENT_REPLY_BATCH_SECONDS = 0


def path_in(message, name) -> str:
    return re.search(rf"https?://[^/\s]+(/comments/notify/{name}/\S+/)", message.body)[
        1
    ]


def post_comment(page, *, name, email, body, notify=False):
    form = page.locator("#comment-form")
    form.locator("#id_body").fill(body)
    form.locator("#id_author_name").fill(name)
    form.locator("#id_author_email").fill(email)
    if notify:
        form.get_by_label("Email me when someone replies").check()
    form.get_by_role("button", name="Post comment").click()


def approve_in_list(page, body):
    row = page.get_by_role("row").filter(has_text=body)
    row.get_by_role("button", name="Approve").click()
    expect(row.locator(".field-status")).to_have_text("Approved")


def test_a_reply_reaches_the_reader_who_asked(page, reader_page, db):
    article = make_article(headline="Bridge repairs start in spring")
    moderator = make_user(role="Moderator")
    asker, replier = reader_page("203.0.113.10"), reader_page("203.0.113.11")

    asker.goto(article.get_absolute_url())
    post_comment(asker, name="Ada", email="ada@example.com", notify=True,
                 body="Will the footpath stay open during the works?")  # fmt: skip
    expect(asker.locator(".messages, [role=status]").first).to_contain_text(
        "moderation"
    )
    (confirmation,) = mail.outbox
    asker.goto(path_in(confirmation, "confirm"))
    asker.get_by_role("button", name="Confirm").click()
    expect(asker.get_by_role("heading", name="Confirmed")).to_be_visible()

    log_in(page, moderator.username)
    page.goto(f"{QUEUE}?queue=pending")
    approve_in_list(page, "Will the footpath stay open")

    question = Comment.objects.get(author_email="ada@example.com")
    replier.goto(f"{article.get_absolute_url()}?replyto={question.pk}#leave-comment")
    post_comment(replier, name="Ben", email="ben@example.com",
                 body="Yes: the council says one side stays open.")  # fmt: skip

    page.goto(f"{QUEUE}?queue=pending")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "moderation-list-row-actions")
    mail.outbox.clear()
    approve_in_list(page, "one side stays open")

    (notice,) = mail.outbox
    assert notice.to == ["ada@example.com"]
    assert "one side stays open" in notice.body
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    asker.goto(path_in(notice, "unsubscribe"))
    asker.get_by_role("button", name="Unsubscribe").click()
    expect(asker.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    assert ReplySubscription.objects.get().unsubscribed_at is not None


def test_three_readers_report_a_comment_and_it_leaves_the_page(reader_page, db):
    article = make_article(headline="Night buses return")
    make_comment(article, body="A fine idea, at last.")
    rude = make_comment(article, body="Everyone who disagrees is an idiot.",
                        author_name="Rude")  # fmt: skip
    for n in range(3):
        reader = reader_page(f"203.0.113.{20 + n}")
        reader.goto(article.get_absolute_url())
        reader.locator(f"#comment-{rude.pk}").get_by_role("link", name="Report").click()
        if n == 0:
            check_accessibility(reader)
        reader.get_by_label("Abusive or hateful").check()
        reader.get_by_role("button", name="Send report").click()
        expect(reader.locator("body")).to_contain_text("Thank you for your report")
    reader = reader_page("203.0.113.30")
    reader.goto(article.get_absolute_url())
    comments = reader.locator(".comment-list")
    expect(comments).to_contain_text("A fine idea")
    expect(comments).not_to_contain_text("is an idiot")


def test_the_comment_page_moderates_in_place_and_is_accessible(page, db):
    article = make_article(headline="Library opening hours")
    comment = make_comment(article, body="Please open on Sundays too.",
                           status=Comment.Status.PENDING)  # fmt: skip
    make_comment(article, body="Another one from me", status=Comment.Status.SPAM)
    moderator = make_user(role="Moderator")
    log_in(page, moderator.username)
    page.goto(f"{QUEUE}{comment.pk}/change/")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    expect(page.locator(".other-comments").first).to_contain_text("Another one from me")
    page.locator(".comment-page-actions").get_by_role("button", name="Approve").click()
    expect(page.locator(".comment-page-actions .field-status")).to_have_text("Approved")
    screenshot(page, "comment-page-moderated")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_keyboard_shortcuts_move_through_the_list(page, db):
    article = make_article(headline="Park benches")
    first = make_comment(article, body="First pending", status="pending")
    second = make_comment(article, body="Second pending", status="pending")
    log_in(page, make_user(role="Moderator").username)
    page.goto(f"{QUEUE}?queue=pending")
    page.locator("body").press("j")
    page.keyboard.press("s")  # the first row in the list: the newest
    expect(page.locator("#moderation-live")).to_contain_text("marked as spam")
    page.keyboard.press("a")  # focus moved on to the next comment
    expect(page.locator("#moderation-live")).to_contain_text("approved")
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.status, second.status} == {"spam", "approved"}
