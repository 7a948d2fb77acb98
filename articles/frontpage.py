"""The home page's and section pages' lead and top stories: editors' pins
first, slot by slot; unpinned slots fill automatically as before (featured
stories newest first on home, newest stories on a section)."""

from django.utils import timezone

from .models import Article, FrontPagePin


def active_pins(*, section_ids=None) -> dict[int | None, dict[int, int]]:
    """{section id, or None for home: {slot: article id}} for pins in force;
    every page's when section_ids is None (one query: the table is small)."""
    pins = FrontPagePin.objects.active()
    if section_ids is not None:
        pins = pins.filter(section_id__in=section_ids)
    slots = {}
    # Oldest first: should two pins claim one slot, the newer one wins.
    rows = pins.order_by("created_at").values_list(
        "section_id", "position", "article_id"
    )
    for section_id, position, article_id in rows:
        slots.setdefault(section_id, {})[position] = article_id
    return slots


def pinned_articles(live, pins: dict) -> dict[int, Article]:
    """The pinned articles readers may see, by id; no query without pins."""
    ids = {pk for slots in pins.values() for pk in slots.values()}
    return {a.pk: a for a in live.filter(pk__in=ids)} if ids else {}


def fill_slots(
    slots: dict[int, int], pinned: dict[int, Article], automatic, count: int
) -> list[Article | None]:
    """`count` slots: each pinned article in its slot, the rest from `automatic`."""
    chosen = [pinned.get(slots.get(position)) for position in range(count)]
    used = {a.pk for a in chosen if a}
    fill = (a for a in automatic if a.pk not in used)
    return [article or next(fill, None) for article in chosen]


def next_expiry():
    """When the next pin in force expires (None if none does)."""
    pin = (
        FrontPagePin.objects.filter(expires_at__gt=timezone.now())
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    return pin


def home_slots(live, pins, pinned, count: int) -> list[Article | None]:
    """Home's lead and top stories: pins, then featured stories newest first."""
    home_pins = pins.get(None, {})
    featured = live.filter(featured=True).exclude(pk__in=home_pins.values())
    return fill_slots(home_pins, pinned, featured[:count], count)
