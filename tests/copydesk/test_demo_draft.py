"""The demo's draft trips several rules, so a new user sees the desk at once."""

import pytest

from articles.copydesk.models import CopyFinding
from articles.models import Article
from tests.articles.test_load_demo import loaded  # noqa: F401 (a fixture)

DRAFT_SLUG = (
    "amaru-basin-states-close-in-on-a-drought-deal-as-the-talks-move-to-a-final-round"  # noqa: E501
)


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestDemoDraft:
    def test_it_is_a_draft(self):
        assert Article.objects.get(slug=DRAFT_SLUG).status == Article.Status.DRAFT

    def test_its_findings_are_stored_for_the_list(self):
        rules = set(
            CopyFinding.objects.filter(article__slug=DRAFT_SLUG).values_list(
                "rule", flat=True
            )
        )
        assert rules >= {
            "hole",
            "capital_after_abbreviation",
            "unattributed_claim",
            "placeholder",
            "internal_link",
            "duplicate_paragraph",
            "link_text_is_url",
            "repeated_link",
            "date_contradiction",
        }

    def test_it_has_errors_that_block_publishing(self):
        assert CopyFinding.objects.filter(article__slug=DRAFT_SLUG).blocking().exists()
