import re

import pytest

from django.urls import reverse

from comments.models import Comment
from tests.comments.factories import make_comment
from tests.conftest import aged_token


def post(client, article, data):
    return client.post(reverse("comments:post", args=[article.pk]), data)


def test_comments_show_oldest_first(client, published_article):
    from datetime import timedelta

    from django.utils import timezone

    make_comment(
        published_article,
        body="Second",
        created_at=timezone.now() - timedelta(minutes=5),
    )
    make_comment(
        published_article, body="First", created_at=timezone.now() - timedelta(hours=2)
    )
    html = client.get(published_article.get_absolute_url()).text
    assert html.index("First") < html.index("Second")


def test_reply_is_nested_under_its_parent(
    client, published_article, comment_data, settings
):
    settings.COMMENT_AUTO_APPROVE = "always"
    parent = make_comment(published_article, body="Parent words")
    post(client, published_article, comment_data(body="Child words", parent=parent.pk))
    html = client.get(published_article.get_absolute_url()).text
    block = html.split(f'id="comment-{parent.pk}"', 1)[1]
    assert '<ol class="comment-replies">' in block and "Child words" in block


def test_reply_link_opens_the_form_for_that_comment(client, published_article):
    parent = make_comment(published_article, author_name="Ada")
    html = client.get(
        f"{published_article.get_absolute_url()}?replyto={parent.pk}"
    ).text
    assert "Reply to Ada" in html and f'name="parent" value="{parent.pk}"' in html


@pytest.mark.parametrize("max_depth", [2, 3])
def test_replies_stop_nesting_at_the_configured_depth(
    client, published_article, comment_data, settings, max_depth
):
    settings.COMMENT_MAX_DEPTH = max_depth
    settings.COMMENT_AUTO_APPROVE = "always"
    settings.COMMENT_FLOOD_SECONDS = 0
    parent = make_comment(published_article)
    for n in range(4):
        post(client, published_article, comment_data(body=f"Level {n}", parent=parent.pk,
                                                     token=aged_token(nonce=f"{n:016d}")))  # fmt: skip
        parent = Comment.objects.get(body=f"Level {n}")
    assert max(Comment.objects.values_list("depth", flat=True)) == max_depth - 1


def test_reply_to_a_held_comment_is_refused(client, published_article, comment_data):
    held = make_comment(published_article, status=Comment.Status.PENDING)
    response = post(client, published_article, comment_data(parent=held.pk))
    assert response.status_code == 400 and Comment.objects.count() == 1


def test_top_level_threads_are_paginated(client, published_article, settings):
    settings.COMMENT_THREADS_PER_PAGE = 3
    for n in range(7):
        make_comment(published_article, body=f"Comment number {n}")
    page3 = client.get(f"{published_article.get_absolute_url()}?cpage=3").text
    assert re.findall(r"Comment number (\d)", page3) == ["6"]


def test_replies_stay_with_their_thread_across_pages(
    client, published_article, settings
):
    settings.COMMENT_THREADS_PER_PAGE = 1
    first = make_comment(published_article, body="Root one")
    make_comment(published_article, body="Root two")
    make_comment(published_article, body="Reply to one", parent=first)
    page1 = client.get(published_article.get_absolute_url()).text
    assert "Reply to one" in page1 and "Root two" not in page1


def test_spam_and_trash_never_show(client, published_article):
    make_comment(published_article, body="Spammy", status=Comment.Status.SPAM)
    make_comment(published_article, body="Trashed", status=Comment.Status.TRASH)
    html = client.get(published_article.get_absolute_url()).text
    assert "Spammy" not in html and "Trashed" not in html


def test_name_links_to_website_with_rel(client, published_article):
    make_comment(
        published_article, author_name="Ada", author_url="https://ada.example/"
    )
    html = client.get(published_article.get_absolute_url()).text
    assert '<a href="https://ada.example/" rel="nofollow ugc noopener">Ada</a>' in html


def test_bare_urls_in_text_become_links(client, published_article):
    make_comment(published_article, body="See https://example.org/report for more")
    html = client.get(published_article.get_absolute_url()).text
    assert '<a href="https://example.org/report" rel="nofollow ugc noopener">' in html


def test_line_breaks_are_kept(client, published_article):
    make_comment(published_article, body="Line one\nLine two\n\nNew paragraph")
    html = client.get(published_article.get_absolute_url()).text
    assert "<p>Line one<br>Line two</p><p>New paragraph</p>" in html


def test_emails_and_bare_domains_are_not_linked(client, published_article):
    make_comment(published_article, body="Mail me at a@b.example or visit spam.example")
    html = client.get(published_article.get_absolute_url()).text
    body = html.split('class="comment__body"', 1)[1].split("</div>", 1)[0]
    assert "<a" not in body


def test_after_posting_the_reader_lands_on_the_right_comment_page(
    client, published_article, comment_data, settings
):
    settings.COMMENT_THREADS_PER_PAGE = 2
    for n in range(4):
        make_comment(published_article, body=f"Older {n}")
    response = post(client, published_article, comment_data(body="Newest"))
    comment = Comment.objects.get(body="Newest")
    assert (
        response["Location"]
        == f"{published_article.get_absolute_url()}?cpage=3#comment-{comment.pk}"
    )
