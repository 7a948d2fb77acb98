"""Finding 3: a NUL byte anywhere in the path, query or cookies answers 400,
anonymous or staff (PostgreSQL refuses NUL in text: it was a 500); in a form
it is a field error that keeps the reader's text."""

import pytest

from tests.factories import make_user

ANONYMOUS = [
    "/search/?q=%00",
    "/search/?q=a%00b",
    "/pages/%00/",
    "/pages/about%00/",
    "/section/world/?page=%00",
    "/news/world/x%00y/",
    "/?utm_source=%00",
    "/feeds/latest/?q=%00",
    "/admin/login/?next=%00",
]
STAFF = [
    "/admin/articles/article/?status__exact=%00",
    "/admin/articles/article/?q=%00",
    "/admin/articles/article/?section__id__exact=%00",
    "/admin/comments/comment/?status__exact=%00",
    "/admin/comments/comment/?q=a%00b",
    "/admin/flatpages/flatpage/?q=%00",
    "/admin/auth/user/?q=%00",
    "/admin/articles/image/?q=%00",
    "/admin/articles/article/%00/change/",
]


@pytest.mark.parametrize("url", ANONYMOUS)
def test_nul_byte_answers_400_to_readers(client, db, url):
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("url", STAFF)
def test_nul_byte_answers_400_to_staff(admin_client, url):
    assert admin_client.get(url).status_code == 400


def test_nul_byte_in_a_cookie_answers_400(client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/").status_code == 400


def test_nul_byte_in_a_comment_is_a_form_error_that_keeps_the_text(
    client, published_article, comment_data
):
    response = client.post(
        f"/comments/post/{published_article.pk}/",
        comment_data(body="My careful words\x00", author_name="Ann"),
        follow=True,
    )
    # A form error redirects back to the form, which shows the text again.
    assert "Null characters are not allowed" in response.text
    assert "My careful words" in response.text


def test_nul_byte_in_an_admin_form_is_a_field_error(client, db):
    client.force_login(make_user(role="Editor"))
    response = client.post("/admin/articles/tag/add/", {"name": "a\x00b", "slug": "ab"})
    assert "Null characters are not allowed" in response.text
