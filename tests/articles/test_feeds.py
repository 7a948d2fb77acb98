import xml.etree.ElementTree as ET

from articles.models import Article
from tests.factories import make_article, make_author, make_section


def items(client, url):
    root = ET.fromstring(client.get(url).content)
    return root.findall("./channel/item")


def test_site_feed_lists_published_articles(client, published_article):
    make_article(status=Article.Status.DRAFT)
    titles = [item.findtext("title") for item in items(client, "/feeds/latest/")]
    assert titles == ["Talks resume in Geneva"]


def test_feed_links_are_absolute(client, published_article):
    (item,) = items(client, "/feeds/latest/")
    assert (
        item.findtext("link")
        == "http://127.0.0.1:8000/news/world/talks-resume-in-geneva/"
    )


def test_feed_guid_is_stable_when_the_article_is_edited(client, published_article):
    (before,) = items(client, "/feeds/latest/")
    published_article.headline = "Talks resume in Geneva, again"
    published_article.slug = "talks-again"
    published_article.save()
    (after,) = items(client, "/feeds/latest/")
    assert after.findtext("guid") == before.findtext("guid")


def test_section_feed_includes_subsections(client, section):
    child = make_section(parent=section)
    article = make_article(section=child)
    make_article()
    titles = [i.findtext("title") for i in items(client, "/feeds/section/world/")]
    assert titles == [article.headline]


def test_author_feed_lists_only_their_articles(client, author):
    mine = make_article(authors=[author])
    make_article(authors=[make_author()])
    titles = [i.findtext("title") for i in items(client, "/feeds/author/jane-doe/")]
    assert titles == [mine.headline]


def test_unknown_section_feed_is_not_found(client, db):
    assert client.get("/feeds/section/nope/").status_code == 404


def test_feed_escapes_markup_in_headlines(client, section):
    make_article(section=section, headline="<b>Bold</b> & brave")
    titles = [i.findtext("title") for i in items(client, "/feeds/latest/")]
    assert titles == ["<b>Bold</b> & brave"]


def test_item_description_is_the_standfirst_as_html(client, db):
    make_article(standfirst="Rivers & <dams>: the deal")
    (item,) = items(client, "/feeds/latest/")
    # RSS descriptions are HTML: a reader shows "Rivers & <dams>: the deal".
    assert item.findtext("description") == "Rivers &amp; &lt;dams&gt;: the deal"


def test_item_description_without_standfirst_is_the_body_start_as_text(client, db):
    words = " ".join(f"w{n}" for n in range(100))
    make_article(standfirst="", body=f"<p>Salt &amp; <b>pepper</b></p><p>{words}</p>")
    (item,) = items(client, "/feeds/latest/")
    description = item.findtext("description")
    # Tags gone, paragraphs apart, the entity read once (never "&amp;amp;"),
    # 60 words at most.
    assert description.startswith("Salt &amp; pepper w0 w1")
    assert description.endswith("w56 …")  # "Salt", "&", "pepper" and 57 more
    assert "w57" not in description
