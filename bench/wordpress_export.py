"""Write a large WordPress export (WXR 1.2) for timing `manage.py import_wordpress`.

    python bench/wordpress_export.py OUT.xml [--posts 10000] [--comments 100000]

Deterministic (seeded): 30 authors, 24 categories (some nested), 300 tags,
classic and block posts with captions, galleries and embeds, comments in
threads (a fifth are replies) with a few pingbacks, and pages and menu items
to skip. Written as it goes, so any size fits in memory.
"""

import argparse
import random
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

WORDS = (  # noqa: SIM905 (a sentence reads better)
    "council river budget station school energy price report vote water market "
    "bridge library museum match season winter policy plan heat train storm "
    "harvest study research local national minister hospital police court "
    "housing transport festival weather election result people town city year"
).split()
STATUSES = ["publish"] * 90 + ["draft"] * 4 + ["pending"] * 2 + ["private", "future"]
COMMENT_STATUSES = ["1"] * 85 + ["0"] * 10 + ["spam"] * 3 + ["trash"] * 2

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark Gazette</title>
<link>https://bench.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5)))


def body(rng: random.Random, wp_id: int) -> str:
    paragraphs = [paragraph(rng) for _ in range(rng.randint(4, 9))]
    if wp_id % 2:  # classic editor: no <p>, shortcodes
        paragraphs.insert(
            1,
            f'[caption id="attachment_{wp_id}" width="300"]<img class="wp-image-1" '
            f'src="https://bench.example/wp-content/uploads/2020/01/p{wp_id}-300x200.jpg"'
            f' alt="x" width="300" height="200"> {sentence(rng, 6)}[/caption]',
        )
        if wp_id % 10 == 1:
            paragraphs.append("https://www.youtube.com/watch?v=bench" + str(wp_id))
        return "\n\n".join(paragraphs)
    blocks = [
        f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
    ]
    if wp_id % 10 == 0:
        blocks.append(
            '<!-- wp:embed {"url":"https://vimeo.com/1"} --><figure class="wp-block-'
            'embed"><div class="wp-block-embed__wrapper">https://vimeo.com/1</div>'
            "</figure><!-- /wp:embed -->"
        )
    return "\n\n".join(blocks)


def comments(rng, first_id, count, post_date) -> tuple[str, int]:
    out, ids = [], []
    for n in range(count):
        cid = first_id + n
        parent = rng.choice(ids) if ids and rng.random() < 0.2 else 0
        kind = "pingback" if rng.random() < 0.01 else "comment"
        date = post_date + timedelta(minutes=10 * (n + 1))
        out.append(
            f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
            f"<wp:comment_author>{cdata('Reader ' + str(cid % 5000))}</wp:comment_author>"
            f"<wp:comment_author_email>reader{cid % 5000}@example.org</wp:comment_author_email>"
            f"<wp:comment_author_url>https://reader{cid % 50}.example.org/</wp:comment_author_url>"
            f"<wp:comment_author_IP>203.0.113.{cid % 250}</wp:comment_author_IP>"
            f"<wp:comment_agent>Mozilla/5.0 (bench)</wp:comment_agent>"
            f"<wp:comment_date>{date:%Y-%m-%d %H:%M:%S}</wp:comment_date>"
            f"<wp:comment_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
            f"<wp:comment_content>{cdata(paragraph(rng))}</wp:comment_content>"
            f"<wp:comment_approved>{rng.choice(COMMENT_STATUSES)}</wp:comment_approved>"
            f"<wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent>"
            "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>"
        )
        ids.append(cid)
    return "".join(out), first_id + count


def write(out, posts: int, total_comments: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    out.write(HEAD)
    for n in range(1, 31):
        out.write(
            f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>"
            f"writer{n}</wp:author_login><wp:author_display_name>{cdata(f'Writer {n}')}"
            "</wp:author_display_name></wp:author>\n"
        )
    categories = []
    for n in range(1, 25):
        parent = categories[(n - 1) % 6] if n > 6 else ""
        categories.append(f"cat-{n}")
        out.write(
            f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>cat-{n}"
            f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
            f"<wp:cat_name>{cdata(f'Category {n}')}</wp:cat_name></wp:category>\n"
        )
    for n in range(1, 301):
        out.write(
            f"<wp:tag><wp:term_id>{100 + n}</wp:term_id><wp:tag_slug>tag-{n}"
            f"</wp:tag_slug><wp:tag_name>{cdata(f'Tag {n}')}</wp:tag_name></wp:tag>\n"
        )
    start = datetime(2015, 1, 1, tzinfo=UTC)
    # Comments spread unevenly: most posts get a few, some get many.
    weights = [rng.paretovariate(1.5) for _ in range(posts)]
    scale = total_comments / sum(weights)
    counts = [int(w * scale) for w in weights]
    counts[0] += total_comments - sum(counts)
    next_comment = 1_000_000
    for n in range(posts):
        wp_id = 1000 + n
        date = start + timedelta(hours=7 * n)
        status = rng.choice(STATUSES)
        if status == "future":
            date = datetime(2099, 1, 1, tzinfo=UTC) + timedelta(hours=n)
        slug = f"story-{wp_id}"
        link = (
            f"https://bench.example/{date:%Y/%m/%d}/{slug}/"
            if status == "publish"
            else f"https://bench.example/?p={wp_id}"
        )
        thread, next_comment = comments(rng, next_comment, counts[n], date)
        tags = "".join(
            f'<category domain="post_tag" nicename="tag-{t}">{cdata(f"Tag {t}")}</category>'
            for t in rng.sample(range(1, 301), 3)
        )
        cat = rng.choice(categories)
        out.write(
            f"<item><title>{cdata(sentence(rng, 7)[:-1])}</title><link>{escape(link)}</link>"
            f"<dc:creator>writer{rng.randint(1, 30)}</dc:creator>"
            f'<guid isPermaLink="false">https://bench.example/?p={wp_id}</guid>'
            f"<content:encoded>{cdata(body(rng, wp_id))}</content:encoded>"
            f"<excerpt:encoded>{cdata(sentence(rng, 20))}</excerpt:encoded>"
            f"<wp:post_id>{wp_id}</wp:post_id>"
            f"<wp:post_date>{date:%Y-%m-%d %H:%M:%S}</wp:post_date>"
            f"<wp:post_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
            f"<wp:post_modified>{date:%Y-%m-%d %H:%M:%S}</wp:post_modified>"
            f"<wp:post_modified_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_modified_gmt>"
            "<wp:comment_status>open</wp:comment_status>"
            f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
            "<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>"
            f"<wp:is_sticky>{int(n % 500 == 0)}</wp:is_sticky>"
            f'<category domain="category" nicename="{cat}">{cdata(cat)}</category>{tags}'
            f"{thread}</item>\n"
        )
    for n in range(5):
        out.write(
            f"<item><title>Page {n}</title><link>https://bench.example/page-{n}/</link>"
            f"<wp:post_id>{900 + n}</wp:post_id><wp:post_name>page-{n}</wp:post_name>"
            f"<content:encoded>{cdata(paragraph(rng))}</content:encoded>"
            "<wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>"
            "<wp:post_type>page</wp:post_type></item>\n"
            f"<item><title>Menu {n}</title><wp:post_id>{950 + n}</wp:post_id>"
            "<wp:status>publish</wp:status><wp:post_type>nav_menu_item</wp:post_type>"
            "</item>\n"
        )
    out.write("</channel>\n</rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as out:
        write(out, args.posts, args.comments)


if __name__ == "__main__":
    main()
