from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.conftest import aged_token
from tests.factories import make_article


def an_hour_ago():
    return timezone.now() - timedelta(hours=1)


def post(client, article, data, **extra):
    return client.post(reverse("comments:post", args=[article.pk]), data, **extra)


def test_first_comment_is_held_for_moderation(client, published_article, comment_data):
    post(client, published_article, comment_data())
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_post_redirects_to_the_comment(client, published_article, comment_data):
    response = post(client, published_article, comment_data())
    comment = Comment.objects.get()
    assert (
        response["Location"]
        == f"{published_article.get_absolute_url()}#comment-{comment.pk}"
    )


def test_held_comment_message_says_awaiting_moderation(
    client, published_article, comment_data
):
    response = post(client, published_article, comment_data(), follow=True)
    assert "awaiting moderation" in response.text


def test_commenter_sees_own_held_comment(client, published_article, comment_data):
    post(client, published_article, comment_data(body="My held words"))
    html = client.get(published_article.get_absolute_url()).text
    assert "My held words" in html and "Awaiting moderation" in html


def test_others_do_not_see_a_held_comment(client, published_article, comment_data):
    post(client, published_article, comment_data(body="My held words"))
    client.cookies.clear()
    assert "My held words" not in client.get(published_article.get_absolute_url()).text


def test_known_commenter_is_approved_at_once(client, published_article, comment_data):
    Comment.objects.create(article=published_article, author_name="Reader One", author_email="reader@example.com",
                           body="Earlier", status=Comment.Status.APPROVED, created_at=an_hour_ago())  # fmt: skip
    post(client, published_article, comment_data(body="Second time"))
    assert Comment.objects.get(body="Second time").status == Comment.Status.APPROVED


def test_approved_comment_is_visible_to_everyone(
    client, published_article, comment_data
):
    Comment.objects.create(article=published_article, author_name="Reader One", author_email="reader@example.com",
                           body="Earlier", status=Comment.Status.APPROVED, created_at=an_hour_ago())  # fmt: skip
    post(client, published_article, comment_data(body="Visible words"))
    client.cookies.clear()
    assert "Visible words" in client.get(published_article.get_absolute_url()).text


def test_form_error_keeps_the_typed_comment(client, published_article, comment_data):
    response = post(
        client,
        published_article,
        comment_data(author_email="not-an-email", body="Keep me"),
        follow=True,
    )
    assert response.redirect_chain[0][1] == 303 and "Keep me" in response.text


def test_form_error_is_shown_beside_its_field(client, published_article, comment_data):
    response = post(
        client, published_article, comment_data(author_email="nope"), follow=True
    )
    assert (
        'id="error_1_id_author_email"' in response.text
        or "invalid-feedback" in response.text
    )


def test_website_must_be_http_or_https(client, published_article, comment_data):
    post(client, published_article, comment_data(author_url="javascript:alert(1)"))
    assert not Comment.objects.exists()


def test_expired_form_is_shown_again_with_the_text(
    client, published_article, comment_data
):
    data = comment_data(token=aged_token(seconds_ago=3 * 24 * 3600), body="Old words")
    response = post(client, published_article, data, follow=True)
    assert (
        response.redirect_chain[0][1],
        "Old words" in response.text,
        Comment.objects.count(),
    ) == (303, True, 0)


def test_expired_form_gets_a_fresh_token(client, published_article, comment_data):
    old = aged_token(seconds_ago=3 * 24 * 3600)
    response = post(client, published_article, comment_data(token=old), follow=True)
    assert old not in response.text and 'name="token"' in response.text


def test_duplicate_comment_is_refused_with_a_message(
    client, published_article, comment_data
):
    post(
        client,
        published_article,
        comment_data(token=aged_token(nonce="1111111111111111")),
    )
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    response = post(
        client,
        published_article,
        comment_data(token=aged_token(nonce="2222222222222222")),
    )
    assert (
        "already posted this comment" in response.text and Comment.objects.count() == 1
    )


def test_double_submit_stores_one_comment(client, published_article, comment_data):
    data = comment_data()
    first = post(client, published_article, data)
    second = post(client, published_article, data)
    assert Comment.objects.count() == 1 and first["Location"] == second["Location"]


def test_flood_from_same_email_is_refused(client, published_article, comment_data):
    post(client, published_article, comment_data(body="One"))
    response = post(
        client,
        published_article,
        comment_data(body="Two", token=aged_token(nonce="ffffffffffffffff")),
    )
    assert "too quickly" in response.text and Comment.objects.count() == 1


def test_flood_from_same_ip_is_refused(client, published_article, comment_data):
    post(client, published_article, comment_data(body="One"))
    data = comment_data(
        body="Two",
        author_email="other@example.com",
        token=aged_token(nonce="eeeeeeeeeeeeeeee"),
    )
    assert "too quickly" in post(client, published_article, data).text


def test_comment_on_draft_is_refused(client, db, comment_data):
    article = make_article(status=Article.Status.DRAFT)
    assert post(client, article, comment_data()).status_code == 404


def test_comment_on_closed_article_is_refused(client, db, comment_data):
    article = make_article(comments_enabled=False)
    response = post(client, article, comment_data())
    assert (response.status_code, Comment.objects.count()) == (400, 0)


def test_closed_article_shows_no_form(client, db):
    article = make_article(comments_enabled=False)
    html = client.get(article.get_absolute_url()).text
    assert "Comments are closed" in html and 'id="comment-form"' not in html


def test_comments_close_after_the_site_default(client, db, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 7
    article = make_article(published_at=timezone.now() - timedelta(days=8))
    assert "Comments are closed" in client.get(article.get_absolute_url()).text


def test_article_override_keeps_comments_open_longer(client, db, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 7
    article = make_article(
        published_at=timezone.now() - timedelta(days=8), comments_close_after_days=30
    )
    assert 'id="comment-form"' in client.get(article.get_absolute_url()).text


def test_site_switch_closes_all_comments(client, published_article, settings):
    settings.COMMENTS_ENABLED = False
    assert (
        "Comments are closed" in client.get(published_article.get_absolute_url()).text
    )


def test_page_shows_leave_a_comment_and_spam_notice(client, published_article):
    html = client.get(published_article.get_absolute_url()).text
    assert "Leave a Comment" in html and 'href="/pages/privacy/"' in html


def test_akismet_notice_when_akismet_is_on(client, published_article, settings):
    settings.COMMENT_SPAM_CHECKERS = ["comments.akismet.AkismetChecker"]
    settings.AKISMET_API_KEY = "key"
    html = client.get(published_article.get_absolute_url()).text
    assert "This site uses Akismet to reduce spam." in html


def test_remember_me_sets_a_cookie_only_when_ticked(
    client, published_article, comment_data
):
    post(client, published_article, comment_data())
    assert "commenter" not in client.cookies


def test_remember_me_prefills_the_form(client, published_article, comment_data):
    post(client, published_article, comment_data(remember="on"))
    html = client.get(published_article.get_absolute_url()).text
    assert 'value="Reader One"' in html and 'value="reader@example.com"' in html


def test_email_is_never_shown(client, published_article):
    Comment.objects.create(article=published_article, author_name="R", author_email="secret@example.com",
                           body="Hi", status=Comment.Status.APPROVED, created_at=an_hour_ago())  # fmt: skip
    assert (
        "secret@example.com"
        not in client.get(published_article.get_absolute_url()).text
    )


def test_comment_count_shows_on_article_and_listing(
    client, published_article, comment_data
):
    Comment.objects.create(article=published_article, author_name="Reader One", author_email="reader@example.com",
                           body="Earlier", status=Comment.Status.APPROVED, created_at=an_hour_ago())  # fmt: skip
    post(client, published_article, comment_data(body="Second"))
    html = client.get(published_article.section.get_absolute_url()).text
    assert "2 comments" in html


def test_cross_site_post_is_refused_with_the_text_kept(
    client, published_article, comment_data
):
    response = post(client, published_article, comment_data(body="Kept after refusal"),
                    HTTP_ORIGIN="https://evil.example")  # fmt: skip
    assert (response.status_code, "Kept after refusal" in response.text) == (403, True)
    assert not Comment.objects.exists()


def test_cross_site_referer_is_refused(client, published_article, comment_data):
    response = post(
        client, published_article, comment_data(), HTTP_REFERER="https://evil.example/x"
    )
    assert response.status_code == 403 and not Comment.objects.exists()


def test_same_site_origin_is_accepted(client, published_article, comment_data):
    response = post(
        client, published_article, comment_data(), HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302


def test_https_post_without_origin_or_referer_is_refused(
    client, published_article, comment_data
):
    response = post(client, published_article, comment_data(), secure=True)
    assert response.status_code == 403


def test_article_page_carries_no_csrf_cookie(client, published_article):
    response = client.get(published_article.get_absolute_url())
    assert not response.cookies and 'name="csrfmiddlewaretoken"' not in response.text


def test_a_borrowed_email_alone_is_not_approved(
    client, published_article, comment_data
):
    Comment.objects.create(article=published_article, author_name="Reader One", author_email="reader@example.com",
                           body="Earlier", status=Comment.Status.APPROVED, created_at=an_hour_ago())  # fmt: skip
    post(client, published_article, comment_data(author_name="Impostor", body="Sneaky"))
    assert Comment.objects.get(body="Sneaky").status == Comment.Status.PENDING


def test_a_staff_reply_never_approves_its_address(
    client, published_article, comment_data
):
    Comment.objects.create(article=published_article, author_name="Reader One", author_email="reader@example.com",
                           body="Staff", status=Comment.Status.APPROVED, is_staff_reply=True,
                           created_at=an_hour_ago())  # fmt: skip
    post(client, published_article, comment_data(body="Posing as staff"))
    assert Comment.objects.get(body="Posing as staff").status == Comment.Status.PENDING


def test_email_is_stored_lower_case(client, published_article, comment_data):
    post(client, published_article, comment_data(author_email="Reader@Example.COM"))
    assert Comment.objects.get().author_email == "reader@example.com"


@pytest.mark.parametrize("value", ["²", "1e3", "-1", "99999999999999999999999"])
def test_odd_reply_ids_are_harmless(client, published_article, value):
    assert (
        client.get(
            f"{published_article.get_absolute_url()}?replyto={value}"
        ).status_code
        == 200
    )


@pytest.mark.parametrize("value", ["²", "abc", "99999999999999999999999"])
def test_odd_parent_ids_are_refused_cleanly(
    client, published_article, comment_data, value
):
    response = post(client, published_article, comment_data(parent=value))
    assert response.status_code == 303 and not Comment.objects.exists()


def test_reply_to_a_missing_comment_is_refused(client, published_article, comment_data):
    response = post(client, published_article, comment_data(parent=424242))
    assert response.status_code == 400 and not Comment.objects.exists()


def test_null_origin_is_refused(client, published_article, comment_data):
    assert (
        post(client, published_article, comment_data(), HTTP_ORIGIN="null").status_code
        == 403
    )


def test_cross_site_fetch_metadata_is_refused(client, published_article, comment_data):
    response = post(
        client, published_article, comment_data(), HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403


def test_commenter_cookies_are_limited_to_article_pages(
    client, published_article, comment_data
):
    response = post(client, published_article, comment_data(remember="on"))
    assert {response.cookies[c]["path"] for c in ("own_comments", "commenter")} == {
        "/news/"
    }
