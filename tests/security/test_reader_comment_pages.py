"""Issue 16's pages with reader text, under the hostile corpus: a poster's
edit and delete pages (they need the poster's cookie, so the module-wide
render in test_hostile_input cannot reach them), a report form answered with
errors, and the moderator's in-place answer (JSON with the row's buttons)."""

import pytest

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from comments import cookies
from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_user

from .corpus import PAYLOADS
from .scan import problems, shape_of


def own_browser(client, comment):
    response = HttpResponse()
    cookies.remember_own_comment(RequestFactory().get("/"), response, comment)
    client.cookies[cookies.OWN_COMMENTS] = response.cookies[cookies.OWN_COMMENTS].value
    return client


def fresh(article, **fields) -> Comment:
    return make_comment(article, status=Comment.Status.APPROVED,
                        created_at=Comment._meta.get_field("created_at").default(),
                        **fields)  # fmt: skip


def storable(payload: str) -> str:
    # PostgreSQL refuses NUL in text (and the comment form does too).
    return payload.replace("\x00", "")


def found(base_html, hostile_html) -> list[str]:
    return problems(shape_of(base_html), shape_of(hostile_html), rich_text=False)


@pytest.fixture
def article(db):
    return make_article()


@pytest.mark.parametrize("view", ["comments:edit", "comments:delete"])
def test_a_posters_own_pages_keep_hostile_text_inert(client, article, view):
    # Links (rel=ugc), line breaks and paragraphs are comment text's own.
    base = fresh(article, author_name="n", body="b https://example.org/x\nc\n\nd")
    base_html = own_browser(client, base).get(reverse(view, args=[base.pk])).text
    bad = []
    for i, payload in enumerate(PAYLOADS):
        payload = storable(payload)
        comment = fresh(article, author_name=payload[:80], body=payload or "x",
                        author_email=f"p{i}@example.org")  # fmt: skip
        client.cookies.clear()
        html = own_browser(client, comment).get(reverse(view, args=[comment.pk])).text
        bad += [(payload, p) for p in found(base_html, html)]
    assert bad[:3] == []


def test_the_report_form_answered_with_errors_keeps_the_note_inert(
    client, article, settings
):
    settings.COMMENT_RATE_LIMIT = "100000/m"
    comment = fresh(article)
    url = reverse("comments:report", args=[comment.pk])
    # "Something else" without a usable reason answers the form again.
    base_html = client.post(url, {"reason": "bogus", "note": "b"}).text
    bad = []
    for payload in PAYLOADS:
        # A NUL is a field error of its own (the form says so), not markup.
        note = payload.replace("\x00", "")[:500]
        html = client.post(url, {"reason": "bogus", "note": note}).text
        bad += [(payload, p) for p in found(base_html, html)]
    assert bad[:3] == []


def test_the_row_answer_keeps_a_hostile_name_inert(client, article):
    client.force_login(make_user(role="Moderator"))
    accept = {"HTTP_ACCEPT": "application/json"}

    def answer(name):
        comment = make_comment(article, author_name=name, status="pending",
                               body=f"pending {len(name)} {name!r}")  # fmt: skip
        url = reverse("admin:comments_comment_moderate", args=[comment.pk, "approve"])
        return client.post(url, **accept).json()["actions_html"]

    base_html = answer("n")
    bad = []
    for payload in PAYLOADS:
        name = storable(payload)[:80] or "x"
        bad += [(payload, p) for p in found(base_html, answer(name))]
    assert bad[:3] == []


def test_a_reply_notice_keeps_one_line_subject_and_plain_text(article):
    from django.core import mail

    from comments import notify

    parent = fresh(article, author_email="asker@example.org", notify_replies=True)
    notify.ask_for_reply_notices(email="asker@example.org")
    notify.confirm_reply_notices(email="asker@example.org")
    bad = []
    for i, payload in enumerate(PAYLOADS):
        mail.outbox = []
        payload = storable(payload)
        name = f"n\r\nBcc: x@evil.example {payload}"[:80]
        fresh(article, parent=parent, author_name=name, body=payload or "x",
              author_email=f"r{i}@example.org")  # fmt: skip
        notify.send_reply_notices.call("asker@example.org")
        (message,) = mail.outbox
        if "\n" in message.subject or "Bcc" in message.message().get("Bcc", ""):
            bad.append(payload)
    assert bad == []
