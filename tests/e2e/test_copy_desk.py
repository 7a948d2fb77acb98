"""An editor sees a draft's slips, is refused publication, overrides, publishes."""

import pytest

from articles.copydesk.models import CopyOverride
from articles.models import Article
from tests.factories import make_article, make_user

from .conftest import ADMIN_EXCLUDE, check_accessibility, expect, log_in

pytestmark = pytest.mark.e2e

BODY = (
    "<p>The talks have concluded in , with both sides claiming progress.</p>\n"
    "<p>Observers from the U.N. And the basin states will visit.</p>"
)


@pytest.fixture
def draft(db):
    return make_article(status=Article.Status.DRAFT, published_at=None, body=BODY)


def test_editor_overrides_the_desk_and_publishes(page, draft):
    editor = make_user(role="Editor")
    log_in(page, editor.username)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    desk = page.locator("#copydesk")
    expect(desk).to_contain_text("2 errors")
    expect(desk.locator("mark").first).to_have_text("in ,")
    check_accessibility(page, exclude=ADMIN_EXCLUDE)

    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".errorlist")).to_contain_text("2 copy error(s)")

    for reason in page.get_by_label("Override: reason").all():
        reason.fill("Quoted from the communiqué as sent")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert CopyOverride.objects.filter(user=editor).count() == 2


def test_finding_link_selects_the_slip_in_the_body(page, draft):
    log_in(page, make_user(role="Editor").username)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    page.get_by_role("link", name="Body, paragraph 2").click()
    selected = page.evaluate(
        "() => { const b = document.getElementById('id_body');"
        " return b.value.substring(b.selectionStart, b.selectionEnd); }"
    )
    assert selected == "And"


def test_reporter_sees_findings_without_override_fields(page, draft):
    log_in(page, make_user(role="Reporter").username)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    expect(page.locator("#copydesk")).to_contain_text("an editor overrides them")
    expect(page.get_by_label("Override: reason")).to_have_count(0)
