import pytest

from django.db import connection

from articles.models import Article
from tests.factories import make_article, make_author, make_tag

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


def found(client, q):
    response = client.get("/search/", {"q": q})
    return [a.headline for a in response.context["page_obj"].object_list]


def test_search_finds_words_in_the_body(client, db):
    make_article(headline="Budget day", body="<p>The chancellor announced tariffs.</p>")
    assert found(client, "tariffs") == ["Budget day"]


def test_headline_match_ranks_above_body_match(client, db):
    make_article(headline="Markets calm", body="<p>Talk of inflation everywhere.</p>")
    make_article(headline="Inflation falls", body="<p>Prices eased.</p>")
    assert found(client, "inflation") == ["Inflation falls", "Markets calm"]


def test_search_leaves_out_unpublished(client, db):
    make_article(headline="Secret plan", status=Article.Status.DRAFT)
    assert found(client, "secret") == []


def test_empty_search_shows_the_form_only(client, db):
    make_article()
    response = client.get("/search/")
    assert (
        response.status_code == 200
        and list(response.context["page_obj"].object_list) == []
    )


@pytest.mark.parametrize(
    "q", ["' OR 1=1 --", '"; DROP TABLE articles_article; --', "%_%", "\\"]
)
def test_hostile_queries_are_harmless(client, db, q):
    make_article()
    assert client.get("/search/", {"q": q}).status_code == 200


def test_search_results_are_paginated(client, db):
    for n in range(25):
        make_article(headline=f"Harbour news {n}")
    response = client.get("/search/", {"q": "harbour", "page": 2})
    assert len(response.context["page_obj"].object_list) == 5


def test_search_form_is_on_every_page(client, db):
    assert 'role="search"' in client.get("/authors/").text


@postgres_only
def test_postgres_search_matches_word_stems(client, db):
    make_article(
        headline="Election results", body="<p>Voters elected a new council.</p>"
    )
    assert found(client, "electing") == ["Election results"]


@postgres_only
def test_postgres_search_supports_web_syntax(client, db):
    make_article(headline="Rail strike", body="<p>Trains stopped.</p>")
    make_article(headline="Bus strike", body="<p>Buses stopped.</p>")
    assert found(client, "strike -rail") == ["Bus strike"]


@postgres_only
def test_postgres_search_vector_follows_edits(client, db):
    article = make_article(headline="Old words")
    article.headline = "Fresh harvest"
    article.save()
    assert found(client, "harvest") == ["Fresh harvest"]


def test_search_finds_articles_by_tag_name(client, db):
    make_article(headline="Floods return", tags=[make_tag(name="Climate")])
    make_article(headline="Markets calm")
    assert found(client, "climate") == ["Floods return"]


def test_search_finds_articles_by_author_name(client, db):
    make_article(
        headline="Letter from Lagos", authors=[make_author(name="Hannah Okafor")]
    )
    make_article(headline="Markets calm")
    assert found(client, "Okafor") == ["Letter from Lagos"]


def test_search_matches_whole_words_not_parts_of_words(client, db):
    make_article(headline="Lorry drivers strike", body="<p>Pay talks.</p>")
    make_article(headline="Bridge closes", body="<p>The river is high.</p>")
    assert found(client, "river") == ["Bridge closes"]


def test_the_exact_word_ranks_above_a_longer_word(client, db):
    # The newer story comes first among equals: it is the longer word here.
    make_article(headline="River levels fall", body="<p>Rain eased.</p>")
    make_article(headline="Riverside homes sold", body="<p>Prices.</p>")
    assert found(client, "river")[0] == "River levels fall"
