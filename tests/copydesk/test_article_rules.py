"""Rules about links, pictures, structure and dates, passing and failing."""

from datetime import timedelta

from django.contrib.redirects.models import Redirect
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_upload

from .helpers import PUBLISHED, body_findings, check, rules_hit


def test_link_text_that_is_a_bare_url_is_a_warning(db):
    url = "https://example.org/report"
    findings = body_findings(f'<p>See <a href="{url}">{url}</a>.</p>')
    assert [(f.rule, f.severity) for f in findings] == [("link_text_is_url", "warning")]


def test_link_text_that_says_where_it_goes_passes(db):
    assert rules_hit('<p>See <a href="https://example.org/r">the report</a>.</p>') == []


def test_same_url_twice_in_a_paragraph_is_a_warning(db):
    html = (
        '<p>The <a href="https://example.org/r">report</a> and its '
        '<a href="https://example.org/r/">annex</a>.</p>'
    )
    assert [f.marked for f in body_findings(html)] == ["annex"]


def test_same_url_in_two_paragraphs_passes(db):
    html = (
        '<p>The <a href="https://example.org/r">report</a>.</p>'
        '<p>Its <a href="https://example.org/r">annex</a>.</p>'
    )
    assert rules_hit(html) == []


def test_link_to_a_draft_article_is_an_error(db):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    html = f'<p>See <a href="{draft.get_absolute_url()}">our story</a>.</p>'
    assert rules_hit(html) == ["internal_link"]


def test_link_to_a_missing_article_is_an_error(db):
    html = '<p>See <a href="/news/world/no-such-story/">our story</a>.</p>'
    assert rules_hit(html) == ["internal_link"]


def test_full_url_on_our_own_domain_is_checked_too(db):
    html = '<p>See <a href="http://localhost/news/world/gone/">our story</a>.</p>'
    assert rules_hit(html) == ["internal_link"]


def test_link_to_a_published_article_passes(db):
    live = make_article(published_at=PUBLISHED - timedelta(days=1))
    html = f'<p>See <a href="{live.get_absolute_url()}">our story</a>.</p>'
    assert rules_hit(html) == []


def test_link_to_an_article_scheduled_after_this_one_is_an_error(db):
    later = make_article(published_at=PUBLISHED + timedelta(days=1))
    html = f'<p>See <a href="{later.get_absolute_url()}">our story</a>.</p>'
    assert rules_hit(html) == ["internal_link"]


def test_link_to_a_moved_article_passes(db):
    Redirect.objects.create(
        site_id=1, old_path="/news/world/old-slug/", new_path="/news/uk/new/"
    )
    html = '<p>See <a href="/news/world/old-slug/">our story</a>.</p>'
    assert rules_hit(html) == []


def test_internal_links_cost_two_queries_however_many(db, django_assert_num_queries):
    links = ", ".join(
        f'<a href="/news/world/story-{n}/">story {n}</a>' for n in range(20)
    )
    with django_assert_num_queries(2):  # the articles, then redirects
        assert len(body_findings(f"<p>{links}.</p>")) == 20


def test_same_paragraph_twice_is_an_error(db):
    paragraph = "<p>The river rose by two metres in a single night.</p>"
    findings = body_findings(paragraph + "<p>Between.</p>" + paragraph)
    assert [(f.rule, f.paragraph) for f in findings] == [("duplicate_paragraph", 3)]


def test_short_repeated_lines_pass(db):
    assert rules_hit("<p>Read more.</p><p>Text.</p><p>Read more.</p>") == []


def test_long_headline_is_a_warning_marking_what_is_cut_off(db, settings):
    settings.COPY_HEADLINE_MAX_CHARS = 20
    headline = "Twenty characters ok and the rest"
    finding = next(
        f for f in check("<p>x</p>", headline=headline) if f.rule == "headline_length"
    )
    assert (finding.severity, finding.marked) == ("warning", "and the rest")


def test_headline_within_the_limit_passes(db):
    assert not [f for f in check("<p>x</p>") if f.rule == "headline_length"]


def test_missing_standfirst_is_a_warning(db):
    findings = check("<p>x</p>", standfirst="  ")
    assert [(f.rule, f.severity) for f in findings if f.field == "standfirst"] == [
        ("missing_standfirst", "warning")
    ]


def test_missing_lead_image_is_a_warning(db):
    assert [(f.rule, f.severity) for f in check("<p>x</p>")] == [
        ("missing_lead_image", "warning")
    ]


def test_lead_image_with_alt_text_passes(db):
    from articles.models import Image

    image = Image.objects.create(file=make_upload(), alt_text="A river in flood")
    assert check("<p>x</p>", lead_image=image) == []


def test_lead_image_alt_text_that_is_a_file_name_is_an_error(db):
    from articles.models import Image

    image = Image.objects.create(file=make_upload(), alt_text="IMG_2041.jpg")
    assert [f.rule for f in check("<p>x</p>", lead_image=image)] == ["missing_alt_text"]


def test_body_picture_without_alt_text_is_an_error(db):
    findings = body_findings('<p>x</p><img src="/media/a.jpg" alt="">')
    assert [(f.rule, f.paragraph) for f in findings] == [("missing_alt_text", 2)]


def test_body_picture_with_alt_text_passes(db):
    assert rules_hit('<p>x</p><img src="/media/a.jpg" alt="Flooded fields">') == []


# PUBLISHED is Monday 1 June 2026.
def test_weekday_that_does_not_match_the_date_is_a_warning(db):
    findings = body_findings("<p>It rained on Friday, 3 March 2026.</p>")
    assert [(f.rule, f.severity, f.marked) for f in findings] == [
        ("date_contradiction", "warning", "Friday, 3 March 2026")
    ]


def test_weekday_that_matches_the_date_passes(db):
    assert rules_hit("<p>It rained on Tuesday, 3 March 2026.</p>") == []


def test_weekday_without_a_year_is_read_in_the_publish_year(db):
    assert rules_hit("<p>It rained on Friday, March 3.</p>") == ["date_contradiction"]


def test_past_event_dated_after_publication_is_a_warning(db):
    assert rules_hit("<p>The treaty was signed in 2027.</p>") == ["date_contradiction"]


def test_past_event_with_a_full_later_date_is_a_warning(db):
    assert rules_hit("<p>It was signed on 4 July 2026.</p>") == ["date_contradiction"]


def test_future_year_in_a_sentence_about_the_future_passes(db):
    assert rules_hit("<p>The link will open in 2029.</p>") == []
    assert rules_hit("<p>Emissions must halve by 2030.</p>") == []


def test_earlier_year_passes(db):
    assert rules_hit("<p>The accord was signed in 1998.</p>") == []


def test_unpublished_draft_is_dated_today(db):
    year = timezone.localtime().year
    findings = check(f"<p>The accord was signed in {year + 1}.</p>", published_at=None)
    assert [f.rule for f in findings if f.field == "body"] == ["date_contradiction"]
