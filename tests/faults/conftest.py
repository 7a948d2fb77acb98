"""Fixtures for the fault checks: a scratch database, private servers, gunicorn.

Nothing here touches the project's own database or cache: PostgreSQL at
127.0.0.1:5432 gets a scratch database that is dropped at the end, and Redis
is a private redis-server on a free port.
"""

import os
import secrets
import shutil
import statistics
import subprocess
import sys

import psycopg2
import pytest
from psycopg2 import sql

from tests.faults.servers import (
    ROOT,
    RedisServer,
    ScratchDatabase,
    Site,
    TcpProxy,
)

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
ADMIN_USERNAME = "faults-admin"
ADMIN_PASSWORD = "faults-only-admin-password-7261"
TIMINGS = pytest.StashKey[list]()

# Demo content, an admin, and the address of an article that takes comments.
SETUP = """
import django
django.setup()
from django.core.management import call_command
from articles.models import Article
from comments.services import comments_open
call_command("migrate", interactive=False, verbosity=0)
call_command("load_demo", articles=4, no_superuser=True, verbosity=0)
call_command("createsuperuser", interactive=False, verbosity=0,
             username="{username}", email="faults@example.com")
articles = Article.objects.published().order_by("-published_at")
print(next(a for a in articles if comments_open(a)).get_absolute_url())
"""


def pytest_configure(config):
    # Also in pyproject.toml's markers; here too so this folder is never
    # refused by --strict-markers on its own.
    config.addinivalue_line(
        "markers", "faults: starts real servers and breaks them (make faults)"
    )


# A production-like site (DEBUG off) on plain HTTP, with nothing for a test to
# wait for: no form timing trap, flood window or rate limit between posts.
SITE_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "PYTHONUNBUFFERED": "1",
    "DEBUG": "0",
    "HTTPS": "0",
    "SECRET_KEY": "faults-only-not-a-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "STATIC_MANIFEST": "0",
    "SERVE_MEDIA": "0",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "COMMENT_SPAM_CHECKERS": "comments.spam.HoneypotChecker,"
    "comments.spam.LinkCountChecker,comments.spam.BlocklistChecker",
    "COMMENT_MIN_SUBMIT_SECONDS": "0",
    "COMMENT_FLOOD_SECONDS": "0",
    "COMMENT_RATE_LIMIT": "1000/m",
    "COMMENT_CLOSE_AFTER_DAYS": "0",
    "LOG_LEVEL": "INFO",
}


def site_environment(**overrides) -> dict:
    """SITE_SETTINGS plus `overrides`; nothing else from the caller's shell."""
    inherited = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    env = {name: os.environ[name] for name in inherited if name in os.environ}
    return env | SITE_SETTINGS | overrides


def _postgres_admin():
    try:
        conn = psycopg2.connect(dbname="postgres", connect_timeout=3, **POSTGRES)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"fault checks need PostgreSQL at 127.0.0.1:5432 ({exc})")
    conn.autocommit = True  # CREATE and DROP DATABASE refuse a transaction
    return conn


@pytest.fixture(scope="session")
def scratch_database(tmp_path_factory):
    """A database of this run's own: migrated, demo content, an admin login."""
    admin = _postgres_admin()
    database = ScratchDatabase(f"newsroom_faults_{secrets.token_hex(4)}", POSTGRES)
    database.media_root = tmp_path_factory.mktemp("media")
    name = sql.Identifier(database.name)
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
        env = site_environment(
            DATABASE_URL=database.url,
            MEDIA_ROOT=str(database.media_root),
            DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        )
        result = subprocess.run(
            [sys.executable, "-c", SETUP.format(username=ADMIN_USERNAME)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"setting up {database.name} failed:\n{result.stderr}")
        database.article_path = result.stdout.strip().splitlines()[-1]
        yield database
    finally:
        with admin.cursor() as cursor:
            # FORCE ends connections a crashed test may have left behind.
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
            )
        admin.close()


@pytest.fixture(scope="module")
def launch_site(scratch_database, tmp_path_factory):
    """Start gunicorn on the scratch database; every site stops at the end."""
    sites = []

    def launch(**env) -> Site:
        env = {
            "DATABASE_URL": scratch_database.url,
            "MEDIA_ROOT": str(scratch_database.media_root),
        } | env
        log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
        site = Site(site_environment(**env), log_path)
        sites.append(site)
        site.start()
        return site

    yield launch
    for site in sites:
        site.stop()


@pytest.fixture
def admin_login() -> tuple[str, str]:
    """Username and password of the scratch database's superuser."""
    return ADMIN_USERNAME, ADMIN_PASSWORD


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    if not os.access(REDIS_SERVER, os.X_OK):
        pytest.skip(f"fault checks need redis-server ({REDIS_SERVER} not found)")
    server = RedisServer(REDIS_SERVER, tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def postgres_proxy():
    """127.0.0.1:<free port> forwarding to PostgreSQL; tests cut it."""
    proxy = TcpProxy((POSTGRES["host"], POSTGRES["port"]))
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def timings(request):
    """Record (scenario, request, seconds) for the summary at the end."""
    records = request.config.stash.setdefault(TIMINGS, [])

    def record(scenario: str, what: str, seconds: float) -> None:
        records.append((scenario, what, seconds))

    return record


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        # The app's side of a failure: its log lines.
        for value in getattr(item, "funcargs", {}).values():
            if isinstance(value, Site):
                report.sections.append(("gunicorn log (tail)", value.log_tail()))
    return report


def pytest_terminal_summary(terminalreporter, config):
    records = config.stash.get(TIMINGS, [])
    if not records:
        return
    groups: dict[tuple[str, str], list[float]] = {}
    for scenario, what, seconds in records:
        groups.setdefault((scenario, what), []).append(seconds * 1000)
    terminalreporter.section("fault timings (ms)")
    terminalreporter.line(
        f"{'scenario':<22}{'request':<26}{'n':>3}{'median':>9}{'max':>9}"
    )
    for (scenario, what), values in groups.items():
        terminalreporter.line(
            f"{scenario:<22}{what:<26}{len(values):>3}"
            f"{statistics.median(values):>9.0f}{max(values):>9.0f}"
        )
