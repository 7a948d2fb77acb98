import json
import re
from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_user,
)


def ld_blocks(html: str) -> list[dict]:
    found = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in found]


def ld_of_type(html: str, kind: str) -> dict:
    return next(block for block in ld_blocks(html) if block["@type"] == kind)


@pytest.fixture
def nested_article(db):
    world = make_section(name="World", slug="world")
    mideast = make_section(name="Middle East", slug="middle-east", parent=world)
    return make_article(
        headline="Ceasefire holds", slug="ceasefire-holds", section=mideast
    )


def test_article_page_shows_headline(client, published_article):
    response = client.get(published_article.get_absolute_url())
    assert '<h1 class="story__headline">Talks resume in Geneva</h1>' in response.text


def test_breadcrumbs_list_every_section_level(client, nested_article):
    html = client.get(nested_article.get_absolute_url()).text
    trail = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    labels = re.findall(r">([^<>]+)</(?:a|span)>", trail)
    assert [label for label in labels if label.strip() != "»"] == [
        "Home", "World", "Middle East", "Ceasefire holds",
    ]  # fmt: skip


def test_breadcrumbs_link_all_but_the_last(client, nested_article):
    html = client.get(nested_article.get_absolute_url()).text
    trail = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)"', trail) == [
        "/",
        "/section/world/",
        "/section/middle-east/",
    ]


def test_breadcrumb_json_ld_matches_the_visible_trail(client, nested_article):
    html = client.get(nested_article.get_absolute_url()).text
    items = ld_of_type(html, "BreadcrumbList")["itemListElement"]
    assert [(i["position"], i["name"]) for i in items] == [
        (1, "Home"), (2, "World"), (3, "Middle East"), (4, "Ceasefire holds"),
    ]  # fmt: skip


def test_byline_names_author_and_role(client, published_article):
    html = client.get(published_article.get_absolute_url()).text
    assert (
        'by <a href="/authors/jane-doe/" rel="author">Jane Doe</a> - World News Editor'
        in html
    )


def test_two_authors_read_a_and_b(client, section):
    article = make_article(
        section=section,
        authors=[
            make_author(name="Ann", role_title=""),
            make_author(name="Bob", role_title=""),
        ],
    )
    html = client.get(article.get_absolute_url()).text
    assert re.search(r"by <a [^>]+>Ann</a> and <a [^>]+>Bob</a>", html)


def test_co_authors_keep_their_roles(client, section):
    ann = make_author(name="Ann", role_title="Science Editor")
    bob = make_author(name="Bob", role_title="Data Reporter")
    article = make_article(section=section, authors=[ann, bob])
    html = client.get(article.get_absolute_url()).text
    assert re.search(
        r"by <a [^>]+>Ann</a> \(Science Editor\) and <a [^>]+>Bob</a> \(Data Reporter\)",
        html,
    )


def test_the_nav_marks_the_section_of_the_story(client, db):
    world = make_section(name="World", slug="world", in_navigation=True)
    make_section(name="Sport", slug="sport", in_navigation=True)
    article = make_article(section=make_section(name="Africa", parent=world))
    html = client.get(article.get_absolute_url()).text
    assert re.findall(r'<a href="/section/(\w+)/" aria-current', html) == ["world"]


def test_published_time_is_machine_readable(client, published_article):
    html = client.get(published_article.get_absolute_url()).text
    stamp = published_article.first_published_at.astimezone(
        timezone.get_current_timezone()
    )
    assert f'<time datetime="{stamp.replace(microsecond=0).isoformat()}"' in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "review", "unpublished", "scheduled"],
)
def test_unpublished_articles_are_not_found_by_readers(client, db, overrides):
    article = make_article(**overrides)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_preview_is_not_found_by_readers(client, db):
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(article.get_preview_url()).status_code == 404


def test_staff_see_a_draft_with_a_not_published_banner(client, db):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(make_user(role="Reporter"))
    response = client.get(article.get_preview_url())
    assert "Not published." in response.text


def test_staff_preview_is_never_cached(client, db):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(make_user(role="Editor"))
    response = client.get(article.get_absolute_url())
    assert "no-store" in response["Cache-Control"]


def test_staff_without_article_permission_get_404_for_preview(client, db):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(make_user(role="Moderator"))
    assert client.get(article.get_preview_url()).status_code == 404


def test_changed_slug_redirects_permanently(client, published_article):
    old_url = published_article.get_absolute_url()
    published_article.slug = "talks-resume"
    published_article.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (
        301,
        "/news/world/talks-resume/",
    )


def test_changed_section_redirects_permanently(client, published_article):
    old_url = published_article.get_absolute_url()
    published_article.section = make_section(slug="europe")
    published_article.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (
        301,
        "/news/europe/talks-resume-in-geneva/",
    )


def test_two_moves_redirect_the_first_url_straight_to_the_last(
    client, published_article
):
    first_url = published_article.get_absolute_url()
    published_article.slug = "second"
    published_article.save()
    published_article.slug = "third"
    published_article.save()
    assert client.get(first_url)["Location"] == "/news/world/third/"


def test_renaming_a_draft_leaves_no_redirect(client, db):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    old_url = article.get_absolute_url()
    article.slug = "renamed"
    article.save()
    assert client.get(old_url).status_code == 404


def test_news_article_json_ld(client, published_article):
    published_article.lead_image = make_image()
    published_article.save()
    data = ld_of_type(
        client.get(published_article.get_absolute_url()).text, "NewsArticle"
    )
    assert (data["headline"], [a["name"] for a in data["author"]], len(data["image"])) == (
        "Talks resume in Geneva", ["Jane Doe"], 3,
    )  # fmt: skip


def test_news_article_json_ld_has_crops_and_zoned_dates(client, published_article):
    published_article.lead_image = make_image()
    published_article.save()
    data = ld_of_type(
        client.get(published_article.get_absolute_url()).text, "NewsArticle"
    )
    crops = [re.search(r"/(\d+x\d+)-\d+\.jpg$", url).group(1) for url in data["image"]]
    zoned = all(
        re.search(r"[+-]\d\d:\d\d$", data[k]) for k in ("datePublished", "dateModified")
    )
    assert (crops, zoned) == (["16x9", "4x3", "1x1"], True)


def test_json_ld_author_urls_and_publisher_logo_are_absolute(client, published_article):
    data = ld_of_type(
        client.get(published_article.get_absolute_url()).text, "NewsArticle"
    )
    urls = [data["author"][0]["url"], data["publisher"]["logo"]["url"]]
    assert all(url.startswith("http://127.0.0.1:8000/") for url in urls)


def test_json_ld_cannot_be_broken_out_of(client, section):
    article = make_article(
        section=section, headline="</script><script>alert(1)</script>"
    )
    html = client.get(article.get_absolute_url()).text
    assert "</script><script>alert(1)" not in html


def test_article_has_open_graph_article_tags(client, published_article):
    published_article.tags.create(name="Diplomacy", slug="diplomacy")
    html = client.get(published_article.get_absolute_url()).text
    for tag in ['property="og:type" content="article"', 'property="article:published_time"',
                'property="article:modified_time"', 'property="article:section" content="World"',
                'property="article:tag" content="Diplomacy"', 'name="twitter:card"',
                'rel="canonical" href="http://127.0.0.1:8000/news/world/talks-resume-in-geneva/"']:  # fmt: skip
        assert tag in html


def test_article_links_its_section_feed(client, published_article):
    html = client.get(published_article.get_absolute_url()).text
    assert (
        'rel="alternate" type="application/rss+xml"' in html
        and "/feeds/section/world/" in html
    )


def test_lead_image_has_alt_caption_and_credit(client, published_article):
    published_article.lead_image = make_image()
    published_article.save()
    html = client.get(published_article.get_absolute_url()).text
    assert all(
        s in html for s in ['alt="A red square"', "Caption", "Credit: Staff", "srcset="]
    )


def test_article_page_has_share_links(client, published_article):
    html = client.get(published_article.get_absolute_url()).text
    assert '<a href="mailto:?subject=Talks%20resume%20in%20Geneva' in html


def test_renamed_section_keeps_its_articles_reachable(client, published_article):
    old_url = published_article.get_absolute_url()
    section = published_article.section
    section.slug = "world-news"
    section.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (
        301,
        "/news/world-news/talks-resume-in-geneva/",
    )
