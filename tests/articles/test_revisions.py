"""Every article save keeps a revision; staff compare and restore them."""

import pytest
from reversion.models import Version

from articles import revisions
from articles.models import Article
from tests.factories import make_article, make_author, make_tag, make_user

from .desk import CHANGE_URL, post_change

REVISIONS_URL = "/admin/articles/article/{}/revisions/"
RESTORE_URL = "/admin/articles/article/{}/revisions/{}/restore/"


@pytest.fixture
def editor(db):
    return make_user(role="Editor", first_name="Eda", last_name="Editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(db):
    return make_article(
        headline="Old headline", body="<p>The first words.</p>", tags=[make_tag()]
    )


def test_change_form_save_keeps_a_revision_with_who(editor_client, editor, article):
    post_change(editor_client, article, headline="New headline")
    latest = revisions.versions_of(article).first()
    assert (latest.revision.user, latest.field_dict["headline"]) == (
        editor,
        "New headline",
    )


def test_revision_holds_tags_and_byline_as_saved(editor_client, article):
    tag, author = make_tag(name="Climate"), make_author(name="Ann Other")
    post_change(
        editor_client, article, tags=[tag.pk], **{"bylines-0-author": author.pk}
    )
    snap = revisions.version_snapshot(revisions.versions_of(article).first())
    assert (snap["tags"], snap["byline"]) == ("Climate", "Ann Other")


def test_bulk_action_keeps_a_revision(editor_client, db):
    draft = make_article(status=Article.Status.DRAFT)
    editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    assert revisions.versions_of(draft).first().field_dict["status"] == "published"


def test_invalid_form_keeps_no_revision(editor_client, article):
    post_change(editor_client, article, headline="")
    assert not Version.objects.get_for_object(article).exists()


def test_compare_shows_a_word_diff_not_html(editor_client, article):
    post_change(editor_client, article)
    post_change(editor_client, article, body="<p>The second words.</p>")
    older, newer = list(revisions.versions_of(article))[::-1]
    response = editor_client.get(
        REVISIONS_URL.format(article.pk), {"from": older.pk, "to": newer.pk}
    )
    assert "<del>first</del><ins>second</ins>" in response.content.decode()


def test_html_to_text_reads_paragraphs_and_lists():
    html = "<h2>Key points</h2><ul><li>One</li><li>Two</li></ul><p>End.</p>"
    assert revisions.html_to_text(html) == "Key points\n• One\n• Two\nEnd."


def test_restore_brings_back_the_words_as_a_new_revision(editor_client, article):
    post_change(editor_client, article)
    post_change(editor_client, article, headline="Rewritten")
    first = revisions.versions_of(article).last()
    editor_client.post(RESTORE_URL.format(article.pk, first.pk), {"base_version": 3})
    article.refresh_from_db()
    assert (article.headline, revisions.versions_of(article).count()) == (
        "Old headline",
        3,
    )


def test_restore_never_publishes(editor_client, article):
    post_change(editor_client, article)  # a published revision
    post_change(editor_client, article, status=Article.Status.DRAFT)
    published = revisions.versions_of(article).last()
    editor_client.post(RESTORE_URL.format(article.pk, published.pk))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_restore_brings_back_a_removed_byline(editor_client, article):
    first_author = article.bylines.get().author
    post_change(editor_client, article)
    post_change(editor_client, article, **{"bylines-0-author": make_author().pk})
    editor_client.post(
        RESTORE_URL.format(article.pk, revisions.versions_of(article).last().pk)
    )
    assert list(article.authors.all()) == [first_author]


def test_reporter_cannot_restore_a_published_article(client, editor_client, article):
    post_change(editor_client, article)
    version = revisions.versions_of(article).first()
    client.force_login(make_user(role="Reporter"))
    response = client.post(RESTORE_URL.format(article.pk, version.pk))
    assert response.status_code == 403


def test_readers_cannot_see_revisions(client, editor_client, article):
    post_change(editor_client, article)
    client.logout()
    response = client.get(REVISIONS_URL.format(article.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_change_form_links_to_revisions(editor_client, article):
    response = editor_client.get(CHANGE_URL.format(article.pk))
    assert REVISIONS_URL.format(article.pk) in response.content.decode()


def test_restore_page_shows_what_would_change(editor_client, article):
    post_change(editor_client, article)
    post_change(editor_client, article, headline="Rewritten")
    first = revisions.versions_of(article).last()
    response = editor_client.get(RESTORE_URL.format(article.pk, first.pk))
    assert "<del>Rewritten</del><ins>Old headline</ins>" in response.content.decode()


def test_opening_an_article_saved_before_revisions_keeps_a_baseline(
    editor_client, article
):
    editor_client.get(CHANGE_URL.format(article.pk))
    editor_client.get(CHANGE_URL.format(article.pk))
    assert [v.field_dict["headline"] for v in revisions.versions_of(article)] == [
        "Old headline"
    ]


def test_line_breaks_inside_a_paragraph_are_not_a_change():
    assert revisions.html_to_text("<p>One\n    two</p>") == "One two"


def test_diff_shortens_long_unchanged_runs():
    old = "\n".join(f"Paragraph {n}." for n in range(10))
    new = old.replace("Paragraph 9.", "Paragraph nine.")
    html = revisions.diff({"body": old}, {"body": new})[0].html
    assert html.count("Paragraph") == 3 and "…" in html


def test_list_items_read_the_same_with_or_without_paragraphs():
    assert revisions.html_to_text("<ul><li><p>One</p></li></ul>") == (
        revisions.html_to_text("<ul><li>\n  One\n</li></ul>")
    )
