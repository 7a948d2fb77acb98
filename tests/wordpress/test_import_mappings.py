"""What each part of a WordPress export becomes (tests/wordpress/exports/newsroom.xml)."""

from datetime import UTC, datetime

from django.contrib.flatpages.models import FlatPage

from articles.models import Article, Author, Section, Tag


def article(slug) -> Article:
    return Article.objects.get(slug=slug)


def test_categories_become_sections_with_their_parents(imported):
    politics = Section.objects.get(slug="politics")
    assert politics.parent == Section.objects.get(slug="news")


def test_category_names_and_descriptions_are_kept(imported):
    politics = Section.objects.get(slug="politics")
    assert (politics.name, politics.description) == (
        "Politics & Power",
        "Westminster and beyond.",
    )


def test_only_top_level_categories_join_the_navigation(imported):
    assert list(
        Section.objects.filter(in_navigation=True).values_list("slug", flat=True)
    ) == ["news", "sport"]


def test_tags_become_tags(imported):
    assert set(Tag.objects.values_list("slug", "name")) == {
        ("budget", "Budget"),
        ("elections", "Elections"),
    }


def test_wordpress_users_become_authors_with_name_slug_and_bio(imported):
    jane = Author.objects.get(slug="jdoe")
    assert (jane.name, jane.bio) == ("Jane Doe", "Jane covers politics.")


def test_an_author_without_display_name_is_named_from_first_and_last(imported):
    assert Author.objects.get(slug="msmith").name == "Mark Smith"


def test_a_post_by_a_user_missing_from_the_author_list_gets_an_author(imported):
    assert [a.slug for a in article("note").authors.all()] == ["ghost"]


def test_post_title_slug_and_excerpt_become_headline_slug_and_standfirst(imported):
    budget = article("budget-vote")
    assert (budget.headline, budget.standfirst) == (
        "Budget vote: council says “yes”",
        "Twelve votes to eleven.",
    )


def test_post_keeps_its_category_tags_and_author(imported):
    budget = article("budget-vote")
    assert (
        budget.section.slug,
        sorted(t.slug for t in budget.tags.all()),
        [a.slug for a in budget.authors.all()],
    ) == ("politics", ["budget", "elections"], ["jdoe"])


def test_publish_date_is_the_gmt_time(imported):
    assert article("budget-vote").published_at == datetime(
        2024, 5, 1, 9, 30, tzinfo=UTC
    )


def test_modified_date_is_kept(imported):
    assert article("budget-vote").updated_at == datetime(2024, 5, 2, 11, tzinfo=UTC)


def test_a_date_without_gmt_is_read_in_the_site_time_zone(imported, settings):
    # 2024-06-01 10:00 in Europe/London (BST) is 09:00 UTC.
    assert settings.TIME_ZONE == "Europe/London"
    assert article("half-written-draft").created_at == datetime(
        2024, 6, 1, 9, tzinfo=UTC
    )


def test_published_post_is_live(imported):
    assert article("budget-vote").is_live


def test_future_post_is_scheduled_at_its_date(imported):
    cup = article("cup-final-preview")
    assert cup.is_scheduled and cup.published_at.year == 2099


def test_draft_becomes_draft(imported):
    assert article("half-written-draft").status == Article.Status.DRAFT


def test_pending_becomes_in_review(imported):
    assert article("waiting-for-review").status == Article.Status.REVIEW


def test_private_becomes_draft(imported):
    assert article("staff-only").status == Article.Status.DRAFT


def test_trashed_post_is_skipped_and_counted(imported):
    assert "Articles: 1 in the trash" in imported
    assert not Article.objects.filter(headline="Binned").exists()


def test_post_with_no_title_and_no_content_is_skipped_and_counted(imported):
    assert "Articles: 1 no title and no content" in imported


def test_sticky_post_is_featured(imported):
    assert list(Article.objects.filter(featured=True)) == [article("budget-vote")]


def test_closed_comments_stay_closed(imported):
    assert not article("cup-final-preview").comments_enabled


def test_post_without_category_goes_to_uncategorized(imported):
    assert article("note").section.slug == "uncategorized"


def test_pages_become_flat_pages_at_their_wordpress_path(imported):
    assert set(FlatPage.objects.values_list("url", "title")) == {
        ("/about/", "About us"),
        ("/about/team/", "Our team"),
    }


def test_imported_page_is_served(imported, client):
    assert "Jane and Mark." in client.get("/pages/about/team/").text


def test_page_content_is_cleaned_like_articles(imported):
    content = FlatPage.objects.get(url="/about/").content
    assert "<iframe" not in content and "<p>Founded in 2004.</p>" in content


def test_unknown_post_types_are_skipped_and_counted_by_type(imported):
    assert all(
        line in imported
        for line in (
            "Other items: 2 post type nav_menu_item",
            "Other items: 1 post type product",
            "Other items: 1 post type wp_block",
        )
    )


def test_summary_table_counts_created_rows_per_kind(imported):
    rows = {line.split()[0]: line.split()[1:] for line in imported.splitlines()[2:10]}
    assert rows["Articles"] == ["6", "0", "0", "2"]


def test_permalink_structure_is_read_from_post_links(imported):
    assert "Permalinks: /%year%/%monthnum%/%day%/%postname%/" in imported


def test_imported_article_page_shows_the_story(imported, client):
    response = client.get(article("budget-vote").get_absolute_url())
    assert "The council approved the budget" in response.text


def test_password_protected_post_is_imported_as_a_draft(run_import, write_export):
    from .conftest import post, wxr

    secret = "<wp:post_password>letmein</wp:post_password>"
    output = run_import(write_export(wxr(post(1, "Members only", extra=secret))))
    assert Article.objects.get().status == Article.Status.DRAFT
    assert "Post 1 was password-protected: imported as a draft." in output


def test_articles_added_in_bulk_start_a_new_page_cache_generation(
    run_import, write_export, django_capture_on_commit_callbacks
):
    from newsroom import pagecache

    from .conftest import post, wxr

    run_import(write_export(wxr(post(1, "First")), "a.xml"))
    before = pagecache.current_generation()
    # Only a new article: no save(), so no signal; the importer says so itself.
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write_export(wxr(post(1, "First"), post(2, "Second")), "b.xml"))
    assert pagecache.current_generation() != before
