"""Every RSS feed parses and passes the W3C feed validator's channel rules."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_article

# RFC 5646 language tag, as the feed validator checks <language>.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
FEEDS = ["/feeds/latest/", "/feeds/section/world/", "/feeds/author/jane-doe/"]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_channel_has_a_valid_language_tag(client, published_article, url):
    channel = ET.fromstring(client.get(url).content).find("channel")
    assert LANGUAGE_TAG.match(channel.findtext("language") or "")


@pytest.mark.parametrize("url", FEEDS)
def test_feed_has_the_required_channel_and_item_elements(
    client, published_article, url
):
    make_article(headline="A second story")
    channel = ET.fromstring(client.get(url).content).find("channel")
    missing = [
        (path, name)
        for path, element in [("channel", channel)]
        + [("item", item) for item in channel.findall("item")]
        for name in ("title", "link", "description")
        if not (element.findtext(name) or "").strip()
    ]
    assert missing == []
