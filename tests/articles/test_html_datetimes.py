"""Every `datetime` attribute on reader pages is one the Nu Html Checker
accepts: a valid date, time or global date and time with at most three
fraction digits (Django's `|date:'c'` gives six)."""

import re
from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

from tests.comments.factories import make_comment
from tests.factories import make_article, make_tag

# HTML's "valid global date and time string" (and the date-only form).
VALID = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


class _Datetimes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = []

    def handle_starttag(self, tag, attrs):
        self.values += [value for name, value in attrs if name == "datetime"]


def datetimes(html: str) -> list[str]:
    parser = _Datetimes()
    parser.feed(html)
    return parser.values


def test_every_datetime_attribute_on_reader_pages_is_valid(
    client, published_article, section, author
):
    tag = make_tag(name="Climate", slug="climate")
    # Microseconds everywhere, and an edit after publication.
    moment = timezone.now().replace(microsecond=123456) - timedelta(minutes=5)
    article = make_article(section=section, authors=[author], tags=[tag])
    article.published_at = moment - timedelta(hours=2)
    article.save()
    make_comment(article, created_at=moment)
    pages = [
        "/", section.get_absolute_url(), article.get_absolute_url(),
        author.get_absolute_url(), "/authors/", tag.get_absolute_url(),
        "/search/?q=headline",
    ]  # fmt: skip
    found = {page: datetimes(client.get(page).content.decode()) for page in pages}
    invalid = [
        (p, v) for p, values in found.items() for v in values if not VALID.match(v)
    ]
    assert (invalid, all(found[p] for p in pages[:3])) == ([], True)
