"""Errors stop publishing and scheduling at every entry point; warnings never do."""

from datetime import timedelta

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services
from articles.copydesk.engine import run_checks
from articles.copydesk.models import CopyFinding, CopyOverride
from articles.copydesk.services import override_finding, record_findings
from articles.models import Article
from tests.factories import make_article, make_user

SLIP = "<p>The talks have concluded in , with both sides.</p>"


@pytest.fixture
def draft(db):
    return make_article(status=Article.Status.DRAFT, published_at=None, body=SLIP)


@pytest.fixture
def editor(db):
    return make_user(role="Editor")


def test_service_refuses_to_publish_an_article_with_errors(draft, editor):
    with pytest.raises(ValidationError, match="copy error"):
        services.publish_article(article=draft, user=editor)


def test_refused_article_stays_a_draft(draft, editor):
    with pytest.raises(ValidationError):
        services.publish_article(article=draft, user=editor)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_service_refuses_to_schedule_an_article_with_errors(draft, editor):
    with pytest.raises(ValidationError):
        services.publish_article(
            article=draft, user=editor, at=timezone.now() + timedelta(days=1)
        )


def test_warnings_never_block(db, editor):
    draft = make_article(
        status=Article.Status.DRAFT, published_at=None, standfirst="", body="<p>Ok.</p>"
    )
    services.publish_article(article=draft, user=editor)
    assert draft.is_live


def test_an_unnamed_source_is_a_warning_not_a_block(db, editor):
    # Agreed anonymous sources are everyday reporting: flag, never stop.
    draft = make_article(
        status=Article.Status.DRAFT,
        published_at=None,
        body="<p>Sales fell, according to a survey of 1,500 firms.</p>",
    )
    services.publish_article(article=draft, user=editor)
    assert draft.is_live


def test_overridden_error_no_longer_blocks(draft, editor):
    finding = run_checks(draft)[0]
    override_finding(
        article=draft, finding=finding, reason="Quoted as sent", user=editor
    )
    services.publish_article(article=draft, user=editor)
    assert draft.is_live


def test_publishing_stores_the_findings_with_their_override(draft, editor):
    finding = run_checks(draft)[0]
    override = override_finding(
        article=draft, finding=finding, reason="Quoted as sent", user=editor
    )
    services.publish_article(article=draft, user=editor)
    assert CopyFinding.objects.get(article=draft, rule="hole").override == override


def test_override_records_who_and_why(draft, editor):
    finding = run_checks(draft)[0]
    override_finding(
        article=draft, finding=finding, reason="Quoted as sent", user=editor
    )
    override = CopyOverride.objects.get()
    assert (override.user, override.reason, override.rule) == (
        editor,
        "Quoted as sent",
        "hole",
    )


def test_override_needs_a_reason(draft, editor):
    with pytest.raises(ValidationError):
        override_finding(
            article=draft, finding=run_checks(draft)[0], reason=" ", user=editor
        )


def test_reporter_cannot_override(draft):
    reporter = make_user(role="Reporter")
    with pytest.raises(PermissionDenied):
        override_finding(
            article=draft, finding=run_checks(draft)[0], reason="Fine", user=reporter
        )


def test_fixing_the_slip_unblocks_publishing(draft, editor):
    draft.body = "<p>The talks have concluded in Geneva, with both sides.</p>"
    services.publish_article(article=draft, user=editor)
    assert draft.is_live


def test_only_editors_hold_the_override_permission(db):
    from django.contrib.auth.models import Group

    holders = Group.objects.filter(permissions__codename="override_finding")
    assert list(holders.values_list("name", flat=True)) == ["Editor"]


def test_record_findings_replaces_the_previous_ones(draft):
    record_findings(article=draft)
    draft.body = "<p>Clean now.</p>"
    record_findings(article=draft)
    assert not CopyFinding.objects.filter(article=draft, rule="hole").exists()
