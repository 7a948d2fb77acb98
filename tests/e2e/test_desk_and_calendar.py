"""An editor sees the day on the desk, finds a scheduled story on the
calendar and moves it to another day; a reporter's desk shows their work."""

from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_user

from .conftest import ADMIN_EXCLUDE, check_accessibility, expect, log_in, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def newsroom(db):
    section = make_section(name="Politics", slug="politics")
    reporter = make_user(role="Reporter")
    author = make_author(name="Rita Reporter", user=reporter)
    make_article(
        headline="Council votes on the budget",
        section=section,
        authors=[author],
        status=Article.Status.REVIEW,
    )
    scheduled = make_article(
        headline="Election debate tonight",
        section=section,
        published_at=(timezone.now() + timedelta(days=1)).replace(
            hour=18, minute=0, second=0, microsecond=0
        ),
    )
    make_article(headline="Morning briefing", section=section)
    return reporter, scheduled


def test_editor_uses_the_desk_and_the_calendar(page, newsroom):
    _, scheduled = newsroom
    log_in(page, make_user(role="Editor").username)

    expect(page.locator("#desk-review")).to_contain_text("Council votes on the budget")
    expect(page.locator("#desk-scheduled")).to_contain_text("Election debate tonight")
    expect(page.locator("#desk-scheduled")).to_contain_text("18:00")
    expect(page.locator("#desk-published")).to_contain_text("Morning briefing")
    expect(page.locator("#nav-in-review")).to_contain_text("1")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "desk-editor")

    page.locator("#desk-scheduled").get_by_role(
        "link", name="Open the calendar"
    ).click()
    entry = page.locator(".calendar__item", has_text="Election debate tonight")
    expect(entry).to_contain_text("Scheduled")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "calendar-week")

    entry.get_by_text("Reschedule").click()
    new_day = timezone.localtime(scheduled.published_at) + timedelta(days=2)
    entry.get_by_label("New time").fill(new_day.strftime("%Y-%m-%dT%H:%M"))
    entry.get_by_role("button", name="Move").click()
    expect(page.locator(".messagelist")).to_contain_text("now goes live")
    moved = page.locator(".calendar__day", has_text="Election debate tonight")
    expect(moved.locator("h2")).to_contain_text(new_day.strftime("%-d %b"))
    scheduled.refresh_from_db()
    assert timezone.localtime(scheduled.published_at).date() == new_day.date()

    page.locator(".calendar__day h2 a").first.click()
    expect(page.locator(".calendar__days--single")).to_be_visible()
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "calendar-day")


def test_reporter_desk_shows_their_own_work(page, newsroom):
    reporter, _ = newsroom
    log_in(page, reporter.username)
    expect(page.locator("#desk-review")).to_contain_text("Council votes on the budget")
    expect(page.locator("#desk-copy")).to_have_count(0)
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "desk-reporter")
