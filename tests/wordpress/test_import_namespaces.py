"""Every namespace spelling real exports use: WXR 1.0 to 1.2, http and https."""

import pytest

from articles.models import Article
from comments.models import Comment

from .conftest import NEWSROOM, comment, post, wxr


@pytest.mark.parametrize(
    "namespace",
    [
        "http://wordpress.org/export/1.2/",
        "https://wordpress.org/export/1.2/",
        "http://wordpress.org/export/1.1/",
        "http://wordpress.org/export/1.0/",
    ],
)
def test_export_is_read_whatever_the_namespace(run_import, write_export, namespace):
    run_import(write_export(wxr(post(1, "Hello", extra=comment(2)), ns=namespace)))
    assert (Article.objects.get().headline, Comment.objects.count()) == ("Hello", 1)


def test_the_full_export_in_the_https_spelling_imports_the_same(
    run_import, write_export, media_dir
):
    text = NEWSROOM.read_text().replace(
        "http://wordpress.org/export/", "https://wordpress.org/export/"
    )
    run_import(write_export(text), "--media-dir", str(media_dir))
    assert (Article.objects.count(), Comment.objects.count()) == (6, 7)
