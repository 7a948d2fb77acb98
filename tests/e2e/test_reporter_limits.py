"""A reporter can write and submit for review, never publish; drafts stay hidden."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_section, make_user

from .conftest import (
    ADMIN_EXCLUDE,
    check_accessibility,
    expect,
    log_in,
    pick_autocomplete,
    write_body,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def reporter(db):
    make_section(name="Business", slug="business")
    return make_user(role="Reporter")


def test_reporter_is_offered_only_draft_and_review(page, reporter):
    log_in(page, reporter.username)
    page.goto("/admin/articles/article/add/")
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    steps = page.locator(".workflow-steps button").all_inner_texts()
    assert steps == ["Save draft", "Submit for review"]


def test_forged_publish_is_refused(page, reporter):
    log_in(page, reporter.username)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Markets rally on rate news")
    write_body(page, "Shares rose.")
    pick_autocomplete(page, "id_section", "Business")
    # What a tampered page or a hand-made request would send: the status
    # travels in a hidden field, which the server checks like the buttons.
    page.locator("#id_status").evaluate("field => { field.value = 'published'; }")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist.nonfield")).to_be_visible()
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    assert not Article.objects.exists()


def test_visitors_get_not_found_for_a_draft(page, db):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    for url in [draft.get_absolute_url(), draft.get_preview_url()]:
        response = page.goto(url)
        assert response.status == 404, url
        check_accessibility(page)
