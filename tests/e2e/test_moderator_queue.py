"""A moderator works through the comment queue; readers see only what is approved."""

import pytest

from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_user

from .conftest import ADMIN_EXCLUDE, check_accessibility, expect, log_in, screenshot

pytestmark = pytest.mark.e2e

QUEUE = "/admin/comments/comment/"


@pytest.fixture
def queue(db):
    article = make_article(headline="Council approves new tram line")
    good = make_comment(
        article, body="Finally, a tram to the station.", status=Comment.Status.PENDING
    )
    junk = make_comment(
        article, body="Cheap watches at my shop", status=Comment.Status.PENDING
    )
    moderator = make_user(role="Moderator")
    return article, good, junk, moderator


def run_action(page, comment, action):
    page.goto(QUEUE)
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    row = page.get_by_role("row").filter(has_text=comment.body)
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment(s)")


def test_moderator_approves_and_marks_spam(page, new_page, queue):
    article, good, junk, moderator = queue
    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".comment-list")).to_have_count(0)

    page.goto("/admin/login/")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    log_in(page, moderator.username)
    page.goto(QUEUE)
    screenshot(page, "moderation-queue")
    run_action(page, good, "Approve selected comments")
    run_action(page, junk, "Mark selected as spam")
    expect(page.get_by_role("row").filter(has_text=junk.body)).to_contain_text("Spam")

    reader.reload()
    comments = reader.locator(".comment-list")
    expect(comments).to_contain_text(good.body)
    expect(comments).not_to_contain_text(junk.body)
    check_accessibility(reader)
