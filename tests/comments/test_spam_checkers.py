import pytest

from django.core.exceptions import ImproperlyConfigured

from comments.models import BlockedTerm, Comment
from comments.spam import (
    BlocklistChecker,
    CommentContext,
    HoneypotChecker,
    LinkCountChecker,
    Outcome,
    Verdict,
    check_spam,
    get_spam_checkers,
)
from tests.factories import make_article


def comment(**overrides):
    fields = {"author_name": "Ann", "author_email": "ann@example.com", "body": "Nice piece.",
              "author_url": ""} | overrides  # fmt: skip
    return Comment(**fields)


def outcome(checker, c=None, **context):
    return checker.check(
        c or comment(), CommentContext(**({"seconds_to_submit": 30} | context))
    )


def test_honeypot_filled_is_spam():
    assert outcome(HoneypotChecker(), honeypot_filled=True).outcome == Outcome.SPAM


def test_tampered_token_is_spam():
    assert outcome(HoneypotChecker(), token_valid=False).outcome == Outcome.SPAM


def test_too_fast_is_spam():
    assert outcome(HoneypotChecker(), seconds_to_submit=1).outcome == Outcome.SPAM


def test_normal_reader_passes_the_honeypot():
    assert outcome(HoneypotChecker()).outcome == Outcome.HAM


def test_two_links_pass():
    c = comment(body="See https://a.example and http://b.example")
    assert outcome(LinkCountChecker(), c).outcome == Outcome.HAM


def test_three_links_are_held():
    c = comment(body="https://a.example https://b.example www.c.example")
    assert outcome(LinkCountChecker(), c).outcome == Outcome.HOLD


def test_link_limit_is_a_setting(settings):
    settings.COMMENT_MAX_LINKS = 0
    assert (
        outcome(LinkCountChecker(), comment(body="https://a.example")).outcome
        == Outcome.HOLD
    )


@pytest.mark.parametrize(
    ("kind", "value", "overrides", "context"),
    [
        ("word", "casino", {"body": "Best Casino offers"}, {}),
        ("email", "bad@example.com", {"author_email": "Bad@Example.com"}, {}),
        ("email", "@spam.example", {"author_email": "x@spam.example"}, {}),
        ("ip", "203.0.113.7", {}, {"ip": "203.0.113.7"}),
        ("ip", "203.0.113.0/24", {}, {"ip": "203.0.113.99"}),
        ("url", "spam.example", {"author_url": "https://www.spam.example/x"}, {}),
        ("url", "spam.example", {"body": "visit https://spam.example/now"}, {}),
    ],
)
def test_blocklist_marks_spam(db, kind, value, overrides, context):
    BlockedTerm.objects.create(kind=kind, value=value, action="spam")
    assert (
        outcome(BlocklistChecker(), comment(**overrides), **context).outcome
        == Outcome.SPAM
    )


def test_blocklist_word_does_not_match_inside_words(db):
    BlockedTerm.objects.create(kind="word", value="ass", action="spam")
    assert (
        outcome(BlocklistChecker(), comment(body="A classic assessment")).outcome
        == Outcome.HAM
    )


def test_moderation_list_holds(db):
    BlockedTerm.objects.create(kind="word", value="lawsuit", action="hold")
    assert (
        outcome(BlocklistChecker(), comment(body="A lawsuit looms")).outcome
        == Outcome.HOLD
    )


def test_blocklist_reason_names_the_term(db):
    BlockedTerm.objects.create(kind="word", value="casino", action="spam")
    assert "casino" in outcome(BlocklistChecker(), comment(body="casino")).reason


def test_bad_checker_path_fails_clearly(settings):
    settings.COMMENT_SPAM_CHECKERS = ["comments.spam.NoSuchChecker"]
    with pytest.raises(ImproperlyConfigured, match="COMMENT_SPAM_CHECKERS"):
        get_spam_checkers()


def test_bad_checker_path_fails_the_system_check(settings):
    from comments.checks import check_spam_checkers

    settings.COMMENT_SPAM_CHECKERS = ["nowhere.Checker"]
    assert [e.id for e in check_spam_checkers()] == ["comments.E001"]


class Crashing:
    notice = ""

    def check(self, comment, context):
        raise RuntimeError("plug-in bug")


class AlwaysHold:
    notice = "Held by a custom rule."

    def check(self, comment, context):
        return Verdict(Outcome.HOLD, "custom rule")


def test_a_crashing_checker_is_recorded_as_an_error(db):
    (result,) = check_spam(comment(), CommentContext(), [Crashing()])
    assert result.verdict is None and "plug-in bug" in str(result.error)


def test_checkers_run_in_order(db):
    results = check_spam(
        comment(),
        CommentContext(seconds_to_submit=30),
        [LinkCountChecker(), AlwaysHold()],
    )
    assert [r.checker.rsplit(".", 1)[-1] for r in results] == [
        "LinkCountChecker",
        "AlwaysHold",
    ]


def test_a_new_checker_plugs_in_with_one_settings_line(
    client, db, settings, comment_data
):
    settings.COMMENT_SPAM_CHECKERS = [*settings.COMMENT_SPAM_CHECKERS,
                                      "tests.comments.test_spam_checkers.AlwaysHold"]  # fmt: skip
    article = make_article()
    client.post(f"/comments/post/{article.pk}/", comment_data())
    assert Comment.objects.get().hold_reason == "custom rule"


def test_combination_any_spam_wins(client, db, comment_data):
    BlockedTerm.objects.create(kind="word", value="casino", action="spam")
    article = make_article()
    client.post(
        f"/comments/post/{article.pk}/",
        comment_data(body="casino https://a https://b https://c"),
    )
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_combination_hold_beats_known_commenter(client, db, comment_data):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article()
    Comment.objects.create(article=article, author_name="Reader One", author_email="reader@example.com", body="x",
                           status=Comment.Status.APPROVED, created_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    client.post(
        f"/comments/post/{article.pk}/",
        comment_data(body="https://a.x https://b.x https://c.x"),
    )
    assert (
        Comment.objects.get(body__startswith="https").status == Comment.Status.PENDING
    )
