"""At 375 px wide: no sideways scrolling, a usable nav and a usable comment form."""

import pytest

from comments.models import Comment
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_upload,
)

from .conftest import check_accessibility, expect, horizontal_overflow, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(new_page):
    return new_page(width=375, height=800)


@pytest.fixture
def article(db):
    sections = [
        make_section(name=name, slug=name.lower(), in_navigation=True)
        for name in ["World", "Politics", "Business", "Technology", "Science"]
    ]
    author = make_author(name="Maximiliana Featherstonehaugh-Worthington")
    story = make_article(
        headline="An extraordinarily long headline about intergovernmental "
        "telecommunications infrastructure",
        section=sections[0],
        authors=[author],
        lead_image=make_image(upload=make_upload(size=(800, 450))),
    )
    make_article(section=sections[0], lead_image=story.lead_image)
    return story


def test_pages_fit_the_screen(phone, article):
    pages = {"home": "/", "section": "/section/world/"}
    for name, url in (pages | {"article": article.get_absolute_url()}).items():
        phone.goto(url)
        assert horizontal_overflow(phone) <= 0, url
        check_accessibility(phone)
        screenshot(phone, f"375-{name}")


def test_every_nav_link_can_be_reached_and_followed(phone, article):
    phone.goto("/")
    links = phone.get_by_role("navigation", name="Sections").get_by_role("link")
    expect(links).to_have_count(6)
    for link in links.all():
        link.scroll_into_view_if_needed()
        expect(link).to_be_in_viewport(ratio=1)
    links.filter(has_text="Science").click()
    expect(phone.get_by_role("heading", level=1, name="Science")).to_be_visible()


def test_comment_form_can_be_used(phone, article):
    phone.goto(article.get_absolute_url())
    form = phone.locator("#comment-form")
    form.get_by_role("textbox", name="Comment").fill("Read on the bus.")
    form.get_by_role("textbox", name="Name").fill("Commuter")
    form.get_by_role("textbox", name="Email").fill("commuter@example.com")
    button = form.get_by_role("button", name="Post comment")
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    button.click()
    message = phone.get_by_role("status").filter(has_text="awaiting moderation")
    expect(message).to_be_visible()
    assert horizontal_overflow(phone) <= 0
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_author_photos_stay_round_beside_long_names(phone, db):
    make_author(
        name="Maximiliana Featherstonehaugh-Worthington-Smythe",
        role_title="Chief Correspondent for Intergovernmental Infrastructure",
        photo=make_image(upload=make_upload(size=(600, 600))),
    )
    phone.goto("/authors/")
    box = phone.locator(".author-card__photo").first.bounding_box()
    screenshot(phone, "375-authors")
    assert round(box["width"]) == round(box["height"]) > 40
