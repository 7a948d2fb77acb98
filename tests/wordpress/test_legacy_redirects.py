"""Old WordPress addresses of imported content answer 301 to the new pages."""

import pytest

from django.urls import reverse

from articles.models import Article, Author, Section, Tag

from .conftest import post, wxr


def moved_to(client, url) -> str | None:
    response = client.get(url)
    return response["Location"] if response.status_code == 301 else None


def article_url(slug) -> str:
    return Article.objects.get(slug=slug).get_absolute_url()


@pytest.mark.parametrize(
    "old",
    [
        "/2024/05/01/budget-vote/",
        "/2024/05/01/budget-vote",  # no trailing slash
        "/?p=20",
        "/index.php?p=20",
        "/2024/05/01/council-budget/",  # its earlier slug (_wp_old_slug)
        "/2024/05/01/budget-vote/feed/",  # its comments feed
    ],
)
def test_old_post_addresses_lead_to_the_article(imported, client, old):
    assert moved_to(client, old) == article_url("budget-vote")


def test_page_id_query_leads_to_the_page(imported, client):
    assert moved_to(client, "/?page_id=31") == "/pages/about/team/"


def test_old_page_address_leads_to_the_page(imported, client):
    assert moved_to(client, "/about/team/") == "/pages/about/team/"


def test_old_category_address_leads_to_the_section(imported, client):
    section = Section.objects.get(slug="politics")
    assert moved_to(client, "/category/news/politics/") == section.get_absolute_url()


def test_cat_query_leads_to_the_section(imported, client):
    assert (
        moved_to(client, "/?cat=4")
        == Section.objects.get(slug="sport").get_absolute_url()
    )


def test_category_feed_leads_to_the_section_feed(imported, client):
    assert moved_to(client, "/category/news/politics/feed/") == reverse(
        "articles:section_feed", kwargs={"slug": "politics"}
    )


def test_old_tag_address_leads_to_the_tag(imported, client):
    tag = Tag.objects.get(slug="elections")
    assert moved_to(client, "/tag/elections/") == tag.get_absolute_url()


def test_old_author_address_leads_to_the_author(imported, client):
    author = Author.objects.get(slug="jdoe")
    assert moved_to(client, "/author/jdoe/") == author.get_absolute_url()


def test_author_feed_leads_to_the_author_feed(imported, client):
    assert moved_to(client, "/author/jdoe/feed/") == reverse(
        "articles:author_feed", kwargs={"slug": "jdoe"}
    )


@pytest.mark.parametrize("old", ["/feed/", "/feed/rss2/", "/feed/atom/", "/?feed=rss2"])
def test_site_feed_leads_to_the_latest_feed(imported, client, old):
    assert moved_to(client, old) == reverse("articles:feed")


def test_scheduled_post_address_does_not_redirect_yet(imported, client):
    assert client.get("/2099/01/15/cup-final-preview/").status_code == 404


def test_draft_query_does_not_redirect(imported, client):
    assert moved_to(client, "/?p=22") is None


def test_unknown_old_address_is_still_not_found(imported, client):
    assert client.get("/2024/05/01/never-existed/").status_code == 404


def test_home_page_is_untouched(imported, client):
    assert client.get("/").status_code == 200


def with_links(*pairs) -> str:
    """Posts whose links follow another permalink structure."""
    items = []
    for wp_id, (slug, link) in enumerate(pairs, start=1):
        items.append(
            post(wp_id, slug.replace("-", " ")).replace(
                f"https://tiny.example/2024/05/01/{slug}/",
                f"https://tiny.example{link}",
            )
        )
    return wxr(*items)


def test_month_and_name_permalinks(run_import, write_export, client):
    output = run_import(write_export(with_links(("big-news", "/2024/05/big-news/"))))
    assert "Permalinks: /%year%/%monthnum%/%postname%/" in output
    assert moved_to(client, "/2024/05/big-news/") == article_url("big-news")


def test_post_name_permalinks(run_import, write_export, client):
    output = run_import(write_export(with_links(("big-news", "/big-news/"))))
    assert "Permalinks: /%postname%/" in output
    assert moved_to(client, "/big-news/") == article_url("big-news")


def test_plain_permalinks_are_reported(run_import, write_export, client):
    output = run_import(write_export(with_links(("big-news", "/?p=1"))))
    assert "Permalinks: /?p=%post_id%" in output
    assert moved_to(client, "/?p=1") == article_url("big-news")


def test_non_ascii_slugs_are_matched_decoded(run_import, write_export, client):
    text = with_links(("cafe", "/2024/05/01/caf%C3%A9/"))
    run_import(write_export(text))
    assert moved_to(client, "/2024/05/01/café/") == article_url("cafe")


def test_non_ascii_category_address_is_matched_decoded(
    run_import, write_export, client
):
    from .test_import_bad_input import CATEGORY

    run_import(write_export(wxr(CATEGORY.format(id=1, slug="caf%c3%a9", parent=""))))
    assert moved_to(client, "/category/café/") == reverse(
        "articles:section", kwargs={"slug": "cafe"}
    )


def test_wordpress_import_admin_lists_the_old_addresses(imported, admin_client):
    assert (
        "/2024/05/01/budget-vote/"
        in admin_client.get("/admin/wordpress/legacypath/").text
    )


def test_tag_query_leads_to_the_tag(imported, client):
    assert (
        moved_to(client, "/?tag=budget")
        == Tag.objects.get(slug="budget").get_absolute_url()
    )


def test_author_query_leads_to_the_author(imported, client):
    assert (
        moved_to(client, "/?author=2")
        == Author.objects.get(slug="msmith").get_absolute_url()
    )


def lead_image_url() -> str:
    return Article.objects.get(slug="budget-vote").lead_image.file.url


@pytest.mark.parametrize(
    "old",
    [
        "/wp-content/uploads/2024/05/photo.jpg",
        "/wp-content/uploads/2024/05/photo-300x200.jpg",  # a resized copy
        "/?attachment_id=10",
        "/2024/05/01/budget-vote/council-chamber/",  # its attachment page
    ],
)
def test_old_upload_addresses_lead_to_the_imported_picture(imported, client, old):
    assert moved_to(client, old) == lead_image_url()


def test_a_missing_upload_is_still_not_found(imported, client):
    assert client.get("/wp-content/uploads/2023/01/lost.jpg").status_code == 404
