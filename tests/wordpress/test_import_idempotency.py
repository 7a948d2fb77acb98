"""Importing again: the same export changes nothing, a newer one updates."""

import pytest

from django.contrib.flatpages.models import FlatPage

from articles.models import Article, Author, Image, Section, Tag
from articles.wordpress import importer
from articles.wordpress.models import LegacyPath, WordPressItem
from comments.models import Comment

from .conftest import NEWSROOM, comment, post, wxr

MODELS = (Article, Section, Tag, Author, Image, Comment, FlatPage, LegacyPath)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return line.split()[1:]


def test_importing_the_same_file_twice_creates_nothing_more(
    imported, run_import, media_dir
):
    before = counts()
    run_import(NEWSROOM, "--media-dir", str(media_dir))
    assert counts() == before


def test_second_import_reports_everything_unchanged(imported, run_import, media_dir):
    again = run_import(NEWSROOM, "--media-dir", str(media_dir))
    assert row(again, "Articles") == ["0", "0", "6", "2"]


def test_second_import_leaves_rows_untouched(imported, run_import, media_dir):
    before = list(Article.objects.values_list("pk", "updated_at", "body"))
    run_import(NEWSROOM, "--media-dir", str(media_dir))
    assert list(Article.objects.values_list("pk", "updated_at", "body")) == before


def newer_export(write_export):
    text = (
        NEWSROOM.read_text()
        .replace("It was close.", "It was very close.")
        .replace("Not for the pools.", "Not for the pools!")
        .replace("<wp:cat_name><![CDATA[Sport]]>", "<wp:cat_name><![CDATA[Sports]]>")
    )
    return write_export(text, "newer.xml")


def test_newer_export_updates_what_changed(
    imported, run_import, write_export, media_dir
):
    output = run_import(newer_export(write_export), "--media-dir", str(media_dir))
    assert (row(output, "Articles")[:3], row(output, "Comments")[:3]) == (
        ["0", "1", "5"],
        ["0", "1", "6"],
    )


def test_newer_export_changes_the_article_body(
    imported, run_import, write_export, media_dir
):
    run_import(newer_export(write_export), "--media-dir", str(media_dir))
    assert "It was very close." in Article.objects.get(slug="budget-vote").body


def test_newer_export_changes_the_comment(
    imported, run_import, write_export, media_dir
):
    run_import(newer_export(write_export), "--media-dir", str(media_dir))
    assert Comment.objects.get(author_name="Bob").body == "Not for the pools!"


def test_newer_export_renames_the_section(
    imported, run_import, write_export, media_dir
):
    run_import(newer_export(write_export), "--media-dir", str(media_dir))
    assert Section.objects.get(slug="sport").name == "Sports"


def test_a_local_edit_survives_reimporting_the_same_export(
    imported, run_import, media_dir
):
    Article.objects.filter(slug="note").update(headline="Edited here")
    run_import(NEWSROOM, "--media-dir", str(media_dir))
    assert Article.objects.filter(headline="Edited here").exists()


def test_an_article_deleted_here_is_imported_again(imported, run_import, media_dir):
    Article.objects.filter(slug="note").delete()
    run_import(NEWSROOM, "--media-dir", str(media_dir))
    assert Article.objects.filter(slug="note").exists()


def test_rows_are_matched_on_guid_when_the_post_id_changed(run_import, write_export):
    run_import(write_export(wxr(post(1, "Hello")), "a.xml"))
    moved = wxr(post(7, "Hello")).replace("?p=7</guid>", "?p=1</guid>")
    run_import(write_export(moved, "b.xml"))
    assert Article.objects.count() == 1


def test_dry_run_writes_nothing(run_import, media_dir, settings):
    run_import(NEWSROOM, "--media-dir", str(media_dir), "--dry-run")
    assert not any(counts().values()) and not WordPressItem.objects.exists()


def test_dry_run_stores_no_files(run_import, media_dir, settings):
    run_import(NEWSROOM, "--media-dir", str(media_dir), "--dry-run")
    assert not (settings.MEDIA_ROOT / "images").exists()


def test_dry_run_says_what_would_be_created(run_import, media_dir):
    output = run_import(NEWSROOM, "--media-dir", str(media_dir), "--dry-run")
    assert "Dry run: nothing was written" in output
    assert row(output, "Articles") == ["6", "0", "0", "2"]


def test_dry_run_after_an_import_says_what_would_be_updated(
    imported, run_import, write_export, media_dir
):
    output = run_import(
        newer_export(write_export), "--media-dir", str(media_dir), "--dry-run"
    )
    assert row(output, "Articles") == ["0", "1", "5", "2"]


def test_an_interrupted_import_is_finished_by_running_it_again(
    run_import, write_export, monkeypatch
):
    path = write_export(
        wxr(*(post(n, f"Post {n}", extra=comment(100 + n)) for n in range(1, 6)))
    )
    real = importer.Importer._write_batch
    calls = []

    def crash_on_third(self, batch):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, batch)

    monkeypatch.setattr(importer.Importer, "_write_batch", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_import(path, "--batch-size", "2")
    assert (Article.objects.count(), Comment.objects.count()) == (4, 4)
    monkeypatch.setattr(importer.Importer, "_write_batch", real)
    output = run_import(path, "--batch-size", "2")
    assert row(output, "Articles")[:3] == ["1", "0", "4"]


def test_an_undated_post_is_unchanged_on_the_second_import(run_import, write_export):
    undated = (
        post(1, "Undated")
        .replace("2024-05-01 10:00:00", "")
        .replace("2024-05-01 09:00:00", "0000-00-00 00:00:00")
    )
    path = write_export(wxr(undated))
    run_import(path)
    assert row(run_import(path), "Articles") == ["0", "0", "1", "0"]


def test_posts_sharing_a_guid_stay_two_articles(run_import, write_export):
    twin = post(2, "Twin").replace("?p=2</guid>", "?p=1</guid>")
    run_import(write_export(wxr(post(1, "First"), twin)), "--batch-size", "1")
    assert Article.objects.count() == 2
