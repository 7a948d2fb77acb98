"""The benchmark's data set: a scratch PostgreSQL database, built once, reused.

Articles come from `manage.py load_demo --articles N` (the demo's archive,
inserted in bulk); comments are generated here and loaded with COPY. A
signature row records what was built, so a re-run with the same sizes reuses
the database and `--rebuild` starts again.
"""

import io
import json
import random
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
# Bump when the generator below changes what it builds.
GENERATOR_VERSION = 3
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
WRITE_MARKER = "bench-write"
# Comment threads: the site's own words would do, but they are not needed.
_WORD_TEXT = (
    "council river budget station school energy price report vote water "
    "market bridge library museum match season winter policy plan heat "
    "train storm harvest study research local national reader question "
    "agree disagree think really good point article thanks interesting "
    "wrong right because however although years people town city year"
)
WORDS = _WORD_TEXT.split()


@dataclass(frozen=True)
class Sizes:
    articles: int
    comments: int  # in all, including the two target articles'
    small_thread: int  # approved comments on the "50 comments" article
    big_thread: int  # approved comments on the "5,000 comments" article


@dataclass(frozen=True)
class DataSet:
    database: str
    url: str
    sizes: Sizes
    small_article: str  # path of the article with `small_thread` comments
    small_article_id: int
    big_article: str
    big_article_id: int
    section: str
    comments: int


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def signature(sizes: Sizes) -> str:
    return json.dumps({"version": GENERATOR_VERSION, **asdict(sizes)}, sort_keys=True)


def ensure(name: str, sizes: Sizes, *, env: dict, rebuild: bool, log=print) -> DataSet:
    """The data set in database `name`, built unless its signature matches."""
    url = database_url(name)
    exists = _database_exists(name)
    if exists and not rebuild and _read_meta(url).get("signature") == signature(sizes):
        log(f"data set: reusing database {name} ({_describe(sizes)})")
        _migrate(env | {"DATABASE_URL": url}, log)
        dataset = _load(url, name, sizes)
        remove_bench_writes(url, dataset)
        return dataset
    if exists:
        log(f"data set: dropping database {name}")
        _admin(f'DROP DATABASE "{name}" WITH (FORCE)')
    log(f"data set: building {name} ({_describe(sizes)})")
    _admin(f'CREATE DATABASE "{name}"')
    env = env | {"DATABASE_URL": url}
    _migrate(env, log)
    _manage(
        env, "load_demo", "--articles", str(sizes.articles), "--no-superuser", log=log
    )
    if sizes.comments:
        _insert_comments(url, sizes, log)
    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
            cur.execute(
                "CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)"
            )
            cur.execute(
                "INSERT INTO bench_meta VALUES ('signature', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [signature(sizes)],
            )
    finally:
        conn.close()
    return _load(url, name, sizes)


def remove_bench_writes(url: str, dataset: DataSet) -> None:
    """Drop what an earlier run's write test posted, so every run starts alike."""
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(
            "DELETE FROM comments_commentevent WHERE comment_id IN "
            "(SELECT id FROM comments_comment WHERE body LIKE %s)",
            [f"{WRITE_MARKER}%"],
        )
        cur.execute(
            "DELETE FROM comments_comment WHERE body LIKE %s", [f"{WRITE_MARKER}%"]
        )
        if cur.rowcount:
            _refresh_counts(cur)
        if _table_exists(cur, "django_tasks_database_dbtaskresult"):
            cur.execute("DELETE FROM django_tasks_database_dbtaskresult")


def _describe(sizes: Sizes) -> str:
    return (
        f"{sizes.articles:,} articles, {sizes.comments:,} comments, threads of "
        f"{sizes.small_thread:,} and {sizes.big_thread:,}"
    )


def _admin(sql: str) -> None:
    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def _database_exists(name: str) -> bool:
    conn = psycopg2.connect(ADMIN_URL)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cur.fetchone() is not None
    finally:
        conn.close()


def _table_exists(cur, table: str) -> bool:
    cur.execute("SELECT to_regclass(%s)", [table])
    return cur.fetchone()[0] is not None


def _read_meta(url: str) -> dict:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        if not _table_exists(cur, "bench_meta"):
            return {}
        cur.execute("SELECT key, value FROM bench_meta")
        return dict(cur.fetchall())


def _manage(env: dict, *args: str, log=print) -> None:
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(
            f"{' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}"
        )
    for line in result.stdout.splitlines():
        if " INFO " not in line:
            log(f"  {line}")


def _migrate(env: dict, log) -> None:
    _manage(env, "migrate", "--no-input", "--verbosity", "0", log=log)


def _targets(cur) -> tuple[int, int]:
    """Two archive copies of the same story: the comments are the only difference."""
    cur.execute(
        "SELECT slug FROM articles_article WHERE status = 'published' "
        "AND published_at <= now() AND slug !~ '-[0-9]+$' "
        "ORDER BY published_at DESC LIMIT 1"
    )
    source = cur.fetchone()[0]
    cur.execute(
        "SELECT id FROM articles_article WHERE slug ~ %s AND status = 'published' "
        "AND published_at <= now() ORDER BY published_at DESC LIMIT 2",
        [f"^{source}-[0-9]+$"],
    )
    ids = [row[0] for row in cur.fetchall()]
    if len(ids) < 2:
        raise RuntimeError("the data set needs at least 2 archive copies per story")
    return ids[0], ids[1]


def _path(cur, article_id: int) -> str:
    cur.execute(
        "SELECT s.slug, a.slug FROM articles_article a "
        "JOIN articles_section s ON s.id = a.section_id WHERE a.id = %s",
        [article_id],
    )
    section, slug = cur.fetchone()
    return f"/news/{section}/{slug}/"


def _load(url: str, name: str, sizes: Sizes) -> DataSet:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        small, big = _targets(cur)
        cur.execute("SELECT count(*) FROM comments_comment")
        comments = cur.fetchone()[0]
        return DataSet(
            database=name,
            url=url,
            sizes=sizes,
            small_article=_path(cur, small),
            small_article_id=small,
            big_article=_path(cur, big),
            big_article_id=big,
            section="/section/world/",
            comments=comments,
        )


def _body(rng: random.Random, n: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 90))
    text = " ".join(words).capitalize() + "."
    if n % 17 == 0:
        text += f" More at https://example.org/notes/{n}"
    if n % 5 == 0:
        text += "\n\n" + " ".join(rng.choices(WORDS, k=rng.randint(5, 30))) + "."
    return text


class _Rows:
    """Comment rows with explicit ids, so replies can point at their parents."""

    def __init__(self, first_id: int, rng: random.Random):
        self.next_id = first_id
        self.rng = rng
        # Nothing in the future: the flood check counts comments "since now".
        self.latest = datetime.now(UTC) - timedelta(minutes=2)
        self.buffer = io.StringIO()
        self.count = 0

    def add(self, *, article, published_at, status, parent=None) -> tuple:
        """One comment; parent is (id, thread_id, depth, created_at) or None."""
        rng, pk = self.rng, self.next_id
        self.next_id += 1
        self.count += 1
        if parent:
            parent_id, thread_id, depth = (
                parent[0],
                parent[1] or parent[0],
                parent[2] + 1,
            )
            created = parent[3] + timedelta(minutes=rng.randint(1, 600))
        else:
            parent_id = thread_id = None
            depth = 0
            created = published_at + timedelta(minutes=rng.randint(5, 14 * 24 * 60))
        if created > self.latest:
            floor = parent[3] if parent else published_at
            created = max(floor, self.latest - timedelta(minutes=rng.randint(0, 600)))
        reader = rng.randint(1, 5000)
        fields = [
            pk, article, parent_id or "\\N", thread_id or "\\N", depth,
            f"Reader {reader}", f"reader{reader}@example.com",
            "", _body(rng, pk), "\\N", "f", status,
            "" if status == "approved" else "first comment from this email",
            "f", f"127.0.{reader % 250}.{reader % 200 + 1}", "bench", "",
            "{}", "\\N", "\\N", 0, "\\N", "f", created.isoformat(), created.isoformat(),
        ]  # fmt: skip
        self.buffer.write(
            "\t".join(
                str(f).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")
                if f != "\\N"
                else f
                for f in fields
            )
            + "\n"
        )
        return (pk, thread_id, depth, created)


COLUMNS = (
    "id, article_id, parent_id, thread_id, depth, author_name, author_email, "
    "author_url, body, user_id, is_staff_reply, status, hold_reason, discarded, "
    "ip_address, user_agent, referrer, form_signals, submission_key, "
    "next_recheck_at, recheck_count, notified_at, notify_replies, created_at, "
    "updated_at"
)


def _thread(rows: _Rows, article, published_at, count: int, *, statuses) -> None:
    """`count` comments on one article: about 40% start a thread, the rest reply."""
    rng = rows.rng
    roots, replies = [], []
    for n in range(count):
        status = rng.choices(*statuses)[0]
        if not roots or n % 5 < 2:
            row = rows.add(article=article, published_at=published_at, status=status)
            if status == "approved":
                roots.append(row)
        else:
            candidates = replies if replies and n % 5 == 4 else roots
            parent = rng.choice(candidates)
            row = rows.add(
                article=article, published_at=published_at, status=status, parent=parent
            )
            if status == "approved" and row[2] < 2:
                replies.append(row)


def _insert_comments(url: str, sizes: Sizes, log) -> None:
    rng = random.Random(20240501)
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        small, big = _targets(cur)
        cur.execute(
            "SELECT id, published_at FROM articles_article WHERE status = 'published' "
            "AND published_at <= now() ORDER BY published_at DESC"
        )
        live = cur.fetchall()
        published = dict(live)
        cur.execute("SELECT coalesce(max(id), 0) FROM comments_comment")
        rows = _Rows(cur.fetchone()[0] + 1, rng)
        approved_only = (["approved"], [1])
        _thread(
            rows, small, published[small], sizes.small_thread, statuses=approved_only
        )
        _thread(rows, big, published[big], sizes.big_thread, statuses=approved_only)
        # The rest: newer stories draw more comments; a few are held or spam.
        others = [pk for pk, _ in live if pk not in (small, big)]
        mixed = (["approved", "pending", "spam"], [92, 5, 3])
        remaining = sizes.comments - rows.count
        while remaining > 0:
            article = others[min(int(rng.expovariate(1 / 400)), len(others) - 1)]
            n = min(remaining, rng.choice((1, 3, 8, 20, 40, 80, 150)))
            _thread(rows, article, published[article], n, statuses=mixed)
            remaining -= n
        log(f"  copying {rows.count:,} comments")
        rows.buffer.seek(0)
        cur.copy_expert(f"COPY comments_comment ({COLUMNS}) FROM STDIN", rows.buffer)
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), "
            "(SELECT max(id) FROM comments_comment))"
        )
        _refresh_counts(cur)


def _refresh_counts(cur) -> None:
    cur.execute(
        "UPDATE articles_article a SET comment_count = c.n FROM ("
        "SELECT article_id, count(*) AS n FROM comments_comment "
        "WHERE status = 'approved' GROUP BY article_id) c "
        "WHERE a.id = c.article_id AND a.comment_count <> c.n"
    )
    cur.execute(
        "UPDATE articles_article SET comment_count = 0 WHERE comment_count <> 0 "
        "AND id NOT IN (SELECT article_id FROM comments_comment WHERE status = 'approved')"
    )
