"""The lead picture is fetched first; card pictures ask for the width the
layout shows them at (static/css/site.css), not a guess."""

import re

import pytest

from tests.factories import make_article, make_image, make_section

# Widths in CSS px, from site.css at each viewport width: a 75rem container
# with 1rem gutters (1.5rem from 48em); grids of 1, 2 (36em) and 4 (64em)
# columns, 1.5rem apart; list thumbnails of 7, 14 (40em) and 18rem (64em);
# a lead card full bleed on phones, then 3/5 of the container (56em) less
# its 2rem gap.
GRID = {375: 343, 700: 322, 1100: 245, 1440: 270}
LIST = {375: 112, 700: 224, 1100: 288, 1440: 288}
LEAD = {375: 375, 700: 668, 1100: 612, 1440: 672}


def length(value: str, viewport: int) -> float:
    """A sizes length in px: px, rem, vw or calc(a - b) of those."""
    value = value.strip()
    if calc := re.fullmatch(r"calc\((.+) - (.+)\)", value):
        return length(calc[1], viewport) - length(calc[2], viewport)
    number, unit = re.fullmatch(r"([\d.]+)(px|rem|em|vw)", value).groups()
    scale = {"px": 1, "rem": 16, "em": 16, "vw": viewport / 100}[unit]
    return float(number) * scale


def shown_width(sizes: str, viewport: int) -> float:
    """What a browser takes from `sizes` at this viewport width."""
    for entry in sizes.split(","):
        if media := re.match(r"\s*\(min-width: ([\d.]+)(px|em)\)\s*(.+)", entry):
            low = float(media[1]) * (16 if media[2] == "em" else 1)
            if viewport >= low:
                return length(media[3], viewport)
        else:
            return length(entry, viewport)
    raise AssertionError(f"no default in sizes={sizes!r}")


def sizes_of(html: str, marker: str) -> str:
    """The sizes attribute of the first picture after `marker`."""
    return re.search(r'<img [^>]*sizes="([^"]+)"', html.split(marker, 1)[1])[1]


def assert_close(sizes: str, expected: dict[int, int]) -> None:
    for viewport, width in expected.items():
        assert shown_width(sizes, viewport) == pytest.approx(width, rel=0.05), (
            viewport,
            sizes,
        )


@pytest.fixture
def pictured(db):
    section = make_section(name="World", slug="world", in_navigation=True)
    image = make_image()
    return [
        make_article(section=section, lead_image=image, featured=True) for _ in range(6)
    ]


def test_the_article_lead_picture_is_fetched_first(client, pictured):
    html = client.get(pictured[0].get_absolute_url()).text
    lead = html.split('class="story__lead-image"', 1)[1].split("</figure>")[0]
    assert 'fetchpriority="high"' in lead and 'loading="eager"' in lead


def test_only_the_lead_picture_is_fetched_first(client, pictured):
    html = client.get(pictured[0].get_absolute_url()).text
    assert html.count('fetchpriority="high"') == 1


def test_grid_cards_ask_for_their_column_width(client, pictured):
    html = client.get("/").text
    assert_close(sizes_of(html, 'id="top-heading"'), GRID)


def test_listing_cards_ask_for_their_thumbnail_width(client, pictured):
    html = client.get("/section/world/").text
    assert_close(sizes_of(html, 'class="card-list"'), LIST)


def test_the_home_lead_card_asks_for_its_width_and_comes_first(client, pictured):
    html = client.get("/").text
    assert_close(sizes_of(html, 'class="home-lead"'), LEAD)
    lead = html.split('class="home-lead"', 1)[1].split("</section>")[0]
    assert 'fetchpriority="high"' in lead
