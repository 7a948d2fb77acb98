"""Each text rule with slips it must catch and the same copy written right.

The slips quoted in the issue come first in each list, with their correct
versions among the passing examples.
"""

import pytest

from .helpers import body_findings, check, rules_hit

# (rule, paragraph, the marked text)
SLIPS = [
    # Holes where a link, a date or a source was lost (the issue's own).
    ("hole", "The talks have concluded in , with both sides", "in ,"),
    (
        "hole",
        "Washington withdrew from the agreement in under the Trump administration.",
        "in under",
    ),
    ("hole", "Reports from indicate that the ceasefire holds.", "from indicate"),
    ("hole", "It was the the biggest protest in years.", "the the"),
    ("hole", "The future of . That is the question.", "of ."),
    ("hole", "A spokesman for ; the ministry declined.", "for ;"),
    ("hole", "The vote in has been delayed.", "in has"),
    ("hole", "It is a matter of the of state.", "the of"),
    ("hole", "The of talks resumed.", "The of"),
    ("hole", "The report was published by the", "the"),
    ("spacing", "The talks  resumed on Monday.", "  "),
    ("spacing", "The talks resumed , officials said.", " ,"),
    ("spacing", "Turnout was high ; queues were long.", " ;"),
    # A capitaliser took an abbreviation's full stop for a sentence's end.
    ("capital_after_abbreviation", "Talks between the U.S. And Iran resumed.", "And"),
    ("capital_after_abbreviation", "The U.S. Has imposed new sanctions.", "Has"),
    ("capital_after_abbreviation", "The clinic's head, Dr. Has said little.", "Has"),
    ("capital_after_abbreviation", "The state's Gov. Says he will veto it.", "Says"),
    ("capital_after_abbreviation", "The U.K. Or France could host it.", "Or"),
    ("capital_after_abbreviation", "The meeting at 9 a.m. Was cancelled.", "Was"),
    # Claims with no source.
    ("unattributed_claim", "Sources say the deal is close.", "Sources say"),
    (
        "unattributed_claim",
        "The deal is close, according to a senior official.",
        "according to",
    ),
    ("unattributed_claim", "Reports from the region suggest calm.", "Reports from"),
    (
        "unattributed_claim",
        "It was over, according to the sources in the room.",
        "according to",
    ),
    # Leftover placeholders.
    ("placeholder", "The minister, TK, declined to comment.", "TK"),
    ("placeholder", "Turnout was TKTK per cent.", "TKTK"),
    ("placeholder", "The budget is XXX million.", "XXX"),
    ("placeholder", "Lorem ipsum dolor sit amet.", "Lorem ipsum"),
    ("placeholder", "Dear {{ first_name }}, welcome.", "{{ first_name }}"),
    ("placeholder", "See [[link to report]] for details.", "[[link to report]]"),
    ("placeholder", "INSERT QUOTE FROM MINISTER", "INSERT"),
]

# Each slip above written correctly, and copy that looks close to a slip.
CORRECT = [
    "The talks have concluded in Geneva, with both sides claiming progress.",
    "Washington withdrew from the agreement in 2018 under the Trump administration.",
    "Reports from Reuters indicate that the ceasefire holds.",
    "It was the biggest protest in years.",
    "The future of Europe. That is the question.",
    "The results are in, and turnout was high.",
    "The race was won in under an hour.",
    "The cat crawled in under the fence.",
    "He said that that was the end of it.",
    "Residents of Walla Walla voted on Tuesday.",
    "Talks between the U.S. and Iran resumed.",
    "The U.S. has imposed new sanctions.",
    "The clinic's head, Dr. Haddad, said little.",
    "The state's Gov. Newsom says he will veto it.",
    "The U.K. or France could host it.",
    "The meeting at 9 a.m. was cancelled.",
    # A sentence that really ends with an abbreviation.
    "The delegation flew to the U.S. The talks began on Monday.",
    "She has lived in the U.K. In 2019 she moved to Paris.",
    "He moved to the U.S. Has anyone asked him why?",
    "The film was Mr. And Mrs. Smith, shown on Friday.",
    "Prof. Said wrote the book.",
    "Sources close to the minister told <a href='https://example.org/x'>the"
    " paper</a> the deal is close.",
    "The deal is close, according to Interior Minister Firass Abiad.",
    "Turnout fell, according to the electoral commission's figures, which the"
    " Electoral Commission published.",
    "Turnout fell, according to <a href='https://example.org/figures'>figures"
    " published on Monday</a>.",
    "Reports from the BBC suggest calm.",
    "The talks resumed on Monday, officials said.",
    "The minister, Ana Ruiz, declined to comment.",
    "Turnout was 61 per cent.",
    "The budget is 40 million.",
    "A cartoonist's TKO.",
    "Please insert your card.",
    "Plan A is ready, and so is Plan B.",
    "The talks resumed in Geneva.",
]


@pytest.mark.parametrize(("rule", "text", "marked"), SLIPS)
def test_slip_is_found_and_marked(db, rule, text, marked):
    found = [f for f in body_findings(f"<p>{text}</p>") if f.rule == rule]
    assert [f.marked for f in found] == [marked]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_copy_passes_every_rule(db, text):
    assert body_findings(f"<p>{text}</p>") == []


def test_finding_says_field_and_paragraph(db):
    findings = body_findings("<p>All well.</p><p>The talks ended in , sadly.</p>")
    assert [(f.field, f.paragraph, f.place) for f in findings] == [
        ("body", 2, "Body, paragraph 2")
    ]


def test_excerpt_marks_the_slip_in_context(db):
    finding = body_findings("<p>The talks have concluded in , with both.</p>")[0]
    assert finding.excerpt_with_marks() == (
        "The talks have concluded «in ,» with both."
    )


def test_long_paragraph_excerpt_is_cut_at_words(db):
    text = "word " * 30 + "in , " + "word " * 30
    finding = body_findings(f"<p>{text}</p>")[0]
    assert finding.before.startswith("…") and finding.after.endswith("…")


def test_headline_slip_is_found(db):
    findings = check("<p>Fine.</p>", headline="U.S. And Iran resume talks")
    assert [(f.rule, f.field) for f in findings if f.field == "headline"] == [
        ("capital_after_abbreviation", "headline")
    ]


def test_title_case_headline_may_capitalise_after_an_abbreviation(db):
    findings = check("<p>Fine.</p>", headline="U.S. And Iran Resume Nuclear Talks")
    assert [f for f in findings if f.field == "headline"] == []


def test_standfirst_slip_is_found(db):
    findings = check("<p>Fine.</p>", standfirst="Officials met in , on Monday.")
    assert [(f.rule, f.field) for f in findings if f.field == "standfirst"] == [
        ("hole", "standfirst")
    ]


def test_caption_in_body_is_checked(db):
    html = "<figure><figcaption>The river in , June.</figcaption></figure>"
    assert [f.place for f in body_findings(html)] == ["Body, paragraph 1 (caption)"]


def test_alt_text_in_body_is_checked(db):
    html = '<p>Fine.</p><img src="/m/a.jpg" alt="Lorem ipsum">'
    assert [(f.rule, f.place) for f in body_findings(html)] == [
        ("placeholder", "Body, paragraph 2 (alt text)")
    ]


def test_line_breaks_in_the_source_are_no_double_space(db):
    html = (
        '<p>The draft text and the <a href="https://example.org/s">\n   study</a>.</p>'
    )
    assert rules_hit(html) == []


def test_empty_link_is_a_hole(db):
    html = '<p>Read <a href="https://example.org/r"> </a> the report.</p>'
    assert rules_hit(html) == ["empty_link"]


def test_link_to_nowhere_is_a_hole(db):
    assert rules_hit('<p>Read <a href="">the report</a>.</p>') == ["empty_link"]
