from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, FrontPagePin
from newsroom import pagecache
from tests.factories import make_article, make_section, make_user

PIN_ADMIN = "/admin/articles/frontpagepin/"


def story(**overrides):
    return make_article(**overrides)


def ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def pin(article, position=0, section=None, **overrides):
    return FrontPagePin.objects.create(
        article=article, position=position, section=section, **overrides
    )


def home(client):
    return client.get("/").context


# Home page


def test_newest_featured_story_leads_without_pins(client, db):
    story(featured=True, published_at=ago(60))
    newest = story(featured=True, published_at=ago(5))
    assert home(client)["lead"] == newest


def test_a_pinned_story_leads_home(client, db):
    older = story(published_at=ago(600))
    story(featured=True, published_at=ago(5))
    pin(older)
    assert home(client)["lead"] == older


def test_pinned_top_stories_keep_their_order(client, db):
    first, second = story(published_at=ago(300)), story(published_at=ago(200))
    pin(second, position=1)
    pin(first, position=2)
    assert home(client)["top_stories"][:2] == [second, first]


def test_unpinned_top_slots_fill_with_newest_featured(client, db):
    pinned = story(published_at=ago(900))
    lead = story(featured=True, published_at=ago(30))
    filler = story(featured=True, published_at=ago(60))
    pin(pinned, position=2)
    context = home(client)
    assert (context["lead"], context["top_stories"]) == (lead, [filler, pinned])


def test_an_expired_pin_falls_back_to_the_automatic_order(client, db):
    old = story(published_at=ago(600))
    newest = story(featured=True, published_at=ago(5))
    pin(old, expires_at=ago(1))
    assert home(client)["lead"] == newest


def test_a_pin_before_its_expiry_holds(client, db):
    old = story(published_at=ago(600))
    story(featured=True, published_at=ago(5))
    pin(old, expires_at=timezone.now() + timedelta(hours=2))
    assert home(client)["lead"] == old


def test_a_pinned_story_taken_down_is_not_shown(client, db):
    gone = story(published_at=ago(600), status=Article.Status.UNPUBLISHED)
    newest = story(featured=True, published_at=ago(5))
    pin(gone)
    assert home(client)["lead"] == newest


def test_a_pinned_story_is_not_repeated_in_latest(client, db):
    pinned = story(published_at=ago(5))
    pin(pinned)
    assert pinned not in home(client)["latest"]


# Sections


def test_a_section_pin_leads_the_section_page(client, db):
    sport = make_section(name="Sport", slug="sport")
    old = story(section=sport, published_at=ago(600))
    story(section=sport, published_at=ago(5))
    pin(old, section=sport)
    response = client.get(sport.get_absolute_url())
    assert response.context["pinned"] == [old]


def test_the_section_list_goes_on_without_the_pinned_story(client, db):
    sport = make_section(name="Sport", slug="sport")
    old = story(section=sport, published_at=ago(600))
    story(section=sport, published_at=ago(5))
    pin(old, section=sport)
    response = client.get(sport.get_absolute_url())
    assert old not in response.context["page_obj"].object_list


def test_a_section_pin_leads_its_block_on_home(client, db):
    sport = make_section(name="Sport", slug="sport")
    old = story(section=sport, published_at=ago(600))
    story(section=sport, published_at=ago(5))
    pin(old, section=sport)
    blocks = dict(home(client)["section_blocks"])
    assert blocks[sport][0] == old


def test_a_block_on_home_takes_its_subsections_stories_at_any_depth(client, db):
    world = make_section(name="World", slug="world")
    europe = make_section(parent=world)
    france = make_section(parent=europe)
    deep = story(section=france, published_at=ago(5))
    near = story(section=europe, published_at=ago(10))
    elsewhere = story(section=make_section(), published_at=ago(1))
    blocks = dict(home(client)["section_blocks"])
    assert blocks[world] == [deep, near]
    assert elsewhere not in blocks[world]


# Rules for pins


def test_one_pin_per_slot(db):
    pin(story())
    with pytest.raises(ValidationError):
        FrontPagePin(article=story(), position=0).full_clean()


def test_an_expired_pin_frees_its_slot(db):
    pin(story(), expires_at=ago(1))
    FrontPagePin(article=story(), position=0).full_clean()


def test_a_story_is_pinned_once_per_page(db):
    article = story()
    pin(article, position=1)
    with pytest.raises(ValidationError):
        FrontPagePin(article=article, position=2).full_clean()


def test_reporters_cannot_pin(client, db):
    client.force_login(make_user(role="Reporter"))
    assert client.get(PIN_ADMIN).status_code == 403


def test_editor_pins_through_admin(client, db):
    editor = make_user(role="Editor")
    client.force_login(editor)
    article = story()
    client.post(
        PIN_ADMIN + "add/",
        {"section": "", "position": "0", "article": article.pk, "expires_at_0": ""},
    )
    assert FrontPagePin.objects.get().created_by == editor


# The page cache


@pytest.fixture
def page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    monkeypatch.setattr("newsroom.pagecache.transaction.on_commit", lambda fn: fn())


def test_a_new_pin_shows_on_a_cached_home_at_once(client, db, page_cache):
    old = story(headline="An older story", published_at=ago(600))
    story(featured=True, published_at=ago(5))
    client.get("/")
    pin(old)
    response = client.get("/")
    assert response.context and response.context["lead"] == old


def test_a_cached_home_is_kept_no_longer_than_the_next_expiry(db, page_cache):
    expiry = timezone.now() + timedelta(minutes=3)
    pin(story(), expires_at=expiry)
    assert pagecache.next_timed_change() == pytest.approx(expiry.timestamp())


def test_pin_list_shows_what_home_shows_now(client, db):
    client.force_login(make_user(role="Editor"))
    pinned = story(headline="The pinned lead", published_at=ago(600))
    pin(pinned)
    response = client.get(PIN_ADMIN)
    assert response.context["home_now"][0] == ("Lead story", pinned, True)
