"""The copy desk in the article admin: findings, refusals, overrides, the list."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.copydesk.engine import run_checks
from articles.copydesk.models import CopyFinding, CopyOverride
from articles.copydesk.services import override_finding, record_findings
from articles.models import Article
from tests.articles.test_editorial_admin import article_form
from tests.factories import make_article, make_user

SLIP = "<p>The talks have concluded in , with both sides.</p>"
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def editor(db):
    return make_user(role="Editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reporter_client(client, db):
    client.force_login(make_user(role="Reporter"))
    return client


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def form_for(article, author, **overrides):
    data = article_form(
        article.section,
        author,
        headline=article.headline,
        slug=article.slug,
        body=article.body,
        standfirst=article.standfirst,
    )
    byline = article.bylines.get()
    data |= {
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": byline.pk,
        "bylines-0-article": article.pk,
        "bylines-0-author": byline.author_id,
    }
    return data | overrides


@pytest.fixture
def draft(db):
    return make_article(status=Article.Status.DRAFT, published_at=None, body=SLIP)


def test_saving_in_admin_stores_the_findings(editor_client, section, author):
    editor_client.post(
        "/admin/articles/article/add/", article_form(section, author, body=SLIP)
    )
    assert list(CopyFinding.objects.values_list("rule", flat=True)) == [
        "hole",
        "missing_lead_image",
    ]


def test_change_form_lists_findings_above_the_form(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()
    assert page.index('id="copydesk"') < page.index('name="headline"')


def test_finding_shows_the_marked_excerpt(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert b"concluded <mark>in ,</mark> with" in response.content


def test_finding_links_to_its_field(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert b'href="#id_body"' in response.content


def test_publishing_from_the_form_is_refused(editor_client, draft, author):
    data = form_for(draft, author, status=Article.Status.PUBLISHED)
    response = editor_client.post(change_url(draft), data)
    assert b"copy error" in response.content
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_scheduling_from_the_form_is_refused(editor_client, draft, author):
    data = form_for(
        draft,
        author,
        status=Article.Status.PUBLISHED,
        published_at_0="2099-01-01",
        published_at_1="09:00",
    )
    editor_client.post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_editor_overrides_with_a_reason_and_publishes(editor_client, draft, author):
    fingerprint = run_checks(draft)[0].fingerprint
    data = form_for(draft, author, status=Article.Status.PUBLISHED) | {
        f"copydesk-override-{fingerprint}": "Quoted from the communiqué as sent"
    }
    editor_client.post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_override_from_the_form_records_the_editor(
    editor_client, editor, draft, author
):
    fingerprint = run_checks(draft)[0].fingerprint
    data = form_for(draft, author) | {f"copydesk-override-{fingerprint}": "As sent"}
    editor_client.post(change_url(draft), data)
    assert CopyOverride.objects.get().user == editor


def test_override_is_shown_with_who_and_why(editor_client, editor, draft):
    finding = run_checks(draft)[0]
    override_finding(article=draft, finding=finding, reason="As sent", user=editor)
    response = editor_client.get(change_url(draft))
    assert f"Overridden by {editor.username} on".encode() in response.content


def test_reporter_sees_findings_but_no_override_field(reporter_client, draft):
    response = reporter_client.get(change_url(draft))
    assert b"<mark>in ,</mark>" in response.content
    assert b"copydesk-override-" not in response.content


def test_reporter_cannot_override_by_posting(reporter_client, draft, author):
    fingerprint = run_checks(draft)[0].fingerprint
    data = form_for(draft, author) | {f"copydesk-override-{fingerprint}": "Mine"}
    reporter_client.post(change_url(draft), data)
    assert not CopyOverride.objects.exists()


def test_bulk_publish_refuses_an_article_with_errors(editor_client, draft):
    response = editor_client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert b"copy error" in response.content
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_bulk_publish_goes_ahead_after_an_override(editor_client, editor, draft):
    finding = run_checks(draft)[0]
    override_finding(article=draft, finding=finding, reason="As sent", user=editor)
    editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_list_shows_a_count_per_article(editor_client, draft):
    record_findings(article=draft)
    response = editor_client.get(CHANGELIST)
    assert b"<strong>1 error, 1 warning</strong>" in response.content


def test_list_filters_articles_with_copy_errors(editor_client, draft):
    record_findings(article=draft)
    clean = make_article(headline="All clean here")
    record_findings(article=clean)
    response = editor_client.get(CHANGELIST, {"copy_errors": "yes"})
    assert list(response.context["cl"].result_list) == [draft]


def test_list_filters_articles_without_copy_errors(editor_client, draft):
    record_findings(article=draft)
    clean = make_article(headline="All clean here")
    response = editor_client.get(CHANGELIST, {"copy_errors": "no"})
    assert list(response.context["cl"].result_list) == [clean]


def test_overridden_error_is_not_counted(editor_client, editor, draft):
    finding = run_checks(draft)[0]
    override_finding(article=draft, finding=finding, reason="As sent", user=editor)
    record_findings(article=draft)
    response = editor_client.get(CHANGELIST, {"copy_errors": "yes"})
    assert list(response.context["cl"].result_list) == []


def test_list_query_count_is_flat(editor_client, draft):
    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            editor_client.get(CHANGELIST)
        return len(queries)

    record_findings(article=draft)
    editor_client.get(CHANGELIST)  # the session and permissions, once
    few = queries_for_list()
    for _ in range(10):
        record_findings(article=make_article(body=SLIP))
    assert queries_for_list() == few


def test_editor_deletes_an_article_whose_error_was_overridden(
    editor_client, editor, draft
):
    # Overrides are never deleted by hand, but go with their article.
    finding = run_checks(draft)[0]
    override_finding(article=draft, finding=finding, reason="As sent", user=editor)
    editor_client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_no_one_deletes_an_override_in_admin(admin_client, editor, draft):
    finding = run_checks(draft)[0]
    override = override_finding(
        article=draft, finding=finding, reason="As sent", user=editor
    )
    response = admin_client.get(f"/admin/copydesk/copyoverride/{override.pk}/delete/")
    assert response.status_code == 403
