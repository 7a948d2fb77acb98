"""The writing desk in a real browser: the body editor, conflicts, autosave."""

import re

import pytest

from articles import revisions
from articles.models import Article, Autosave
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_user,
)

from .conftest import (
    PlaywrightError,
    check_accessibility,
    expect,
    log_in,
    pick_autocomplete,
    screenshot,
    write_body,
)

pytestmark = pytest.mark.e2e

# The whole change form is checked: the autocompletes, the byline rows and
# the editor are named by static/js/admin/writing_desk.js.
CHANGE_FORM_EXCLUDE = []


@pytest.fixture
def desk(db):
    section = make_section(name="Science", slug="science", in_navigation=True)
    author = make_author(name="Sam Field")
    image = make_image(
        alt_text="Meltwater running off a glacier",
        caption="The glacier in June",
        credit="Ice Desk",
    )
    editor = make_user(role="Editor", first_name="Eda", last_name="Editor")
    return section, author, image, editor


def menu(page, name):
    page.locator(f".field-body .prose-menubar [data-name='{name}']").click()


def test_editor_writes_and_publishes_a_story_with_the_body_editor(page, new_page, desk):
    section, author, image, editor = desk
    make_article(headline="Earlier glacier report", slug="earlier", section=section)
    log_in(page, editor.username)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Glaciers retreat faster than forecast")
    pick_autocomplete(page, "id_section", "Science")
    pick_autocomplete(page, "id_bylines-0-author", author.name)
    expect(page.locator("#id_headline-count")).to_contain_text("37 characters")

    body = page.get_by_role("textbox", name="Body")
    write_body(page, "Alpine glaciers lost more ice this year.")
    body.press("Enter")
    page.locator(".field-body .prose-menubar__selected").click()
    page.locator(".field-body [data-name='heading2']").click()
    body.press_sequentially("What the data show")
    body.press("Enter")
    menu(page, "bulletList")
    body.press_sequentially("Thinner ice")
    body.press("Enter")
    body.press_sequentially("Earlier melt")
    body.press("Enter")
    body.press("Enter")
    body.press_sequentially("Read the earlier report")
    for _ in range(len("earlier report")):
        body.press("Shift+ArrowLeft")
    menu(page, "link")
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.locator("input").first.fill("/science/earlier/")
    dialog.get_by_role("button", name="Update").click()
    # The editor gets the selection back only once the dialog has closed:
    # keys pressed before that replaced the selected link text (a flaky run).
    expect(dialog).to_be_hidden()
    expect(body.locator("a[href='/science/earlier/']")).to_have_text("earlier report")
    body.press("ArrowRight")
    body.press("End")
    body.press("Enter")
    menu(page, "figure")
    with page.expect_popup() as chooser:
        dialog.get_by_role("button", name="Browse...").click()
    chooser.value.wait_for_load_state()  # its module listens for the click
    choice = chooser.value.get_by_role("button", name=re.compile("Meltwater"))
    try:
        choice.click()
    except PlaywrightError:
        # The chooser closes itself on a choice, at times before click()
        # returns; anything else is a real failure.
        if not chooser.value.is_closed():
            raise
    expect(dialog.locator("input[name=altText]")).to_have_value(image.alt_text)
    dialog.get_by_role("button", name="Insert").click()
    expect(page.locator("#body-count")).to_contain_text("words")
    check_accessibility(page, exclude=CHANGE_FORM_EXCLUDE)
    screenshot(page, "writing desk editor")

    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    reader = new_page()
    story_url = Article.objects.get(headline__startswith="Glaciers").get_absolute_url()
    reader.goto(story_url)
    story = reader.locator(".story__body")
    expect(story.get_by_role("heading", name="What the data show")).to_be_visible()
    expect(story.locator("li")).to_have_text(["Thinner ice", "Earlier melt"])
    expect(story.get_by_role("link", name="earlier report")).to_have_attribute(
        "href", "/science/earlier/"
    )
    picture = story.locator("figure.story__figure img")
    expect(picture).to_have_attribute("srcset", re.compile(r"480w"))
    expect(picture).to_have_js_property("complete", True)
    assert picture.evaluate("i => i.naturalWidth") > 0
    expect(story.locator("figcaption")).to_contain_text("Credit: Ice Desk")
    screenshot(reader, "writing desk reader")


def test_second_editor_is_refused_with_both_texts_intact(page, new_page, desk):
    section, author, image, editor = desk
    article = make_article(
        headline="Flood barrier tested", section=section, authors=[author]
    )
    other = make_user(role="Editor", first_name="Bob", last_name="Brown")
    url = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, editor.username)
    page.goto(url)
    second = new_page()
    log_in(second, other.username)
    second.goto(url)
    expect(second.locator("#edit-lock-notice")).to_contain_text(
        "Being edited by Eda Editor since"
    )

    write_body(page, "Eda's first paragraph.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    write_body(second, "Bob's own paragraph.")
    second.get_by_label("Headline").fill("Bob's headline")
    second.get_by_role("button", name="Save and continue editing").click()
    conflict = second.locator(".conflict")
    expect(conflict).to_contain_text("Eda Editor saved this article at")
    expect(conflict.locator("ins")).to_contain_text(["Eda's"])
    expect(second.get_by_role("textbox", name="Body")).to_have_text(
        "Bob's own paragraph."
    )
    expect(second.get_by_label("Headline")).to_have_value("Bob's headline")
    check_accessibility(second, exclude=CHANGE_FORM_EXCLUDE)
    screenshot(second, "writing desk conflict")
    article.refresh_from_db()
    assert "Eda's first paragraph." in article.body


def test_autosave_is_offered_back_after_the_page_is_closed(page, new_page, desk):
    section, author, image, editor = desk
    article = make_article(headline="Heatwave warning", section=section)
    url = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, editor.username)
    page.goto(url)
    write_body(page, "Words typed before the laptop died.")
    # Leaving the tab: the page sends its autosave as it is hidden.
    page.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', "
        "{value: 'hidden', configurable: true}); "
        "document.dispatchEvent(new Event('visibilitychange')); }"
    )
    for _ in range(50):
        if Autosave.objects.filter(article=article).exists():
            break
        page.wait_for_timeout(100)
    page.context.close()

    again = new_page()
    log_in(again, editor.username)
    again.goto(url)
    offer = again.locator("#autosave-offer")
    expect(offer).to_contain_text("kept by autosave")
    offer.get_by_role("link", name="Restore them").click()
    expect(again.get_by_role("textbox", name="Body")).to_have_text(
        "Words typed before the laptop died."
    )
    assert Article.objects.get(pk=article.pk).body == article.body
    again.get_by_role("button", name="Save", exact=True).click()
    expect(again.locator(".messagelist")).to_contain_text("was changed successfully")
    assert "laptop died" in Article.objects.get(pk=article.pk).body


# What a word processor puts on the clipboard: structure wrapped in fonts,
# colours, spans, classes and comments.
WORD_PROCESSOR_HTML = (
    '<!--StartFragment--><p class="MsoNormal" style="font-family:Calibri">'
    '<span style="color:#ff0000;font-size:14pt">Opening <b>bold</b> and '
    '<i>italic</i> words</span></p><h2 style="color:blue">'
    '<font face="Arial">A heading</font></h2><ul><li><span>One</span></li>'
    '<li>Two</li></ul><p><a href="https://example.org/" style="color:red">'
    "a link</a></p><!--EndFragment-->"
)


def test_paste_keeps_structure_and_drops_the_rest(page, desk):
    section, author, image, editor = desk
    article = make_article(headline="Pasted copy", section=section, authors=[author])
    log_in(page, editor.username)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    body = page.get_by_role("textbox", name="Body")
    write_body(page, "")
    body.evaluate(
        """(area, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "fallback");
            area.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD_PROCESSOR_HTML,
    )
    expect(body.locator("h2")).to_have_text("A heading")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = Article.objects.get(pk=article.pk).body
    kept = ["<strong>bold</strong>", "<em>italic</em>", "<h2>A heading</h2>",
            "<li><p>One</p></li>", 'href="https://example.org/"']  # fmt: skip
    dropped = ["style=", "<span", "<font", "class=", "<!--", "Mso"]
    assert [k for k in kept if k not in saved] == [] and [
        d for d in dropped if d in saved
    ] == []


def test_an_existing_body_opens_and_saves_unchanged(page, desk):
    section, author, image, editor = desk
    before = (
        "<p>Lead paragraph with <strong>weight</strong> and "
        '<a href="https://example.org/report">a source</a>.</p>'
        "<h2>Background</h2><ul><li>First point</li><li>Second point</li></ul>"
        "<blockquote><p>A quotation from the scene.</p></blockquote>"
    )
    article = make_article(body=before, section=section, authors=[author])
    log_in(page, editor.username)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_role("textbox", name="Body")).to_contain_text("Second point")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    after = Article.objects.get(pk=article.pk).body
    # The editor may wrap list items in paragraphs; the text and every
    # heading, list, quote, link and bold stay as they were.
    assert revisions.html_to_text(after) == revisions.html_to_text(before)
    for tag in [
        "<strong>",
        "<h2>",
        "<ul>",
        "<blockquote>",
        'href="https://example.org/report"',
    ]:
        assert tag in after


def test_take_over_tells_the_first_editor(page, new_page, desk):
    section, author, image, editor = desk
    article = make_article(headline="Storm warning", section=section)
    other = make_user(role="Editor", first_name="Bob", last_name="Brown")
    url = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, editor.username)
    page.goto(url)
    second = new_page()
    log_in(second, other.username)
    second.goto("/admin/articles/article/")
    expect(second.locator("td.field-editing")).to_contain_text(
        "Being edited by Eda Editor since"
    )
    second.goto(url)
    second.get_by_role("button", name="Take over").click()
    expect(second.locator("#edit-lock-notice")).to_have_count(0)
    # The first editor's next heartbeat (every minute), run now.
    page.evaluate(
        "async () => (await import('/static/js/admin/writing_desk.js')).heartbeat()"
    )
    expect(page.locator("#edit-lock-lost")).to_contain_text(
        "Bob Brown took over editing at"
    )


def test_revisions_restore_and_chooser_pages_are_accessible(page, desk):
    section, author, image, editor = desk
    article = make_article(headline="Bridge reopens", section=section)
    log_in(page, editor.username)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Headline").fill("Bridge reopens after repairs")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("link", name="Revisions").click()
    page.get_by_role("button", name="Compare selected revisions").click()
    expect(page.locator(".revision-changes ins")).to_contain_text(["after repairs"])
    check_accessibility(page)
    page.get_by_role("link", name="Restore this revision").click()
    check_accessibility(page)
    page.get_by_role("button", name="Restore this revision").click()
    expect(page.get_by_label("Headline")).to_have_value("Bridge reopens")
    page.goto("/admin/articles/article/images/choose/?CKEditorFuncNum=-1")
    expect(page.get_by_text("Credit: Ice Desk")).to_be_visible()
    check_accessibility(page)
