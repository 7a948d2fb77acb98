"""Input that can't be imported: a clear message, and nothing written."""

import pytest

from django.core.management.base import CommandError

from articles.models import Article, Author, Section, Tag
from articles.wordpress.models import WordPressItem

from .conftest import comment, post, wxr

CATEGORY = """<wp:category><wp:term_id>{id}</wp:term_id>
  <wp:category_nicename>{slug}</wp:category_nicename>
  <wp:category_parent>{parent}</wp:category_parent>
  <wp:cat_name>{slug}</wp:cat_name></wp:category>"""


def refused(run_import, path) -> str:
    with pytest.raises(CommandError) as info:
        run_import(path)
    return str(info.value)


def nothing_written() -> bool:
    return not any(
        model.objects.exists()
        for model in (Article, Section, Tag, Author, WordPressItem)
    )


def test_a_file_that_is_not_xml_is_refused(run_import, write_export):
    message = refused(run_import, write_export("Title,Body\nHello,World\n"))
    assert "not valid XML" in message


def test_a_truncated_export_is_refused_with_nothing_written(run_import, write_export):
    text = wxr(post(1, "First"), post(2, "Second"))
    refused(run_import, write_export(text[: len(text) // 2 + 40]))
    assert nothing_written()


def test_xml_that_is_not_an_export_is_refused(run_import, write_export):
    message = refused(run_import, write_export("<html><body>Hi</body></html>"))
    assert "not a WordPress export" in message


def test_an_rss_feed_is_not_an_export(run_import, write_export):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
        "<item><title>Post</title></item></channel></rss>"
    )
    assert "not a WordPress export (WXR)" in refused(run_import, write_export(feed))


def test_entity_expansion_is_refused(run_import, write_export):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>&b;</channel></rss>'
    )
    assert "Refused" in refused(run_import, write_export(bomb))


def test_external_entities_are_refused(run_import, write_export):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><title>&x;</title></channel></rss>"
    )
    assert "Refused" in refused(run_import, write_export(xxe))


def test_a_category_loop_is_refused_with_nothing_written(run_import, write_export):
    loop = CATEGORY.format(id=1, slug="a", parent="b") + CATEGORY.format(
        id=2, slug="b", parent="a"
    )
    message = refused(run_import, write_export(wxr(loop, post(1))))
    assert "Categories form a loop: a → b → a." in message and nothing_written()


def test_a_comment_outside_any_post_is_refused(run_import, write_export):
    message = refused(run_import, write_export(wxr(post(1), comment(9))))
    assert "Comment 9 is not inside any post." in message and nothing_written()


def test_comments_on_an_item_with_no_post_id_are_refused(run_import, write_export):
    item = (
        f"<item><title>Lost</title><wp:post_type>post</wp:post_type>{comment(9)}</item>"
    )
    message = refused(run_import, write_export(wxr(post(1), item)))
    assert "the post is missing" in message and nothing_written()


def test_problems_found_late_in_the_file_still_prevent_any_write(
    run_import, write_export
):
    refused(run_import, write_export(wxr(post(1), post(2), comment(9))))
    assert nothing_written()


def test_a_missing_file_is_a_clear_error(run_import, tmp_path):
    assert "No such file" in refused(run_import, tmp_path / "nope.xml")


def test_a_category_with_an_unknown_parent_is_imported_at_the_top(
    run_import, write_export
):
    output = run_import(write_export(wxr(CATEGORY.format(id=1, slug="a", parent="zz"))))
    assert "parent zz is not in the export" in output
    assert Section.objects.get(slug="a").parent is None
