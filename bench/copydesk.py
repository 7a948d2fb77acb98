#!/usr/bin/env python
"""How long the copy desk takes over a long article (5,000 words by default).

Separate from `make bench` (no servers, one core): it builds a throwaway test
database, writes an article with slips and links sprinkled through it, and
times every rule in COPY_CHECK_RULES over it, then each rule alone.

    .venv/bin/python bench/copydesk.py               # 5,000 words, 20 runs
    .venv/bin/python bench/copydesk.py --words 20000 --runs 5

tests/copydesk/test_long_article.py checks the same article's findings
(not its timing).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A wire-copy paragraph of about 60 words, and the slips planted among them.
PARAGRAPH = (
    "Negotiators from the five states that share the river met again on "
    "Thursday in Geneva, where officials said the monitoring plan was working "
    "as intended. The {n}th round of talks, chaired by Inés Corvalán, looked at "
    "gauging stations, dry-season flows and a shared register of dams, and "
    'the secretariat published <a href="https://example.org/r/{n}">its '
    "notes</a> on Friday."
)
SLIPS = [
    "The talks have concluded in , with both sides claiming progress.",
    "Talks between the U.S. And Iran resumed on the sidelines.",
    "Reports from indicate that the ceasefire holds.",
    "The minister, TK, declined to comment.",
    'See <a href="/news/world/no-such-story/">our earlier story</a>.',
]
EVERY = 10  # one slip every this many paragraphs


def long_article_body(words: int = 5000) -> str:
    """About `words` words of HTML body, with a slip every EVERY paragraphs."""
    paragraphs, count, n = [], 0, 0
    while count < words:
        n += 1
        text = PARAGRAPH.format(n=n)
        if n % EVERY == 0:
            text += " " + SLIPS[(n // EVERY - 1) % len(SLIPS)]
        paragraphs.append(f"<p>{text}</p>")
        count += len(text.split())
    return "\n".join(paragraphs)


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-copydesk-" + "x" * 40)
    import django

    django.setup()


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup()

    from django.db import connection

    from articles.copydesk.engine import get_rules, run_checks
    from articles.copydesk.text import build_copy
    from articles.models import Article

    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0)
    try:
        body = long_article_body(args.words)
        article = Article(
            headline="Amaru basin states close in on a drought deal",
            standfirst="Negotiators say the monitoring plan is working.",
            body=body,
        )
        rules = get_rules()
        run_checks(article, rules)  # warm: imports, compiled patterns, Site
        total = timed(lambda: run_checks(article, rules), args.runs)
        findings = run_checks(article, rules)
        words = len(body.split())
        print(
            f"Copy desk over {words:,} words ({connection.vendor}), {args.runs} runs:"
        )
        print(
            f"  all {len(rules)} rules: median {statistics.median(total):.1f} ms, "
            f"max {max(total):.1f} ms, {len(findings)} findings"
        )
        parse = timed(lambda: build_copy(article), args.runs)
        print(f"  {'reading the HTML':28} {statistics.median(parse):7.1f} ms")
        copy = build_copy(article)
        for rule in rules:
            alone = timed(lambda r=rule: list(r.check(copy)), args.runs)
            print(f"  {rule.name:28} {statistics.median(alone):7.1f} ms")
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
