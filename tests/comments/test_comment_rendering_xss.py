"""Whatever a reader submits is stored as typed and rendered escaped everywhere."""

import pytest

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_user

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "'';!--\"<XSS>=&{()}",
    '<a href="javascript:alert(1)">x</a>',
    'https://example.org/"onmouseover="alert(1)',
    "<iframe src=//evil.example>",
    "\u202e<b>rtl</b>",
    "😀 <b>emoji</b> 🎉",
]


def unescaped(html: str) -> list[str]:
    markers = ["<script>alert", "<img src=x", "<svg/onload", "<XSS>", "<iframe", "<b>rtl", "<b>emoji",
               'href="javascript:', '"onmouseover="']  # fmt: skip
    return [m for m in markers if m in html]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_name_and_body_is_escaped_on_the_article(
    client, published_article, payload
):
    make_comment(
        published_article, author_name=payload[:80], body=f"Before {payload} after"
    )
    assert unescaped(client.get(published_article.get_absolute_url()).text) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_stored_as_typed(client, published_article, comment_data, payload):
    client.post(
        reverse("comments:post", args=[published_article.pk]),
        comment_data(body=f"x {payload}"),
    )
    assert Comment.objects.get().body == f"x {payload}".strip()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_escaped_in_the_admin(client, published_article, payload):
    comment = make_comment(published_article, author_name=payload[:80], body=payload,
                           status=Comment.Status.PENDING)  # fmt: skip
    client.force_login(make_user(role="Moderator"))
    changelist = client.get("/admin/comments/comment/").text
    change = client.get(f"/admin/comments/comment/{comment.pk}/change/").text
    assert unescaped(changelist) == [] and unescaped(change.replace("&lt;", "")) == []


def test_payload_in_website_is_rejected(client, published_article, comment_data):
    client.post(reverse("comments:post", args=[published_article.pk]),
                comment_data(author_url="javascript:alert(1)"))  # fmt: skip
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "url", ["data:text/html,<script>", "ftp://x.example", "javascript:x"]
)
def test_only_http_and_https_websites(client, published_article, comment_data, url):
    response = client.post(
        reverse("comments:post", args=[published_article.pk]),
        comment_data(author_url=url),
    )
    # Refused: back to the form (303, comments.drafts), nothing stored.
    assert (response.status_code, Comment.objects.exists()) == (303, False)


def test_scheme_relative_website_is_stored_as_https(
    client, published_article, comment_data
):
    client.post(
        reverse("comments:post", args=[published_article.pk]),
        comment_data(author_url="//ann.example"),
    )
    assert Comment.objects.get().author_url == "https://ann.example"


def test_nul_byte_is_rejected(client, published_article, comment_data):
    response = client.post(
        reverse("comments:post", args=[published_article.pk]),
        comment_data(body="a\x00b"),
    )
    assert response.status_code == 303 and not Comment.objects.exists()


def test_too_long_comment_is_rejected_with_text_kept(
    client, published_article, comment_data
):
    body = "word " * 1200
    response = client.post(
        reverse("comments:post", args=[published_article.pk]),
        comment_data(body=body),
        follow=True,
    )
    assert response.redirect_chain[0][1] == 303 and "word word" in response.text


def test_header_injection_in_name_does_not_reach_mail_headers(
    client, published_article, comment_data, settings
):
    settings.COMMENT_MODERATOR_EMAILS = ["desk@example.com"]
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("comments:post", args=[published_article.pk]),
                    comment_data(author_name="x\r\nBcc: victim@example.com", body="<script>alert(1)</script>"))  # fmt: skip
    (message,) = mail.outbox
    assert message.bcc == [] and "victim" not in str(message.message()["Bcc"] or "")
    assert message.to == ["desk@example.com"]


@pytest.mark.parametrize(
    "text",
    [
        *(p for p in PAYLOADS if "://" not in p),
        "Plain words, some 'quotes' & \"double\" ones.\n\nA second paragraph.",
        "www.example.org and example.org stay text",
        "tabs\tand  spaces\r\nand CRLF",
        "<<>>&&;; ' \" `",
    ],
)
def test_text_without_links_renders_as_urlize_would(text):
    """linked_text skips urlize when nothing can be a link: the same output."""
    from comments.rendering import _urlize, linked_text

    assert "://" not in text and "@" not in text
    assert linked_text(text) == _urlize(text, autoescape=True)
