"""Attachments → images, through the same checks and renditions as an upload."""

from articles.models import Article, Image

from .conftest import NEWSROOM


def test_attachments_with_files_become_images(imported):
    assert set(Image.objects.values_list("alt_text", flat=True)) == {
        "Councillors in the chamber",
        "Crowd outside",
    }


def test_imported_images_get_renditions_like_an_upload(imported):
    image = Image.objects.get(alt_text="Councillors in the chamber")
    assert "16x9-480.webp" in image.renditions


def test_attachment_caption_becomes_image_caption(imported):
    assert Image.objects.get(alt_text="Crowd outside").caption == (
        "Waiting for the result."
    )


def test_featured_image_becomes_the_lead_image(imported):
    lead = Article.objects.get(slug="budget-vote").lead_image
    assert lead.alt_text == "Councillors in the chamber"


def test_in_body_image_points_at_the_imported_copy(imported):
    article = Article.objects.get(slug="budget-vote")
    assert f'src="{article.lead_image.file.url}"' in article.body


def test_no_body_image_points_at_the_old_site(imported):
    body = Article.objects.get(slug="budget-vote").body
    assert "old.example.com/wp-content" not in body


def test_missing_files_are_listed_not_fatal(imported):
    assert "https://old.example.com/wp-content/uploads/2023/01/lost.jpg" in imported
    assert Article.objects.filter(slug="budget-vote").exists()


def test_without_media_folder_every_attachment_is_missing(run_import):
    output = run_import(NEWSROOM)
    assert "Missing files (3)" in output and not Image.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused_and_listed(run_import, media_dir):
    (media_dir / "2024" / "05" / "photo.jpg").write_bytes(b"%PDF-1.4 not a picture")
    output = run_import(NEWSROOM, "--media-dir", str(media_dir))
    assert "Images: 1 not an accepted picture" in output


def test_files_outside_the_media_folder_are_never_read(
    run_import, write_export, tmp_path
):
    from .conftest import wxr

    (tmp_path / "secret.jpg").write_bytes(b"x")
    attachment = """<item><title>x</title><wp:post_id>5</wp:post_id>
      <wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
      <wp:attachment_url>https://tiny.example/wp-content/uploads/../../secret.jpg</wp:attachment_url></item>"""
    media = tmp_path / "uploads"
    media.mkdir()
    output = run_import(write_export(wxr(attachment)), "--media-dir", str(media))
    assert "Images: 1 file not in the media folder" in output


def test_imported_pictures_know_where_they_are_used(imported):
    # Articles arrive in bulk: the image library still lists their uses.
    from articles.models import ImageUse

    article = Article.objects.get(slug="budget-vote")
    kinds = set(
        ImageUse.objects.filter(article=article, image=article.lead_image).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {"lead", "body"}
