"""`manage.py check_copy`: the archive report, its filters, CSV and progress."""

import csv
import io
from datetime import datetime, timedelta

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.copydesk.models import CopyFinding
from articles.models import Article
from tests.factories import make_article, make_section

SLIP = "<p>The talks have concluded in , with both sides.</p>"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("check_copy", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def aware(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def archive(db):
    world, sport = make_section(slug="world"), make_section(slug="sport")
    return {
        "old": make_article(
            headline="Old slip",
            body=SLIP,
            section=world,
            published_at=aware(2024, 5, 1),
        ),
        "new": make_article(
            headline="New slip",
            body=SLIP,
            section=sport,
            published_at=aware(2026, 1, 5),
        ),
        "clean": make_article(headline="Clean", section=world),
        "draft": make_article(
            headline="Draft slip",
            body=SLIP,
            status=Article.Status.DRAFT,
            published_at=None,
        ),
    }


def test_report_lists_each_published_article_with_a_finding(archive):
    out, _ = run()
    assert ("Old slip" in out, "New slip" in out, "Draft slip" in out) == (
        True,
        True,
        False,
    )


def test_report_shows_the_marked_excerpt(archive):
    out, _ = run()
    assert "concluded «in ,» with" in out


def test_report_ends_with_a_summary(archive):
    out, _ = run()
    assert out.strip().splitlines()[-1] == (
        "Checked 3 articles: 2 with errors; 2 errors, 3 warnings."
    )


def test_section_narrows_the_check(archive):
    out, _ = run("--section", "sport")
    assert "New slip" in out and "Old slip" not in out


def test_date_range_narrows_the_check(archive):
    out, _ = run("--since", "2024-01-01", "--until", "2024-12-31")
    assert "Old slip" in out and "New slip" not in out


def test_until_includes_the_whole_day(archive):
    out, _ = run("--since", "2026-01-05", "--until", "2026-01-05")
    assert "New slip" in out


def test_progress_bar_goes_to_stderr(archive):
    out, err = run()
    assert "Checking [" in err and "3/3" in err and "Checking" not in out


def test_csv_has_one_row_per_finding(archive):
    out, _ = run("--format", "csv", "--no-progress")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted((r["headline"], r["rule"]) for r in rows) == [
        ("Clean", "missing_lead_image"),
        ("New slip", "hole"),
        ("New slip", "missing_lead_image"),
        ("Old slip", "hole"),
        ("Old slip", "missing_lead_image"),
    ]


def test_csv_row_says_where_and_what(archive):
    out, _ = run("--format", "csv", "--no-progress", "--section", "sport")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["rule"] == "hole")
    assert (row["severity"], row["field"], row["paragraph"], row["overridden"]) == (
        "error",
        "body",
        "1",
        "no",
    )


def test_report_stores_nothing_unless_asked(archive):
    run()
    assert not CopyFinding.objects.exists()


def test_save_stores_the_findings(archive):
    run("--save")
    assert CopyFinding.objects.filter(rule="hole").count() == 2


def test_unknown_section_is_an_error(archive):
    with pytest.raises(CommandError):
        run("--section", "nowhere")


def test_bad_date_is_an_error(archive):
    with pytest.raises(CommandError):
        run("--since", "last week")


def test_scheduled_articles_are_not_in_the_archive(db):
    make_article(
        headline="Later", body=SLIP, published_at=timezone.now() + timedelta(1)
    )
    out, _ = run()
    assert "Later" not in out
