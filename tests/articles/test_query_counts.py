"""Reader pages run a fixed number of queries, however much content there is."""

import pytest

from django.db import connection

from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_tag,
)


@pytest.fixture
def busy_site(db):
    image = make_image()
    sections = [make_section(in_navigation=True) for _ in range(3)]
    authors = [make_author() for _ in range(3)]
    tags = [make_tag() for _ in range(3)]
    articles = [
        make_article(
            section=sections[n % 3],
            authors=authors[: n % 3 + 1],
            tags=tags,
            lead_image=image,
            featured=n % 4 == 0,
        )  # fmt: skip
        for n in range(12)
    ]
    return {
        "sections": sections,
        "authors": authors,
        "tags": tags,
        "articles": articles,
    }


def count_queries(client, url, django_assert_num_queries, expected):
    client.get(url)  # the Site is cached per process after the first request
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_home_queries_are_fixed(client, busy_site, django_assert_num_queries):
    # featured, latest, all sections, nav sections, one LIMIT query per
    # navigation section (3 here; one UNION ALL of them on PostgreSQL), their
    # cards, every card's bylines, the front-page pins: 2+1+1+3+1+1+1
    per_section = 1 if connection.features.supports_slicing_ordering_in_compound else 3
    count_queries(client, "/", django_assert_num_queries, 7 + per_section)


def test_section_page_queries_are_fixed(client, busy_site, django_assert_num_queries):
    url = busy_site["sections"][0].get_absolute_url()
    # ... and one for the section's front-page pins
    count_queries(client, url, django_assert_num_queries, 8)


def test_article_page_queries_are_fixed(client, busy_site, django_assert_num_queries):
    # article, tags, nav sections, related, the bylines of the story and
    # the related stories together, comment count
    url = busy_site["articles"][5].get_absolute_url()
    count_queries(client, url, django_assert_num_queries, 6)


def test_author_page_queries_are_fixed(client, busy_site, django_assert_num_queries):
    url = busy_site["authors"][0].get_absolute_url()
    count_queries(client, url, django_assert_num_queries, 5)


def test_tag_page_queries_are_fixed(client, busy_site, django_assert_num_queries):
    url = busy_site["tags"][0].get_absolute_url()
    count_queries(client, url, django_assert_num_queries, 5)


def test_search_queries_are_fixed(client, busy_site, django_assert_num_queries):
    count_queries(client, "/search/?q=headline", django_assert_num_queries, 4)


def test_feed_queries_are_fixed(client, busy_site, django_assert_num_queries):
    count_queries(client, "/feeds/latest/", django_assert_num_queries, 2)
