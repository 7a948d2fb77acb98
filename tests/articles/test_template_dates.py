"""The reader pages' `date` filter gives byte for byte what Django's does,
for every format the Jinja2 templates use."""

import random
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from django.conf import settings
from django.template import Context, Engine
from django.utils import timezone, translation

from articles.jinja import date as page_date

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "jinja2"
FORMAT = re.compile(r"""\|\s*date\(\s*(["'])(.*?)\1\s*\)""")
# A literal format only: the filter is a Jinja2 one, so the template passes it.
FORMATS = sorted(
    {
        match[1]
        for path in TEMPLATES.rglob("*.html")
        for match in FORMAT.findall(path.read_text())
    }
    | {r"D, d M Y H:i:s O \a\t e", "N jS F Y P", "r", "U"}
)
# Django templates convert an aware datetime to the current time zone, then
# the filter formats it: the reader pages must show the same.
DJANGO = Engine().from_string(
    "{% autoescape off %}{{ moment|date:format }}{% endautoescape %}"
)
ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]


def django_date(moment, fmt):
    return DJANGO.render(Context({"moment": moment, "format": fmt}))


def moments():
    rng = random.Random(14)
    start = datetime(1999, 1, 1, tzinfo=UTC)
    yield from (start + timedelta(seconds=rng.randrange(10**9)) for _ in range(150))
    # Around the 2026 changes of clocks in Europe and North America.
    for day in (datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 10, 25, tzinfo=UTC)):
        yield from (day + timedelta(minutes=30 * n) for n in range(48))
    yield datetime(2026, 12, 3, 9, 5, 7, 123456, tzinfo=UTC)


def test_the_templates_use_some_date_formats():
    assert {"j M Y", "c"} <= set(FORMATS)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_format_matches_djangos_date_filter(zone, language):
    with timezone.override(zone), translation.override(language):
        mismatches = [
            (moment, fmt, page_date(moment, fmt), django_date(moment, fmt))
            for moment in moments()
            for fmt in FORMATS
            if page_date(moment, fmt) != django_date(moment, fmt)
        ]
    assert mismatches == []


def test_a_date_and_nothing_match_too():
    day = date(2026, 2, 28)
    assert (page_date(day, "j M Y"), page_date(None, "j M Y")) == (
        django_date(day, "j M Y"),
        django_date(None, "j M Y"),
    )
