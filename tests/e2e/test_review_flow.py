"""A reporter submits; an editor returns it with a note; the reporter fixes
it and submits again; the editor schedules it and finds it on the calendar
and the desk."""

from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article, ArticleStep
from tests.factories import make_author, make_section, make_user

from .conftest import (
    ADMIN_EXCLUDE,
    check_accessibility,
    expect,
    log_in,
    pick_autocomplete,
    screenshot,
    write_body,
)

pytestmark = pytest.mark.e2e

HEADLINE = "Harbour dredging starts in spring"


@pytest.fixture
def people(db):
    make_section(name="Local", slug="local")
    reporter = make_user(role="Reporter")
    make_author(name="Rita Reporter", user=reporter)
    return reporter, make_user(role="Editor")


def test_an_article_goes_through_review(new_page, people):
    reporter, editor = people
    desk = new_page()
    log_in(desk, reporter.username)
    desk.goto("/admin/articles/article/add/")
    desk.get_by_label("Headline").fill(HEADLINE)
    desk.get_by_label("Slug").fill("harbour-dredging")
    write_body(desk, "Work starts in March, the port says.")
    pick_autocomplete(desk, "id_section", "Local")
    # The byline starts as the reporter's own.
    expect(desk.locator("#id_bylines-0-author")).to_have_value(
        str(reporter.author_profile.pk)
    )
    check_accessibility(desk, exclude=ADMIN_EXCLUDE)
    desk.get_by_role("button", name="Submit for review").click()
    expect(desk.locator(".messagelist")).to_contain_text("Submit for review: done")
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.REVIEW

    chief = new_page()
    log_in(chief, editor.username)
    expect(chief.locator("#nav-in-review")).to_contain_text("1")
    chief.locator("#desk-review").get_by_role("link", name=HEADLINE).click()
    chief.get_by_label("Note to the reporter").fill("Name the port's spokesperson.")
    chief.get_by_role("button", name="Return to reporter").click()
    expect(chief.locator(".messagelist")).to_contain_text("Return to reporter: done")

    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(desk.locator(".article-steps")).to_contain_text(
        "Name the port's spokesperson."
    )
    screenshot(desk, "review-returned-note")
    write_body(desk, "Work starts in March, port spokesperson Ana Reyes says.")
    desk.get_by_role("button", name="Submit for review").click()
    expect(desk.locator(".messagelist")).to_contain_text("Submit for review: done")

    chief.goto(f"/admin/articles/article/{article.pk}/change/")
    when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(
        hour=7, minute=30, second=0, microsecond=0
    )
    chief.locator("#id_published_at_0").fill(f"{when:%Y-%m-%d}")
    chief.locator("#id_published_at_1").fill(f"{when:%H:%M:%S}")
    chief.get_by_role("button", name="Schedule").click()
    expect(chief.locator(".messagelist")).to_contain_text("Schedule: done")
    article.refresh_from_db()
    assert article.is_scheduled and list(
        article.steps.order_by("created_at").values_list("kind", flat=True)
    ) == [
        ArticleStep.Kind.SUBMIT,
        ArticleStep.Kind.RETURN,
        ArticleStep.Kind.SUBMIT,
        ArticleStep.Kind.SCHEDULE,
    ]

    chief.goto("/admin/articles/articlecalendar/")
    entry = chief.locator(".calendar__item", has_text=HEADLINE)
    expect(entry).to_contain_text("07:30")
    chief.goto("/admin/")
    expect(chief.locator("#desk-scheduled")).to_contain_text(HEADLINE)
    screenshot(chief, "review-scheduled-desk")
