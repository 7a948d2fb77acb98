#!/usr/bin/env python
"""EXPLAIN (ANALYZE, BUFFERS) for every query the reader pages run.

Each page is requested once through Django's test client (to warm the
caches), then again while its queries are captured; each captured SELECT is
explained on the same database. Run against the 100,000-article data set:

    .venv/bin/python bench/run.py --search-100k      # builds it once
    .venv/bin/python bench/explain.py                # writes bench/results/explain-100k.md
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup(database: str) -> None:
    os.environ.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        SECRET_KEY="bench-explain-" + "x" * 40,
        DEBUG="0",
        HTTPS="0",
        STATIC_MANIFEST="0",
        PAGE_CACHE="0",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="WARNING",
        COMMENT_CLOSE_AFTER_DAYS="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pages() -> list[tuple[str, str]]:
    from articles.models import Article, ArticleAuthor, Tag

    author = ArticleAuthor.objects.values_list("author__slug", flat=True).first()
    tag = Tag.objects.order_by("pk").values_list("slug", flat=True).first()
    # The article with the most approved comments: the thread page query.
    busiest = Article.objects.order_by("-comment_count").first()
    return [
        ("home", "/"),
        ("section listing", "/section/world/"),
        ("author listing", f"/authors/{author}/"),
        ("tag listing", f"/tags/{tag}/"),
        ("tag listing, page 50", f"/tags/{tag}/?page=50"),
        ("search", "/search/?q=council"),
        ("search, page 50", "/search/?q=council&page=50"),
        ("search, two words", "/search/?q=river+treaty"),
        ("search, a phrase", "/search/?q=%22night+train%22"),
        ("article with the most comments", busiest.get_absolute_url()),
        ("its comments, page 20", busiest.get_absolute_url() + "?cpage=20"),
    ]


def explain(sql: str) -> tuple[str, float]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    total = next(
        (
            float(m.group(1))
            for line in lines
            if (m := re.search(r"Execution Time: ([\d.]+)", line))
        ),
        0.0,
    )
    return "\n".join(lines), total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="newsroom_bench_100k")
    parser.add_argument("--output", default=str(RESULTS / "explain-100k.md"))
    args = parser.parse_args(argv)
    setup(args.database)
    from report import _code_version

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from comments.models import Comment

    client = Client()
    out = [
        f"# Query plans on `{args.database}`",
        "",
        f"{Article.objects.count():,} articles, {Comment.objects.count():,} "
        f"comments. PostgreSQL {connection.pg_version // 10000}. Every query "
        "each page runs, as Django sent it, with EXPLAIN (ANALYZE, BUFFERS) "
        f"after one warm-up request. Code: {_code_version()}.",
    ]
    for name, path in pages():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        selects = [
            q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")
        ]
        out += ["", f"## {name}: `{path}`", ""]
        out.append(
            f"Status {response.status_code}, {len(captured.captured_queries)} queries."
        )
        for n, sql in enumerate(selects, 1):
            plan, ms = explain(sql)
            out += [
                "",
                f"### {name}, query {n}: {ms:.2f} ms",
                "",
                "```sql",
                sql,
                "```",
                "",
                "```",
                plan,
                "```",
            ]
        print(f"{name}: {len(selects)} queries")
    Path(args.output).write_text("\n".join(out) + "\n")
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
