"""Steps of an article's life by role and state, recorded, on every entry
point; reporters' own articles and bylines; the editors' digest."""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from articles.models import Article, ArticleStep
from tests.factories import make_article, make_author, make_section, make_user

ADD = "/admin/articles/article/add/"
S = Article.Status


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def form_data(article=None, *, section, author, **overrides):
    """What the change form posts (the status field carries the current one)."""
    byline = article.bylines.first() if article else None
    published_at = article.published_at if article else None
    local = timezone.localtime(published_at) if published_at else None
    data = {
        "headline": article.headline if article else "Dam repairs start",
        "slug": article.slug if article else "dam-repairs-start",
        "standfirst": "Work begins on Monday.",
        "body": "<p>Engineers arrive on Monday to start work on the dam.</p>",
        "section": section.pk,
        "dateline": "",
        "status": article.status if article else S.DRAFT,
        "published_at_0": f"{local:%Y-%m-%d}" if local else "",
        "published_at_1": f"{local:%H:%M:%S}" if local else "",
        "comments_enabled": "on",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "1" if byline else "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-order": "0",
    }
    if byline:
        data |= {"bylines-0-id": byline.pk, "bylines-0-article": article.pk}
    return data | overrides


@pytest.fixture
def section(db):
    return make_section(name="Local", slug="local")


@pytest.fixture
def reporter(db):
    user = make_user(role="Reporter")
    make_author(name="Rita Reporter", user=user)
    return user


@pytest.fixture
def editor(db):
    return make_user(role="Editor")


def draft_by(author, section, status=S.DRAFT, **overrides):
    return make_article(
        authors=[author], section=section, status=status, published_at=None, **overrides
    )


def take_step(client, article, step, *, section, author, **overrides):
    data = form_data(article, section=section, author=author, _step=step, **overrides)
    return client.post(change_url(article), data)


# Reporter × step


def test_reporter_submits_their_own_draft(client, reporter, section):
    own = reporter.author_profile
    article = draft_by(own, section)
    client.force_login(reporter)
    take_step(client, article, "submit", section=section, author=own)
    article.refresh_from_db()
    assert article.status == S.REVIEW


def test_reporter_submits_a_new_article(client, reporter, section):
    client.force_login(reporter)
    client.post(
        ADD, form_data(section=section, author=reporter.author_profile, _step="submit")
    )
    assert Article.objects.get().status == S.REVIEW


@pytest.mark.parametrize("step", ["publish", "schedule", "unpublish", "return"])
def test_reporter_cannot_take_an_editors_step(client, reporter, section, step):
    own = reporter.author_profile
    article = draft_by(own, section, status=S.REVIEW)
    client.force_login(reporter)
    take_step(
        client,
        article,
        step,
        section=section,
        author=own,
        _step_note="fine",
        published_at_0=f"{timezone.now() + timedelta(days=1):%Y-%m-%d}",
        published_at_1="09:00:00",
    )
    article.refresh_from_db()
    assert article.status == S.REVIEW


def test_reporter_cannot_submit_a_colleagues_draft(client, reporter, section):
    colleague = make_author(name="Colin Colleague")
    article = draft_by(colleague, section)
    client.force_login(reporter)
    response = take_step(client, article, "submit", section=section, author=colleague)
    article.refresh_from_db()
    assert (response.status_code, article.status) == (403, S.DRAFT)


def test_reporter_opens_a_colleagues_draft_read_only(client, reporter, section):
    article = draft_by(make_author(name="Colin Colleague"), section)
    client.force_login(reporter)
    response = client.get(change_url(article))
    assert response.status_code == 200 and not response.context["has_change_permission"]


def test_reporter_sees_only_save_and_submit_buttons(client, reporter, section):
    own = reporter.author_profile
    article = draft_by(own, section)
    client.force_login(reporter)
    steps = client.get(change_url(article)).context["workflow_steps"]
    assert [s.label for s in steps] == ["Save draft", "Submit for review"]


# Editor × step


def test_editor_publishes_an_article_in_review(client, editor, section):
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    client.force_login(editor)
    take_step(client, article, "publish", section=section, author=author)
    article.refresh_from_db()
    assert article.is_live


def test_editor_schedules_with_a_future_time(client, editor, section):
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    when = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(when)
    client.force_login(editor)
    take_step(
        client,
        article,
        "schedule",
        section=section,
        author=author,
        published_at_0=f"{local:%Y-%m-%d}",
        published_at_1=f"{local:%H:%M:%S}",
    )
    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == when


def test_schedule_without_a_future_time_is_refused(client, editor, section):
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    client.force_login(editor)
    response = take_step(client, article, "schedule", section=section, author=author)
    article.refresh_from_db()
    assert article.status == S.REVIEW and "in the future" in response.text


def test_editor_returns_an_article_with_a_note(client, editor, section):
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    client.force_login(editor)
    take_step(
        client, article, "return", section=section, author=author,
        _step_note="Check the mayor's quote.",
    )  # fmt: skip
    article.refresh_from_db()
    step = article.steps.get()
    assert (article.status, step.kind, step.note, step.user) == (
        S.DRAFT,
        ArticleStep.Kind.RETURN,
        "Check the mayor's quote.",
        editor,
    )


def test_returning_without_a_note_is_refused(client, editor, section):
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    client.force_login(editor)
    take_step(client, article, "return", section=section, author=author)
    article.refresh_from_db()
    assert article.status == S.REVIEW


def test_editor_unpublishes(client, editor, section):
    author = make_author()
    article = make_article(authors=[author], section=section)
    client.force_login(editor)
    take_step(client, article, "unpublish", section=section, author=author)
    article.refresh_from_db()
    assert article.status == S.UNPUBLISHED


def test_return_is_not_offered_on_a_draft(client, editor, section):
    article = draft_by(make_author(), section)
    client.force_login(editor)
    steps = client.get(change_url(article)).context["workflow_steps"]
    assert "return" not in [s.name for s in steps]


def test_moderator_cannot_open_articles(client, section):
    article = draft_by(make_author(), section)
    client.force_login(make_user(role="Moderator"))
    assert client.get(change_url(article)).status_code == 403


# Recorded steps, every entry point


def test_the_steps_show_on_the_article(client, editor, section):
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    client.force_login(editor)
    take_step(
        client, article, "return", section=section, author=author,
        _step_note="Needs a second source.",
    )  # fmt: skip
    html = client.get(change_url(article)).text
    assert "Returned to the reporter" in html and "Needs a second source." in html


def test_a_plain_status_change_follows_the_same_rules(client, editor, section):
    # No button pressed: review → draft is a return, which needs a note.
    author = make_author()
    article = draft_by(author, section, status=S.REVIEW)
    client.force_login(editor)
    client.post(
        change_url(article),
        form_data(article, section=section, author=author, status=S.DRAFT),
    )
    article.refresh_from_db()
    assert article.status == S.REVIEW


def test_bulk_publish_is_recorded(client, editor, section):
    article = draft_by(make_author(), section, status=S.REVIEW)
    client.force_login(editor)
    client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    assert article.steps.get().kind == ArticleStep.Kind.PUBLISH


# Reporters' own work and bylines


def test_new_article_byline_starts_as_the_reporters_own(client, reporter):
    client.force_login(reporter)
    formset = client.get(ADD).context["inline_admin_formsets"][0].formset
    assert formset.forms[0].initial["author"] == reporter.author_profile.pk


def test_reporter_cannot_put_a_colleague_on_a_byline(client, reporter, section):
    client.force_login(reporter)
    colleague = make_author(name="Colin Colleague")
    client.post(ADD, form_data(section=section, author=colleague, _step="draft"))
    assert not Article.objects.exists()


def test_editor_may_put_anyone_on_a_byline(client, editor, section):
    colleague = make_author(name="Colin Colleague")
    client.force_login(editor)
    client.post(ADD, form_data(section=section, author=colleague))
    assert list(Article.objects.get().authors.all()) == [colleague]


def test_a_name_an_editor_added_stays_when_the_reporter_saves(
    client, reporter, section
):
    colleague = make_author(name="Colin Colleague")
    article = draft_by(reporter.author_profile, section)
    article.bylines.create(author=colleague, order=1)
    client.force_login(reporter)
    data = form_data(article, section=section, author=reporter.author_profile)
    second = article.bylines.get(author=colleague)
    data |= {
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "2",
        "bylines-1-id": second.pk,
        "bylines-1-article": article.pk,
        "bylines-1-author": colleague.pk,
        "bylines-1-order": "1",
        "headline": "Dam repairs start on Monday",
    }
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.headline == "Dam repairs start on Monday"


def test_reporters_list_shows_their_own_articles(client, reporter, section):
    mine = draft_by(reporter.author_profile, section)
    draft_by(make_author(name="Colin Colleague"), section)
    client.force_login(reporter)
    response = client.get("/admin/articles/article/")
    assert list(response.context["cl"].result_list) == [mine]


def test_reporter_may_list_everyones(client, reporter, section):
    draft_by(reporter.author_profile, section)
    draft_by(make_author(name="Colin Colleague"), section)
    client.force_login(reporter)
    response = client.get("/admin/articles/article/", {"mine": "no"})
    assert response.context["cl"].result_count == 2


def test_editors_list_shows_everyones(client, editor, section):
    draft_by(make_author(), section)
    draft_by(make_author(), section)
    client.force_login(editor)
    assert client.get("/admin/articles/article/").context["cl"].result_count == 2


# The editors' digest


@pytest.fixture
def digest_to(settings):
    settings.REVIEW_EDITOR_EMAILS = ["editors@news.example"]
    settings.REVIEW_DIGEST_MINUTES = 5


def submit(
    client, reporter, section, headline, slug, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            ADD,
            form_data(
                section=section, author=reporter.author_profile, _step="submit",
                headline=headline, slug=slug,
            ),
        )  # fmt: skip


def test_a_submission_emails_the_editors(
    client, reporter, section, digest_to, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    submit(
        client,
        reporter,
        section,
        "Dam repairs",
        "dam",
        django_capture_on_commit_callbacks,
    )
    assert mail.outbox[0].to == ["editors@news.example"] and (
        "Dam repairs" in mail.outbox[0].body
    )


def test_submissions_within_the_interval_wait_for_one_digest(
    client, reporter, section, digest_to, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    submit(
        client,
        reporter,
        section,
        "Dam repairs",
        "dam",
        django_capture_on_commit_callbacks,
    )
    submit(
        client,
        reporter,
        section,
        "Bridge shut",
        "bridge",
        django_capture_on_commit_callbacks,
    )
    # The second waits for the next digest (a deferred task in production).
    assert len(mail.outbox) == 1


def test_no_digest_without_addresses(
    client, reporter, section, settings, django_capture_on_commit_callbacks
):
    settings.REVIEW_EDITOR_EMAILS = []
    client.force_login(reporter)
    submit(
        client,
        reporter,
        section,
        "Dam repairs",
        "dam",
        django_capture_on_commit_callbacks,
    )
    assert mail.outbox == []
