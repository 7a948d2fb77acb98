"""Reply notices: double opt-in, batching, one-click unsubscribe, erasure."""

import re
import time
from datetime import timedelta

import pytest

from django.core import mail
from django.tasks import default_task_backend
from django.urls import reverse

from comments import notify, services
from comments.models import Comment, ReplySubscription
from comments.spam import CommentContext
from tests.comments.factories import make_comment

ASKER = "asker@example.com"


@pytest.fixture
def inline_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (tasks are enqueued on commit)."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def post(article, *, email=ASKER, notify_me=True, parent=None, body=None):
    return services.submit_comment(
        article=article, name="Asker", email=email,
        body=body or f"Question from {email} {time.monotonic_ns()}",
        parent=parent, notify=notify_me,
        context=CommentContext(ip=None, seconds_to_submit=30),
    )  # fmt: skip


def link(message, name):
    return re.search(rf"https?://\S+/comments/notify/{name}/\S+/", message.body)[0]


def path_of(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def asked(published_article, inline_tasks, commit, settings):
    settings.COMMENT_AUTO_APPROVE = "always"
    settings.COMMENT_FLOOD_SECONDS = 0
    return commit(post, published_article)


@pytest.fixture
def confirmed(asked, client, commit):
    commit(client.post, path_of(link(mail.outbox[0], "confirm")))
    mail.outbox.clear()
    return asked


def reply_to(parent, commit, email="replier@example.com", body="Here is an answer"):
    return commit(post, parent.article, email=email, parent=parent,
                  notify_me=False, body=body)  # fmt: skip


def test_the_box_is_off_by_default(client, published_article):
    text = client.get(published_article.get_absolute_url()).text
    box = re.search(r'<input[^>]*name="notify"[^>]*>', text)[0]
    assert "checked" not in box


def test_without_the_box_nothing_is_asked(published_article, inline_tasks, commit):
    commit(post, published_article, notify_me=False)
    assert (mail.outbox, ReplySubscription.objects.count()) == ([], 0)


def test_asking_sends_a_confirmation_link(asked):
    assert [m.to for m in mail.outbox] == [[ASKER]] and link(mail.outbox[0], "confirm")


def test_the_address_is_kept_as_a_hash_only(asked):
    assert ASKER not in str(list(ReplySubscription.objects.values()))


def test_asking_twice_sends_one_confirmation(asked, commit, published_article):
    commit(post, published_article)
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_confirming(asked, commit):
    mail.outbox.clear()
    reply_to(asked, commit)
    assert mail.outbox == []


def test_opening_the_link_alone_does_not_confirm(asked, client):
    client.get(path_of(link(mail.outbox[0], "confirm")))
    assert ReplySubscription.objects.get().confirmed_at is None


def test_the_confirmation_link_expires(asked, client, monkeypatch):
    url = path_of(link(mail.outbox[0], "confirm"))
    later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(url)
    assert response.status_code == 410
    assert ReplySubscription.objects.get().confirmed_at is None


def test_a_forged_link_is_refused(client, db):
    url = reverse("comments:notify_confirm", args=["forged:token"])
    assert client.post(url).status_code == 404


def test_an_approved_reply_sends_its_text_and_link(confirmed, commit):
    reply = reply_to(confirmed, commit)
    (message,) = mail.outbox
    assert (
        "Here is an answer" in message.body and f"#comment-{reply.pk}" in message.body
    )


def test_the_notice_has_one_click_unsubscribe_headers(confirmed, commit):
    reply_to(confirmed, commit)
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"] == f"<{link(mail.outbox[0], 'unsubscribe')}>"


def test_a_held_reply_sends_nothing_until_approved(confirmed, commit, settings):
    settings.COMMENT_AUTO_APPROVE = "never"
    reply = reply_to(confirmed, commit)
    assert mail.outbox == []
    commit(services.approve_comment, comment=reply)
    assert len(mail.outbox) == 1


def test_replies_close_together_go_in_one_email(confirmed, db):
    for n in range(3):
        make_comment(confirmed.article, parent=confirmed, body=f"Answer {n}",
                     author_email=f"r{n}@example.com",
                     created_at=confirmed.created_at + timedelta(seconds=n + 1))  # fmt: skip
    sent = notify.send_reply_notices.call(ASKER)
    assert (sent, len(mail.outbox)) == (3, 1) and "Answer 2" in mail.outbox[0].body


def test_a_reply_is_never_sent_twice(confirmed, db):
    make_comment(confirmed.article, parent=confirmed, author_email="r@example.com",
                 created_at=confirmed.created_at + timedelta(seconds=1))  # fmt: skip
    notify.send_reply_notices.call(ASKER)
    assert notify.send_reply_notices.call(ASKER) == 0


def test_the_notice_waits_for_the_batch_window(confirmed, settings, commit):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()
    reply_to(confirmed, commit)
    (result,) = [r for r in default_task_backend.results
                 if r.task.name == "send_reply_notices"]  # fmt: skip
    assert result.task.run_after > confirmed.created_at + timedelta(seconds=100)


def test_answering_yourself_sends_nothing(confirmed, commit):
    reply_to(confirmed, commit, email=ASKER, body="Adding to my question")
    assert mail.outbox == []


def test_one_click_unsubscribe_by_post(confirmed, client, commit):
    reply_to(confirmed, commit)
    url = path_of(link(mail.outbox[0], "unsubscribe"))
    client.post(url, {"List-Unsubscribe": "One-Click"})
    mail.outbox.clear()
    reply_to(confirmed, commit, email="other@example.com", body="Another answer")
    assert mail.outbox == []


def test_the_unsubscribe_link_asks_before_it_acts(confirmed, client, commit):
    reply_to(confirmed, commit)
    url = path_of(link(mail.outbox[0], "unsubscribe"))
    page = client.get(url)
    assert "Unsubscribe" in page.text and ReplySubscription.objects.get().may_email
    client.post(url)
    assert ReplySubscription.objects.get().unsubscribed_at is not None


def test_an_unsubscribed_address_is_never_asked_again(confirmed, client, commit):
    commit(notify.unsubscribe, email=ASKER)
    commit(post, confirmed.article)
    assert mail.outbox == []


def test_an_erased_address_is_never_emailed_again(confirmed, commit):
    commit(services.erase_comments, email=ASKER)
    commit(post, confirmed.article)
    assert mail.outbox == [] and not ReplySubscription.objects.get().may_email


def test_spam_never_asks_for_a_confirmation(published_article, inline_tasks, commit):
    from comments.models import BlockedTerm

    BlockedTerm.objects.create(kind="word", value="casino")
    commit(post, published_article, body="Great casino offers")
    assert mail.outbox == [] and Comment.objects.get().status == "spam"
