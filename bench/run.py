#!/usr/bin/env python
"""`make bench`: the site under load, the production way, against a floor.

Builds (or reuses) a scratch PostgreSQL data set, starts gunicorn with the
page cache off and on, a bare Django "floor" and optionally nginx, then runs
wrk at a fixed concurrency against each page, interleaved in rounds so that
noise hits every target alike. A write test posts comments under read load
and checks each acknowledged comment is stored exactly once. Results go to
bench/results/latest.md and latest.json.

    .venv/bin/python bench/run.py            # full run (about 15 minutes)
    .venv/bin/python bench/run.py --smoke    # CI: small data, 2 minutes
    .venv/bin/python bench/run.py --search-100k   # search at 100,000 articles

Exit status: 1 on any error answer, failed check or lost comment; 2 when a
tool or service it needs is missing; 0 otherwise (performance targets are
reported, and enforced only with --strict).
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset as ds  # noqa: E402
import load  # noqa: E402
import report  # noqa: E402
from servers import BENCH, ROOT, Servers  # noqa: E402

WORK = BENCH / ".work"
RESULTS = BENCH / "results"
REDIS_URL = "redis://127.0.0.1:6379/9"
BENCH_LOCK = 7_253_000_001  # pg_advisory_lock key: one benchmark at a time
SEARCH_QUERY = "council"
FULL = ds.Sizes(articles=20_000, comments=200_000, small_thread=50, big_thread=5_000)
SMOKE = ds.Sizes(articles=300, comments=2_000, small_thread=50, big_thread=500)
SEARCH_100K = ds.Sizes(
    articles=100_000, comments=200_000, small_thread=50, big_thread=5_000
)
# Search at 100,000 articles: a common word, two words, a rare phrase.
SEARCH_QUERIES = ("council", "river treaty", '"night train"')


def main(argv=None) -> int:
    args = parse_args(argv)
    if not load.wrk_available():
        print(
            "bench: SKIPPED, wrk is not installed (Debian: apt-get install -y wrk)",
            file=sys.stderr,
        )
        return 2
    missing = services_missing()
    if missing:
        print(f"bench: cannot run: {missing}", file=sys.stderr)
        return 2
    lock = machine_lock()
    if lock is None:
        print("bench: another benchmark kept running for 30 minutes", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    servers = Servers(WORK)
    # `kill` or CI's stop: leave through the finally below, servers and all.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.search_100k:
            return run_search_100k(args, servers)
        return run_pages(args, servers)
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        servers.stop_all()
        lock.close()


def machine_lock(wait_seconds: float = 1800):
    """One benchmark at a time on this machine (they share Redis and the CPU).

    A PostgreSQL advisory lock, held by a connection for the whole run: it
    goes away with the process, however the process ends.
    """
    conn = psycopg2.connect(ds.ADMIN_URL)
    conn.autocommit = True
    deadline = time.monotonic() + wait_seconds
    said = False
    while True:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s)", [BENCH_LOCK])
            if cur.fetchone()[0]:
                return conn
        if time.monotonic() > deadline:
            conn.close()
            return None
        if not said:
            print("bench: another benchmark is running on this machine: waiting")
            said = True
        time.sleep(5)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small and quick (CI)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data set")
    parser.add_argument(
        "--search-100k", action="store_true", help="search only, 100k articles"
    )
    parser.add_argument("--rounds", type=int, help="rounds (3; smoke 1)")
    parser.add_argument(
        "--duration", type=float, help="seconds per target (10; smoke 3)"
    )
    parser.add_argument("--warmup", type=float, help="warm-up seconds (3; smoke 2)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--no-nginx", action="store_true", help="skip the nginx targets"
    )
    parser.add_argument("--no-write", action="store_true", help="skip the write test")
    parser.add_argument(
        "--profile",
        default="",
        help="comma-separated targets to profile with py-spy after the rounds",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 on a missed target"
    )
    parser.add_argument("--name", help="results file stem (latest; search-100k)")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (1 if args.smoke else 3)
    args.duration = args.duration or (3 if args.smoke else 10)
    args.warmup = args.warmup or (2 if args.smoke else 3)
    return args


def services_missing() -> str:
    try:
        psycopg2.connect(ds.ADMIN_URL, connect_timeout=3).close()
    except psycopg2.OperationalError as exc:
        return f"PostgreSQL on 127.0.0.1:5432 (user postgres): {exc}".strip()
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis on 127.0.0.1:6379: {exc}"
    return ""


def base_env(media: Path) -> dict:
    """The production settings, with the limits that would refuse a benchmark off."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "PAGE_CACHE", "COMMENT_", "DJANGO_"))
        and key not in ("REDIS_URL", "CACHE_KEY_PREFIX")
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_MANIFEST="1",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(media),
        SERVE_MEDIA="0",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="bench",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        GUNICORN_LOG_LEVEL="warning",
        # A reader's limits, lifted for one client that posts hundreds:
        COMMENT_MIN_SUBMIT_SECONDS="0",
        COMMENT_RATE_LIMIT="100000/m",
        COMMENT_FLOOD_SECONDS="0",
        # The target articles are archive copies: keep their comments open.
        COMMENT_CLOSE_AFTER_DAYS="0",
    )
    return env


def prepare(args, sizes: ds.Sizes, database: str) -> tuple[ds.DataSet, dict]:
    media = WORK / f"media-{database}"
    env = base_env(media)
    if args.rebuild and media.exists():
        shutil.rmtree(media)
    dataset = ds.ensure(
        database, sizes, env=env, rebuild=args.rebuild or not media.exists()
    )
    env["DATABASE_URL"] = dataset.url
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "collectstatic",
            "--no-input",
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    redis.Redis.from_url(REDIS_URL).flushdb()
    return dataset, env


def start_site(servers: Servers, env: dict, *, cache: bool, name: str, **extra):
    server = servers.gunicorn(
        name, "newsroom.wsgi", env | {"PAGE_CACHE": "1" if cache else "0"} | extra
    )
    servers.wait_ready(server, "/healthz")
    return server


def start_floor(servers: Servers, env: dict):
    floor_env = {k: v for k, v in env.items() if not k.startswith("DATABASE_")}
    floor_env["DJANGO_SETTINGS_MODULE"] = "floor.settings"
    server = servers.gunicorn("floor", "floor.wsgi", floor_env, chdir=BENCH / "floor")
    servers.wait_ready(server, "/")
    return server


def fetch(url: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "bench-check"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def check_target(target: dict) -> list[str]:
    """One request before the load: the right page, whole, and cached when it should be."""
    problems = []
    status, headers, body = fetch(target["url"])
    target["bytes"] = len(body)
    if status != 200:
        return [f"{target['name']}: status {status}"]
    for pattern in target.get("expect", ()):
        if not re.search(pattern, body.decode(errors="replace")):
            problems.append(f"{target['name']}: {pattern!r} not in the page")
    if target.get("cache") is True:
        # A worker that found Redis slow skips the cache for a while
        # (newsroom.cache's breaker, 10 s): keep asking for 15 s.
        states, deadline = [], time.monotonic() + 15
        while time.monotonic() < deadline:
            status, headers, _ = fetch(target["url"])
            states.append(headers.get("X-Page-Cache"))
            if states[-1] == "HIT":
                break
            time.sleep(0.3)
        if "HIT" not in states:
            problems.append(f"{target['name']}: never a page-cache HIT: {states}")
        elif len(states) > 2:
            print(f"note: {target['name']}: a HIT after {len(states)} requests")
    elif target.get("cache") is False and "X-Page-Cache" in headers:
        problems.append(f"{target['name']}: page cache answered with it off")
    return problems


def page_targets(dataset: ds.DataSet, off, on) -> list[dict]:
    pages = [
        ("home", "/", ["Latest"]),
        ("section", dataset.section, ["Middle East"]),
        ("article-50", dataset.small_article, ['class="comment-list"']),
        ("article-big", dataset.big_article, ["Comments page 1 of"]),
        ("search", f"/search/?q={SEARCH_QUERY}", [r"[1-9][0-9,]* results? for"]),
        ("feed", "/feeds/latest/", ["<rss"]),
    ]
    targets = []
    for server, cache in ((off, False), (on, True)):
        for name, path, expect in pages:
            targets.append(
                {
                    "name": f"{name} cache-{'on' if cache else 'off'}",
                    "page": name,
                    "cache": cache,
                    "url": server.base + path,
                    "expect": expect,
                }
            )
    return targets


def run_rounds(args, targets: list[dict], log=print) -> list[dict]:
    runs = []
    for round_number in range(1, args.rounds + 1):
        log(f"round {round_number}/{args.rounds}")
        for target in targets:
            load.wrk(
                target["url"],
                seconds=args.warmup,
                connections=args.connections,
                threads=args.threads,
            )
            drain(target["url"])
            result = load.wrk(
                target["url"],
                seconds=args.duration,
                connections=args.connections,
                threads=args.threads,
            )
            drain(target["url"])
            result.update(target=target["name"], round=round_number)
            runs.append(result)
            log(
                f"  {target['name']:<22} {result['rps']:>9.0f} req/s  "
                f"p50 {result['latency_us']['p50'] / 1000:6.1f} ms  "
                f"p99 {result['latency_us']['p99'] / 1000:6.1f} ms  "
                f"errors {result['errors']}"
            )
    return runs


def drain(url: str, probes: int = 8) -> None:
    """Wait out the requests wrk left queued when it stopped.

    Sync workers answer every accepted connection, even one whose client has
    gone: without this, the next run would start behind a queue of stale
    work. Probes queue behind it; when all have answered, it is gone.
    """
    parts = urllib.parse.urlsplit(url)
    probe = f"{parts.scheme}://{parts.netloc}/healthz"

    def one_probe():
        # A refused or slow probe: the next run's checks will tell.
        with contextlib.suppress(OSError):
            fetch(probe)

    pool = [threading.Thread(target=one_probe) for _ in range(probes)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    time.sleep(0.2)


def idle_targets(runs: list[dict]) -> list[str]:
    """A target that answered nothing in a round would hide its errors."""
    return [
        f"{r['target']}: no request completed in round {r['round']}"
        for r in runs
        if r["requests"] == 0
    ]


def start_nginx(servers: Servers, upstream, page_path: str, log=print):
    """nginx in front of the cached site, and a saved copy of the page as a file."""
    if not shutil.which("nginx"):
        log("nginx: not installed (apt-get install -y nginx-light): skipped")
        return None
    html = WORK / "nginx" / "html"
    html.mkdir(parents=True, exist_ok=True)
    status, _, body = fetch(upstream.base + page_path)
    if status != 200:
        raise RuntimeError(f"nginx: the page to copy answered {status}")
    (html / "copy.html").write_bytes(body)
    config = (
        (BENCH / "nginx.conf")
        .read_text()
        .replace("@UPSTREAM@", f"127.0.0.1:{upstream.port}")
    )
    server = servers.nginx("nginx", config)
    servers.wait_ready(server, "/copy.html")
    return server


def run_pages(args, servers: Servers) -> int:
    started = time.monotonic()
    sizes = SMOKE if args.smoke else FULL
    database = "newsroom_bench_smoke" if args.smoke else "newsroom_bench"
    dataset, env = prepare(args, sizes, database)
    print(
        f"data set: {dataset.database}: {sizes.articles:,} articles, "
        f"{dataset.comments:,} comments; article-50 {dataset.small_article}, "
        f"article-big {dataset.big_article}"
    )
    off = start_site(servers, env, cache=False, name="site-cache-off")
    on = start_site(servers, env, cache=True, name="site-cache-on")
    floor = start_floor(servers, env)
    targets = [
        {"name": "floor", "page": "floor", "url": floor.base + "/", "expect": []}
    ]
    targets += page_targets(dataset, off, on)
    nginx = None if args.no_nginx else start_nginx(servers, on, dataset.small_article)
    if nginx:
        targets += [
            {
                "name": "nginx-static",
                "page": "nginx-static",
                "url": nginx.base + "/copy.html",
            },
            {
                "name": "nginx-microcache",
                "page": "nginx-microcache",
                "url": nginx.base + dataset.small_article,
            },
            {
                "name": "nginx-microcache nopush-off",
                "page": "nginx-microcache",
                "url": nginx.base + "/nopush" + dataset.small_article,
            },
        ]
    problems = [p for target in targets for p in check_target(target)]
    for problem in problems:
        print(f"check failed: {problem}")
    runs = run_rounds(args, targets)
    problems += idle_targets(runs)
    write = None
    if not args.no_write:
        write = {
            "cache-off": write_test(args, off, dataset, label="cache-off"),
            "cache-on": write_test(args, on, dataset, label="cache-on"),
        }
    profiles = {}
    for name in filter(None, args.profile.split(",")):
        target = next(t for t in targets if t["name"] == name)
        server = {"floor": floor, "nginx": nginx}.get(target["page"].split("-")[0])
        server = server or (on if target.get("cache") else off)
        profiles[name] = profile(args, target, server)
    summary = report.summarise(runs, targets)
    verdicts = report.targets_met(summary, write)
    meta = report.machine(args, sizes, dataset, elapsed=time.monotonic() - started)
    name = args.name or ("smoke" if args.smoke else "latest")
    text = report.markdown(meta, summary, verdicts, write, profiles, problems)
    (RESULTS / f"{name}.md").write_text(text)
    (RESULTS / f"{name}.json").write_text(
        json.dumps(
            {
                "meta": meta,
                "summary": summary,
                "runs": runs,
                "targets": verdicts,
                "write": write,
                "problems": problems,
            },  # fmt: skip
            indent=2,
            default=str,
        )
    )
    print()
    print(text)
    print(f"written: {RESULTS / name}.md and .json ({meta['elapsed_s']:.0f} s)")
    failed = problems or any(row["errors"] for row in summary.values())
    failed = failed or (write and any(write_failed(w) for w in write.values()))
    if failed:
        print("bench: FAILED (errors above)", file=sys.stderr)
        return 1
    if args.strict and not all(v["met"] for v in verdicts):
        print("bench: a performance target was missed (--strict)", file=sys.stderr)
        return 1
    return 0


def write_test(args, server, dataset: ds.DataSet, *, label: str) -> dict:
    """Comments posted while wrk reads; every acknowledged one stored once."""
    seconds = 5 if args.smoke else 20
    run_id = datetime.now(UTC).strftime("%H%M%S") + secrets.token_hex(2)
    print(f"write test ({label}): {seconds} s of reads with 4 writers posting")
    reads = {}

    def read_load():
        reads.update(
            load.wrk(
                server.base + "/",
                seconds=seconds,
                connections=args.connections,
                threads=args.threads,
                paths=["/", dataset.small_article, dataset.section],
            )
        )

    reader = threading.Thread(target=read_load)
    reader.start()
    time.sleep(0.5)
    result = load.post_comments(
        server.port,
        returning=returning_readers(dataset.url),
        article_path=dataset.small_article,
        article_id=dataset.small_article_id,
        run_id=run_id,
        seconds=seconds - 1,
        writers=4,
        max_posts=2_000,
        marker_prefix=ds.WRITE_MARKER,
    )
    reader.join()
    drain(server.base)
    stored = stored_markers(dataset.url, f"{ds.WRITE_MARKER} {run_id} ")
    acknowledged = [
        p for p in result.posts if p.status == 302 and "#comment-" in p.location
    ]
    lost = [p.marker for p in acknowledged if stored.get(p.marker, (0,))[0] == 0]
    duplicated = [p.marker for p in acknowledged if stored.get(p.marker, (0,))[0] > 1]
    answered = {p.marker for p in acknowledged}
    unacknowledged = [m for m in stored if m not in answered]
    statuses = {}
    for post in result.posts:
        statuses[post.status] = statuses.get(post.status, 0) + 1
    by_state = {}
    for count, state in stored.values():
        by_state[state] = by_state.get(state, 0) + count
    times = sorted(p.seconds for p in result.posts) or [0]
    outcome = {
        "posts": len(result.posts),
        "answers": statuses,
        "acknowledged": len(acknowledged),
        "refused": len(result.posts) - len(acknowledged),
        "stored": sum(c for c, _ in stored.values()),
        "stored_by_status": by_state,
        "lost": len(lost),
        "duplicated": len(duplicated),
        "stored_without_answer": len(unacknowledged),
        "replies": sum(p.reply for p in result.posts),
        "failures": result.failures[:10],
        "post_p50_ms": 1000 * times[len(times) // 2],
        "post_p99_ms": 1000 * times[min(len(times) - 1, int(len(times) * 0.99))],
        "read_rps": reads.get("rps", 0),
        "read_p99_ms": reads.get("latency_us", {}).get("p99", 0) / 1000,
        "read_errors": reads.get("errors", -1),
    }
    print(
        f"  {outcome['posts']} posts ({statuses}), {outcome['acknowledged']} "
        f"acknowledged, {outcome['stored']} stored, lost {outcome['lost']}, "
        f"duplicated {outcome['duplicated']}; reads {outcome['read_rps']:.0f} req/s "
        f"with {outcome['read_errors']} errors"
    )
    return outcome


def write_failed(outcome: dict) -> bool:
    """Every post acknowledged and stored once, and the reads all answered."""
    return bool(
        outcome["lost"]
        or outcome["duplicated"]
        or outcome["refused"]
        or outcome["failures"]
        or outcome["read_errors"]
        or not outcome["acknowledged"]
    )


def returning_readers(url: str) -> list[tuple[str, str]]:
    """(name, email) of readers with an approved comment: auto-approved again."""
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT DISTINCT author_name, author_email FROM comments_comment "
            "WHERE status = 'approved' AND author_email LIKE 'reader%%' LIMIT 1000"
        )
        return cur.fetchall()


def stored_markers(url: str, prefix: str) -> dict[str, tuple[int, str]]:
    """marker -> (rows with it, a status), for one write test's comments."""
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT split_part(body, E'\\n', 1), count(*), min(status) "
            "FROM comments_comment WHERE body LIKE %s GROUP BY 1",
            [prefix + "%"],
        )
        return {marker: (count, status) for marker, count, status in cur.fetchall()}


def profile(args, target: dict, server) -> dict:
    """py-spy over every worker while wrk loads one target: where the time goes.

    Idle samples are kept, so waiting on PostgreSQL or Redis counts; samples
    outside a request (a worker waiting for a connection) are dropped.
    """
    spy = ROOT / ".venv" / "bin" / "py-spy"
    if not spy.exists():
        return {"error": "py-spy is not installed (.venv/bin/pip install py-spy)"}
    out = WORK / f"profile-{target['name'].replace(' ', '-')}.txt"
    seconds = max(5, int(args.duration))
    spy_run = subprocess.Popen(
        [
            str(spy),
            "record",
            "--pid",
            str(server.process.pid),
            "--subprocesses",
            "--duration",
            str(seconds),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
            "--idle",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    result = load.wrk(
        target["url"],
        seconds=seconds,
        connections=args.connections,
        threads=args.threads,
    )
    spy_run.wait(timeout=60)
    return {"rps_while_profiled": result["rps"], **report.collapse_profile(out)}


def run_search_100k(args, servers: Servers) -> int:
    started = time.monotonic()
    dataset, env = prepare(args, SEARCH_100K, "newsroom_bench_100k")
    site = start_site(servers, env, cache=False, name="site-100k-cache-off")
    # A query many readers repeat (a story everyone is searching for) is
    # served from the page cache like any page: measured apart.
    cached = start_site(servers, env, cache=True, name="site-100k-cache-on")
    floor = start_floor(servers, env)
    targets = [
        {"name": "floor", "page": "floor", "url": floor.base + "/", "expect": []}
    ]
    for server, cache in ((site, False), (cached, True)):
        for query in SEARCH_QUERIES:
            encoded = urllib.parse.quote_plus(query)
            targets.append(
                {
                    "name": f"search {query}" + (", cache on" if cache else ""),
                    "page": "search",
                    "cache": cache,
                    "url": f"{server.base}/search/?q={encoded}",
                    "expect": [r"[1-9][0-9,]* results? for"],
                }
            )
    problems = [p for target in targets for p in check_target(target)]
    runs = run_rounds(args, targets)
    problems += idle_targets(runs)
    profiles = {}
    for name in filter(None, args.profile.split(",")):
        target = next(t for t in targets if t["name"] == name)
        profiles[name] = profile(args, target, site)
    summary = report.summarise(runs, targets)
    verdicts = report.search_targets(summary)
    meta = report.machine(
        args, SEARCH_100K, dataset, elapsed=time.monotonic() - started
    )
    name = args.name or "search-100k"
    text = report.markdown(meta, summary, verdicts, None, profiles, problems)
    (RESULTS / f"{name}.md").write_text(text)
    (RESULTS / f"{name}.json").write_text(
        json.dumps(
            {"meta": meta, "summary": summary, "runs": runs, "targets": verdicts},
            indent=2,
            default=str,
        )
    )
    print()
    print(text)
    failed = problems or any(row["errors"] for row in summary.values())
    if args.strict and not all(v["met"] for v in verdicts):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
