from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_author, make_user

INDEX = "/admin/"
CALENDAR = "/admin/articles/articlecalendar/"


def desk_blocks(client):
    return {block.key: block for block in client.get(INDEX).context["blocks"]}


def headlines(block):
    return [a.headline for a in block.items]


@pytest.fixture
def editor(db):
    return make_user(role="Editor")


@pytest.fixture
def reporter(db):
    user = make_user(role="Reporter")
    make_author(name="Rita Reporter", user=user)
    return user


def later(**kwargs):
    return timezone.now() + timedelta(**kwargs)


# The desk, by role


def test_editor_sees_every_article_waiting_for_review(client, editor):
    make_article(headline="Bridge story", status=Article.Status.REVIEW)
    client.force_login(editor)
    assert headlines(desk_blocks(client)["review"]) == ["Bridge story"]


def test_reporter_sees_only_their_own_articles_in_review(client, reporter):
    make_article(
        headline="Mine",
        status=Article.Status.REVIEW,
        authors=[reporter.author_profile],
    )
    make_article(headline="A colleague's", status=Article.Status.REVIEW)
    client.force_login(reporter)
    assert headlines(desk_blocks(client)["review"]) == ["Mine"]


def test_my_drafts_are_the_drafts_under_my_byline(client, reporter):
    make_article(
        headline="My draft",
        status=Article.Status.DRAFT,
        authors=[reporter.author_profile],
    )
    make_article(headline="Other draft", status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert headlines(desk_blocks(client)["drafts"]) == ["My draft"]


def test_scheduled_block_covers_the_next_seven_days(client, editor):
    make_article(headline="Tomorrow", published_at=later(days=1))
    make_article(headline="Next month", published_at=later(days=30))
    client.force_login(editor)
    assert headlines(desk_blocks(client)["scheduled"]) == ["Tomorrow"]


def test_scheduled_block_shows_time_and_section(client, editor):
    article = make_article(headline="Tomorrow", published_at=later(days=1))
    client.force_login(editor)
    html = client.get(INDEX).text
    local = timezone.localtime(article.published_at)
    assert f"{local:%H:%M}" in html and article.section.name in html


def test_published_today_block(client, editor):
    make_article(headline="Fresh", published_at=timezone.now() - timedelta(minutes=1))
    make_article(headline="Old", published_at=timezone.now() - timedelta(days=3))
    client.force_login(editor)
    assert "Fresh" in headlines(desk_blocks(client)["published"])


def test_review_block_links_to_the_filtered_list(client, editor):
    client.force_login(editor)
    assert desk_blocks(client)["review"].url.endswith("?status__exact=review")


def test_moderator_sees_the_comment_queue_and_no_article_blocks(client, db):
    article = make_article()
    make_comment(article, status=Comment.Status.PENDING)
    client.force_login(make_user(role="Moderator"))
    response = client.get(INDEX)
    assert response.context["blocks"] == [] and "awaiting moderation" in response.text


def test_reporter_is_not_shown_copy_errors_block(client, reporter):
    client.force_login(reporter)
    assert "copy" not in desk_blocks(client)


# The "In review" count


def test_in_review_count_is_in_the_admin_navigation(client, editor):
    for _ in range(2):
        make_article(status=Article.Status.REVIEW)
    client.force_login(editor)
    html = client.get("/admin/articles/tag/").text
    assert 'In review <span class="desk-nav__count">2</span>' in html


def test_moderator_has_no_in_review_link(client, db):
    client.force_login(make_user(role="Moderator"))
    assert "nav-in-review" not in client.get(INDEX).text


# The calendar


def test_calendar_lists_a_scheduled_article_on_its_day(client, editor):
    when = later(days=2)
    make_article(headline="Budget preview", published_at=when)
    client.force_login(editor)
    day = timezone.localtime(when).date()
    response = client.get(CALENDAR, {"day": day.isoformat()})
    assert [a.headline for a in response.context["days"][0].articles] == [
        "Budget preview"
    ]


def test_calendar_week_has_seven_days_from_monday(client, editor):
    client.force_login(editor)
    days = client.get(CALENDAR, {"week": "2026-12-03"}).context["days"]
    assert [d.day.isoformat() for d in (days[0], days[-1])] == [
        "2026-11-30",
        "2026-12-06",
    ]


def test_calendar_leaves_out_drafts(client, editor):
    make_article(
        headline="Draft", status=Article.Status.DRAFT, published_at=later(days=1)
    )
    client.force_login(editor)
    response = client.get(CALENDAR, {"day": timezone.localtime(later(days=1)).date()})
    assert response.context["days"][0].articles == []


def test_moderator_cannot_open_the_calendar(client, db):
    client.force_login(make_user(role="Moderator"))
    assert client.get(CALENDAR).status_code == 403


def reschedule(client, article, when):
    return client.post(
        f"{CALENDAR}{article.pk}/reschedule/",
        {"published_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")},
    )


def test_editor_reschedules_from_the_calendar(client, editor):
    article = make_article(published_at=later(days=1))
    client.force_login(editor)
    new_time = later(days=3).replace(second=0, microsecond=0)
    reschedule(client, article, new_time)
    article.refresh_from_db()
    assert article.published_at == new_time


def test_rescheduling_into_the_past_is_refused(client, editor):
    article = make_article(published_at=later(days=1))
    before = article.published_at
    client.force_login(editor)
    reschedule(client, article, timezone.now() - timedelta(hours=1))
    article.refresh_from_db()
    assert article.published_at == before


def test_a_live_article_is_not_moved_from_the_calendar(client, editor):
    article = make_article(published_at=timezone.now() - timedelta(hours=1))
    before = article.published_at
    client.force_login(editor)
    reschedule(client, article, later(days=1))
    article.refresh_from_db()
    assert article.published_at == before


def test_reporter_cannot_reschedule(client, reporter):
    article = make_article(
        published_at=later(days=1), authors=[reporter.author_profile]
    )
    before = article.published_at
    client.force_login(reporter)
    reschedule(client, article, later(days=2))
    article.refresh_from_db()
    assert article.published_at == before
