"""WordPress post HTML → article HTML (wordpress.content.clean_body)."""

from articles.wordpress.content import MediaMap, Picture, clean_body


def media() -> MediaMap:
    photos = MediaMap()
    photos.by_id["10"] = Picture(url="/media/images/a.jpg", alt="Chamber", caption="C")
    photos.by_id["12"] = Picture(url="/media/images/b.jpg", alt="Crowd", caption="Wait")
    photos.add_path("10", "https://old.example/wp-content/uploads/2024/05/photo.jpg")
    photos.children["20"] = ["12", "10"]
    return photos


def test_block_comments_are_removed():
    html = "<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->"
    assert clean_body(html) == "<p>Hi</p>"


def test_more_tag_is_removed():
    assert clean_body("Intro<!--more-->") == "<p>Intro</p>"


def test_blank_lines_become_paragraphs_in_classic_posts():
    assert clean_body("One.\n\nTwo.") == "<p>One.</p>\n<p>Two.</p>"


def test_single_line_breaks_become_br_in_classic_posts():
    assert clean_body("One\nTwo") == "<p>One<br>\nTwo</p>"


def test_block_posts_get_no_automatic_paragraphs():
    html = "<!-- wp:list --><ul><li>a</li></ul><!-- /wp:list -->\n\nloose"
    assert "<p>loose</p>" not in clean_body(html)


def test_preformatted_text_keeps_its_blank_lines():
    assert "a\n\nb" in clean_body("<pre>a\n\nb</pre>")


def test_caption_shortcode_becomes_a_figure_with_figcaption():
    html = '[caption id="attachment_9" width="300"]<img src="https://x.example/a.jpg" alt="A"> The caption[/caption]'
    body = clean_body(html).replace("\n", "")
    assert body.startswith("<figure>") and body.endswith(
        "<figcaption>The caption</figcaption></figure>"
    )


def test_old_caption_attribute_form_is_understood():
    html = '[caption caption="Said here"]<img src="https://x.example/a.jpg">[/caption]'
    assert "<figcaption>Said here</figcaption>" in clean_body(html)


def test_gallery_shortcode_becomes_one_figure_per_imported_picture():
    body = clean_body('[gallery ids="12,10,99"]', media=media())
    assert body.count("<figure>") == 2 and "<figcaption>Wait</figcaption>" in body


def test_gallery_without_ids_shows_the_posts_own_attachments():
    body = clean_body("[gallery]", post_id="20", media=media())
    assert body.index("/media/images/b.jpg") < body.index("/media/images/a.jpg")


def test_bare_url_on_its_own_line_becomes_a_link():
    body = clean_body("Watch:\n\nhttps://www.youtube.com/watch?v=x1\n\nEnd.")
    assert (
        '<p><a href="https://www.youtube.com/watch?v=x1" rel="noopener">'
        "https://www.youtube.com/watch?v=x1</a></p>"
    ) in body


def test_embed_shortcode_becomes_a_link():
    assert 'href="https://vimeo.com/1"' in clean_body(
        "[embed]https://vimeo.com/1[/embed]"
    )


def test_embed_block_becomes_a_link():
    html = (
        '<!-- wp:embed {"url":"https://vimeo.com/2"} --><figure class="wp-block-embed">'
        '<div class="wp-block-embed__wrapper">\nhttps://vimeo.com/2\n</div></figure>'
        "<!-- /wp:embed -->"
    )
    assert clean_body(html) == (
        '<p><a href="https://vimeo.com/2" rel="noopener">https://vimeo.com/2</a></p>'
    )


def test_iframe_becomes_a_link():
    body = clean_body('<iframe src="https://maps.example/e?x=1"></iframe>')
    assert "<iframe" not in body and 'href="https://maps.example/e?x=1"' in body


def test_video_shortcode_becomes_a_link_to_the_file():
    body = clean_body('[video mp4="https://cdn.example/v.mp4"][/video]')
    assert 'href="https://cdn.example/v.mp4"' in body


def test_scripts_and_event_handlers_never_get_through():
    body = clean_body('<script>alert(1)</script><p onclick="x()">Hi</p>')
    assert body == "<p>Hi</p>"


def test_javascript_links_never_get_through():
    assert "javascript" not in clean_body('<a href="javascript:alert(1)">x</a>')


def test_images_of_imported_uploads_point_at_our_copy_even_resized():
    html = '<img class="wp-image-10" src="https://old.example/wp-content/uploads/2024/05/photo-300x200.jpg" alt="x">'
    assert 'src="/media/images/a.jpg"' in clean_body(html, media=media())


def test_image_found_by_its_wp_image_class_when_the_address_differs():
    html = '<img class="size-full wp-image-10" src="https://cdn.example/other.jpg">'
    assert 'src="/media/images/a.jpg"' in clean_body(html, media=media())


def test_links_to_imported_uploads_point_at_our_copy():
    html = '<a href="https://old.example/wp-content/uploads/2024/05/photo.jpg">big</a>'
    assert 'href="/media/images/a.jpg"' in clean_body(html, media=media())


def test_images_that_were_not_imported_are_left_to_the_sanitizer():
    html = '<img src="https://old.example/wp-content/uploads/2023/01/lost.jpg">'
    assert "/media/" not in clean_body(html, media=media())
