"""The article list at 1366 px: no side scrolling, headlines readable; bulk
unpublish asks first, listing the articles."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_user

from .conftest import ADMIN_EXCLUDE, check_accessibility, expect, log_in, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def articles(db):
    section = make_section(name="World › Middle East", slug="middle-east")
    authors = [make_author(name="Hannah Okafor"), make_author(name="Tomás Reyes")]
    return [
        make_article(
            headline=f"Delegates agree draft text on shared river after all-night "
            f"session in Geneva, part {n}",
            section=section,
            authors=authors,
        )
        for n in range(3)
    ]


def test_article_list_fits_a_laptop_screen(new_page, articles):
    page = new_page(width=1366, height=768)
    log_in(page, make_user(role="Editor").username)
    page.goto("/admin/articles/article/")
    results = page.locator(".results")
    assert results.evaluate("r => r.scrollWidth - r.clientWidth") <= 0
    headline = page.locator("th.column-headline")
    assert headline.evaluate("h => h.getBoundingClientRect().width") >= 240
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "article-list-1366")


def test_bulk_unpublish_asks_first(new_page, articles):
    page = new_page(width=1366, height=768)
    log_in(page, make_user(role="Editor").username)
    page.goto("/admin/articles/article/")
    page.locator("#action-toggle").check()
    page.get_by_label("Action:").select_option("unpublish_selected")
    page.get_by_role("button", name="Run").click()
    expect(
        page.get_by_role("heading", name="Take these articles off the site?")
    ).to_be_visible()
    expect(page.locator(".bulk-confirm__list li")).to_have_count(3)
    assert Article.objects.published().count() == 3
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "bulk-unpublish-confirm")
    page.get_by_role("button", name="Yes, unpublish").click()
    expect(page.locator(".messagelist")).to_contain_text("3 article(s) unpublished")
    assert not Article.objects.published().exists()
