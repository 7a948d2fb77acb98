from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_tag


def test_home_shows_lead_story(client, db):
    make_article(headline="The lead story", featured=True)
    html = client.get("/").text
    assert (
        "The lead story" in html.split('class="home-lead"', 1)[1].split("</section>")[0]
    )


def test_home_shows_latest_and_section_blocks(client, db):
    world = make_section(name="World", slug="world")
    make_article(headline="A world story", section=world)
    make_article(headline="Second story", section=world)
    html = client.get("/").text
    assert 'id="block-world"' in html and "Latest" in html


def test_home_leaves_out_unpublished(client, db):
    make_article(headline="Secret draft", status=Article.Status.DRAFT)
    assert "Secret draft" not in client.get("/").text


def test_every_page_has_navigation_search_and_footer(client, db):
    make_section(name="Science", slug="science", in_navigation=True)
    make_section(name="Hidden", slug="hidden", in_navigation=False)
    html = client.get("/").text
    nav = html.split('aria-label="Sections"', 1)[1].split("</nav>", 1)[0]
    checks = ["Science" in nav, "Hidden" not in nav, 'role="search"' in html,
              "<footer" in html, "/pages/privacy/" in html]  # fmt: skip
    assert all(checks)


def test_section_page_lists_newest_first(client, section):
    old = make_article(section=section, published_at=timezone.now() - timedelta(days=2))
    new = make_article(section=section)
    html = client.get(section.get_absolute_url()).text
    assert html.index(new.headline) < html.index(old.headline)


def test_parent_section_lists_subsection_articles(client, section):
    child = make_section(name="Middle East", slug="middle-east", parent=section)
    article = make_article(section=child, headline="From the subsection")
    html = client.get(section.get_absolute_url()).text
    assert article.headline in html and 'href="/section/middle-east/"' in html


def test_section_page_is_paginated(client, section, settings):
    for _ in range(25):
        make_article(section=section)
    second = client.get(section.get_absolute_url() + "?page=2")
    assert len(second.context["page_obj"].object_list) == 5


def test_nonsense_page_number_is_not_found(client, section):
    assert (
        client.get(section.get_absolute_url() + "?page=abc' OR 1=1").status_code == 404
    )


def test_unknown_section_is_not_found(client, db):
    assert client.get("/section/nope/").status_code == 404


def test_author_page_lists_their_articles(client, author):
    mine = make_article(authors=[author], headline="Mine")
    make_article(headline="Someone else's")
    response = client.get(author.get_absolute_url())
    assert list(response.context["page_obj"].object_list) == [mine]


def test_author_page_shows_role_and_bio(client, db):
    author = make_author(role_title="Science Editor", bio="Writes about space.")
    html = client.get(author.get_absolute_url()).text
    assert "Science Editor" in html and "Writes about space." in html


def test_authors_list_names_everyone(client, db):
    make_author(name="Ann Alpha")
    make_author(name="Bo Beta")
    html = client.get("/authors/").text
    assert "Ann Alpha" in html and "Bo Beta" in html


def test_tag_page_lists_tagged_articles(client, db):
    tag = make_tag(name="Climate", slug="climate")
    tagged = make_article(tags=[tag])
    make_article()
    response = client.get(tag.get_absolute_url())
    assert list(response.context["page_obj"].object_list) == [tagged]


def test_pages_have_own_title_and_description(client, section):
    html = client.get(section.get_absolute_url()).text
    assert (
        "<title>World | The Daily Ledger</title>" in html
        and '<meta name="description"' in html
    )


def test_section_page_links_its_feed(client, section):
    html = client.get(section.get_absolute_url()).text
    assert 'href="/feeds/section/world/"' in html


def test_author_page_links_its_feed(client, author):
    html = client.get(author.get_absolute_url()).text
    assert 'href="/feeds/author/jane-doe/"' in html


def test_not_found_page_uses_site_design(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and "We can’t find that page" in response.text


def test_a_section_counts_every_level_below_it_in_one_query(
    db, django_assert_num_queries
):
    world = make_section()
    europe = make_section(parent=world)
    france = make_section(parent=europe)
    asia = make_section(parent=world)
    make_section()  # elsewhere
    with django_assert_num_queries(1):
        ids = world.descendant_ids()
    assert sorted(ids) == sorted([world.pk, europe.pk, france.pk, asia.pk])
    assert europe.descendant_ids() == [europe.pk, france.pk]
