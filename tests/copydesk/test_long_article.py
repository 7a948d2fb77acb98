"""A 5,000-word article, the size bench/copydesk.py times: every slip is found.

Not a timed test: bench/copydesk.py measures it (about 60 ms).
"""

from collections import Counter

from articles.copydesk.engine import run_checks
from articles.models import Article
from bench.copydesk import EVERY, long_article_body


def long_article():
    return Article(
        headline="Amaru basin states close in on a drought deal",
        standfirst="Negotiators say the monitoring plan is working.",
        body=long_article_body(5000),
    )


def test_the_article_has_five_thousand_words():
    assert 5000 <= len(long_article_body(5000).split()) < 5100


def test_every_planted_slip_is_found_where_it_is(db):
    article = long_article()
    findings = [f for f in run_checks(article) if f.field == "body"]
    count = article.body.count("<p>")
    assert sorted({f.paragraph for f in findings}) == list(
        range(EVERY, count + 1, EVERY)
    )


def test_each_kind_of_slip_is_found(db):
    rules = Counter(f.rule for f in run_checks(long_article()))
    assert rules == {
        "hole": 4,
        "capital_after_abbreviation": 2,
        "unattributed_claim": 2,
        "placeholder": 2,
        "internal_link": 1,
        "missing_lead_image": 1,
    }


def test_checking_it_takes_three_queries(db, django_assert_num_queries):
    # The Site (then cached), the linked articles, redirects for missing ones.
    with django_assert_num_queries(3):
        run_checks(long_article())
