"""Listings leave out the columns their cards never show."""

from tests.factories import make_article, make_tag


def test_listing_cards_leave_out_body_and_search_vector(client, db):
    tag = make_tag()
    make_article(tags=[tag])
    card = client.get(tag.get_absolute_url()).context["page_obj"].object_list[0]
    assert {"body", "search_vector"} <= card.get_deferred_fields()


def test_article_page_loads_its_body(client, db):
    article = make_article()
    shown = client.get(article.get_absolute_url()).context["article"]
    assert "body" not in shown.get_deferred_fields()


def test_feed_without_standfirsts_runs_no_query_per_item(
    client, db, django_assert_num_queries
):
    for _ in range(3):
        make_article(standfirst="")
    client.get("/feeds/latest/")  # the Site is cached after the first request
    # 30 newest + bylines: the description falls back to the body
    with django_assert_num_queries(2):
        client.get("/feeds/latest/")
