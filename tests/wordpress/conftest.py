"""Small WordPress exports written for these tests, and a way to import them."""

import io
from pathlib import Path

import pytest

from django.core.management import call_command

from tests.factories import image_bytes

EXPORTS = Path(__file__).parent / "exports"
NEWSROOM = EXPORTS / "newsroom.xml"
WP_12 = "http://wordpress.org/export/1.2/"

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="{ns}excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">
<channel>
  <title>Tiny</title><link>https://tiny.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://tiny.example</wp:base_site_url>
  <wp:base_blog_url>https://tiny.example</wp:base_blog_url>
"""


def post(wp_id, title="A post", *, content="Words.", status="publish", extra=""):
    """One <item> of type post, published in May 2024 under /2024/05/01/slug/."""
    slug = title.lower().replace(" ", "-")
    return f"""<item><title>{title}</title>
  <link>https://tiny.example/2024/05/01/{slug}/</link>
  <dc:creator>editor</dc:creator>
  <guid isPermaLink="false">https://tiny.example/?p={wp_id}</guid>
  <content:encoded><![CDATA[{content}]]></content:encoded>
  <wp:post_id>{wp_id}</wp:post_id>
  <wp:post_date>2024-05-01 10:00:00</wp:post_date>
  <wp:post_date_gmt>2024-05-01 09:00:00</wp:post_date_gmt>
  <wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>
  <wp:post_type>post</wp:post_type>{extra}</item>
"""


def comment(wp_id, *, parent=0, approved="1", text="Hello.", kind=""):
    return f"""<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>
  <wp:comment_author>Reader {wp_id}</wp:comment_author>
  <wp:comment_author_email>r{wp_id}@example.org</wp:comment_author_email>
  <wp:comment_date_gmt>2024-05-02 10:00:{wp_id % 60:02d}</wp:comment_date_gmt>
  <wp:comment_content><![CDATA[{text}]]></wp:comment_content>
  <wp:comment_approved>{approved}</wp:comment_approved>
  <wp:comment_type>{kind}</wp:comment_type>
  <wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def wxr(*parts: str, ns: str = WP_12) -> str:
    return HEADER.format(ns=ns) + "".join(parts) + "</channel></rss>\n"


@pytest.fixture
def write_export(tmp_path):
    def write(text: str, name="export.xml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def media_dir(tmp_path) -> Path:
    """The uploads folder of the newsroom export: two of its three files."""
    root = tmp_path / "uploads"
    (root / "2024" / "05").mkdir(parents=True)
    (root / "2024" / "05" / "photo.jpg").write_bytes(image_bytes(size=(640, 400)))
    (root / "2024" / "05" / "crowd.png").write_bytes(
        image_bytes("PNG", size=(500, 300), alpha=True)
    )
    return root


@pytest.fixture
def run_import(db):
    """Run the command; returns its output (the summary)."""

    def run(path, *args) -> str:
        out = io.StringIO()
        call_command("import_wordpress", str(path), "--no-progress", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def imported(run_import, media_dir) -> str:
    """The newsroom export, imported with its media folder."""
    return run_import(NEWSROOM, "--media-dir", str(media_dir))
