"""An editor pins an older story as home's lead; the home page shows it."""

from datetime import timedelta

import pytest

from django.utils import timezone

from tests.factories import make_article, make_section, make_user

from .conftest import (
    ADMIN_EXCLUDE,
    check_accessibility,
    expect,
    log_in,
    pick_autocomplete,
    screenshot,
)

pytestmark = pytest.mark.e2e


def test_editor_pins_a_lead_story(page, new_page, db):
    section = make_section(name="World", slug="world")
    make_article(
        headline="Ceasefire talks resume",
        section=section,
        published_at=timezone.now() - timedelta(days=2),
    )
    make_article(
        headline="Markets open higher",
        section=section,
        featured=True,
        published_at=timezone.now() - timedelta(minutes=5),
    )
    reader = new_page()
    reader.goto("/")
    expect(reader.locator(".home-lead")).to_contain_text("Markets open higher")

    log_in(page, make_user(role="Editor").username)
    page.goto("/admin/articles/frontpagepin/")
    expect(page.locator("#home-now")).to_contain_text("automatic")
    page.get_by_role("link", name="Add front-page pin").click()
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    page.get_by_label("Position").select_option(label="Lead story")
    pick_autocomplete(page, "id_article", "Ceasefire talks")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#home-now li").first).to_contain_text("Ceasefire talks resume")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)
    screenshot(page, "front-page-pins")

    # A new reader: the first one's browser may keep home for its max-age.
    reader = new_page()
    reader.goto("/")
    expect(reader.locator(".home-lead")).to_contain_text("Ceasefire talks resume")
    screenshot(reader, "home-with-pinned-lead")
