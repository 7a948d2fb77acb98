"""A reader finds an article through the navigation and leaves a comment."""

import pytest

from comments.models import Comment
from tests.factories import make_article, make_author, make_section

from .conftest import check_accessibility, expect, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def world_article(db):
    world = make_section(name="World", slug="world", in_navigation=True)
    author = make_author(name="Jane Doe", role_title="World News Editor")
    article = make_article(
        headline="Talks resume in Geneva", section=world, authors=[author]
    )
    make_article(headline="Ceasefire holds for a third day", section=world)
    return article


def fill_comment(page, *, body, email):
    form = page.locator("#comment-form")
    form.get_by_role("textbox", name="Comment").fill(body)
    form.get_by_role("textbox", name="Name").fill("Ada Reader")
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("button", name="Post comment").click()


def test_reader_finds_an_article_and_comments(page, world_article):
    page.goto("/")
    check_accessibility(page)
    screenshot(page, "home")
    nav = page.get_by_role("navigation", name="Sections")
    nav.get_by_role("link", name="World").click()
    expect(page.get_by_role("heading", level=1, name="World")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=world_article.headline).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(world_article.headline)
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs).to_have_text(f"Home » World » {world_article.headline}")
    expect(page.locator(".story__byline")).to_have_text(
        "by Jane Doe - World News Editor"
    )
    related = page.get_by_role("region", name="You may also like")
    expect(related.get_by_role("link", name="Ceasefire holds")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "article")

    fill_comment(page, body="Good to see talks again.", email="ada@example.com")
    message = page.get_by_role("status").filter(has_text="awaiting moderation")
    expect(message).to_be_visible()
    own = page.locator(".comment", has_text="Good to see talks again.")
    expect(own).to_contain_text("Awaiting moderation: only you can see this")
    check_accessibility(page)
    # Held, not caught as spam: the poster is shown the same page either way.
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_form_error_keeps_the_readers_text(page, world_article):
    page.goto(world_article.get_absolute_url())
    fill_comment(page, body="Keep every word of this.", email="not-an-email")
    form = page.locator("#comment-form")
    expect(form.get_by_role("textbox", name="Email")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(form.get_by_role("textbox", name="Comment")).to_have_value(
        "Keep every word of this."
    )
    check_accessibility(page)
    screenshot(page, "comment-form-errors")
    assert not Comment.objects.exists()


def test_a_form_error_opens_at_the_form_not_the_top(page, world_article):
    page.goto(world_article.get_absolute_url())
    fill_comment(page, body="Where did my words go?", email="not-an-email")
    email = page.locator("#comment-form").get_by_role("textbox", name="Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_be_in_viewport()
    assert page.url.endswith("#leave-comment")
