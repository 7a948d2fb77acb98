"""Listing pages count at most a capped number of articles."""

import pytest

from articles import pagination
from tests.factories import make_article, make_section, make_tag


@pytest.fixture
def tag_of_five(db, settings, monkeypatch):
    settings.ARTICLES_PER_PAGE = 2
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    tag = make_tag()
    for _ in range(5):
        make_article(tags=[tag])
    return tag


def page(client, tag, number):
    return client.get(tag.get_absolute_url(), {"page": number})


def test_capped_count_says_more_than_the_cap(client, tag_of_five):
    assert (
        "Page 1 of 2 (the first 3 of more than 3)" in page(client, tag_of_five, 1).text
    )


def test_last_page_within_the_cap_is_served(client, tag_of_five):
    response = page(client, tag_of_five, 2)
    assert len(response.context["page_obj"].object_list) == 1


def test_page_past_the_cap_is_not_found(client, tag_of_five):
    assert page(client, tag_of_five, 3).status_code == 404


def test_page_past_the_real_end_is_not_found(client, tag_of_five):
    assert page(client, tag_of_five, 99).status_code == 404


def test_count_under_the_cap_is_exact(client, db, settings, monkeypatch):
    settings.ARTICLES_PER_PAGE = 2
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    tag = make_tag()
    for _ in range(3):
        make_article(tags=[tag])
    html = page(client, tag, 1).text
    assert "Page 1 of 2</span>" in html


def test_section_pages_are_never_capped(client, db, settings, monkeypatch):
    settings.ARTICLES_PER_PAGE = 2
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    section = make_section(name="Archive", slug="archive")
    for _ in range(5):
        make_article(section=section)
    response = client.get(section.get_absolute_url(), {"page": 3})
    assert response.status_code == 200 and "Page 3 of 3</span>" in response.text
