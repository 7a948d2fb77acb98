"""PostgreSQL connections killed, database unreachable or silent.

Settings keep connections for CONN_MAX_AGE with CONN_HEALTH_CHECKS on, so a
dead connection is replaced at its next use; a database error answers 503
with Retry-After (newsroom.views.server_error) and drops the connection, so
the site recovers by itself when the database is back.
"""

import secrets

import pytest

from tests.faults.servers import SANE_SECONDS, comment_form

pytestmark = pytest.mark.faults

CONNECT_TIMEOUT = 2  # seconds, passed to libpq through DATABASE_URL
# libpq's application_name tells each site's connections apart.
DIRECT, PROXIED = "faults-direct", "faults-proxied"


@pytest.fixture(scope="module")
def article_path(scratch_database):
    return scratch_database.article_path


@pytest.fixture(scope="module")
def direct_site(launch_site, scratch_database):
    """gunicorn straight to PostgreSQL on 5432, every page from the database."""
    url = scratch_database.url_with(application_name=DIRECT)
    return launch_site(DATABASE_URL=url, PAGE_CACHE="0")


@pytest.fixture(scope="module")
def proxied_site(launch_site, scratch_database, postgres_proxy):
    """gunicorn reaching PostgreSQL through a proxy the tests can cut."""
    url = scratch_database.url_with(
        port=postgres_proxy.port,
        connect_timeout=CONNECT_TIMEOUT,
        application_name=PROXIED,
    )
    return launch_site(DATABASE_URL=url, PAGE_CACHE="0")


def open_connections(site, name, article_path, scratch_database, workers=2) -> int:
    """Serve pages until each worker holds a database connection (bounded)."""
    with site.browser() as browser:
        for _ in range(40):
            browser.get(article_path)
            if scratch_database.connections_of(name) >= workers:
                break
    return scratch_database.connections_of(name)


@pytest.fixture
def database_outage(proxied_site, postgres_proxy, article_path, scratch_database):
    """The database goes away: new connections refused, open ones cut."""
    open_connections(proxied_site, PROXIED, article_path, scratch_database)
    postgres_proxy.stop()
    try:
        yield
    finally:
        postgres_proxy.start()


@pytest.fixture
def silent_database(proxied_site, postgres_proxy, article_path, scratch_database):
    """The database host accepts connections and never answers."""
    open_connections(proxied_site, PROXIED, article_path, scratch_database)
    postgres_proxy.hang()
    try:
        yield
    finally:
        postgres_proxy.stop()
        postgres_proxy.start()


def test_every_request_after_the_connections_are_killed_succeeds(
    direct_site, article_path, scratch_database, timings
):
    held = open_connections(direct_site, DIRECT, article_path, scratch_database)
    killed = scratch_database.terminate_connections()
    codes = []
    with direct_site.browser() as browser:
        for path in ["/", article_path, "/authors/", "/healthz"] * 5:
            response, seconds = browser.timed("GET", path)
            codes.append(response.status_code)
            timings("postgres killed", "GET after the kill", seconds)
    assert (held > 0, killed > 0, codes) == (True, True, [200] * 20)


def test_a_comment_posted_right_after_the_kill_is_stored(
    direct_site, article_path, scratch_database
):
    open_connections(direct_site, DIRECT, article_path, scratch_database)
    with direct_site.browser() as browser:
        body = f"Posted after a PostgreSQL restart ({secrets.token_hex(4)})."
        action, form = comment_form(browser.get(article_path).text, body)
        scratch_database.terminate_connections()
        response = browser.post(action, data=form)
    rows = scratch_database.query(
        "SELECT status FROM comments_comment WHERE body = %s", [body]
    )
    assert (response.status_code, rows) == (302, [("pending",)])


def test_pages_answer_503_with_retry_after_during_an_outage(
    proxied_site, article_path, database_outage, timings
):
    answers = []
    with proxied_site.browser() as browser:
        for path in ["/", article_path, "/authors/"] * 2:
            response, seconds = browser.timed("GET", path)
            answers.append((response.status_code, response.headers.get("retry-after")))
            timings("postgres down", "GET page", seconds)
    assert answers == [(503, "30")] * 6


def test_requests_fail_fast_during_an_outage(
    proxied_site, article_path, database_outage
):
    with proxied_site.browser() as browser:
        slowest = max(browser.timed("GET", article_path)[1] for _ in range(4))
    assert slowest < SANE_SECONDS


def test_health_check_answers_503_during_an_outage_and_200_after(
    proxied_site, postgres_proxy, article_path, scratch_database
):
    open_connections(proxied_site, PROXIED, article_path, scratch_database)
    with proxied_site.browser() as browser:
        postgres_proxy.stop()
        try:
            during = browser.get("/healthz")
        finally:
            postgres_proxy.start()
        after = browser.get("/healthz")
    assert (during.status_code, during.json()["database"], after.status_code) == (
        503,
        "error",
        200,
    )


def test_pages_answer_200_again_when_the_database_is_back(
    proxied_site, postgres_proxy, article_path, scratch_database, timings
):
    open_connections(proxied_site, PROXIED, article_path, scratch_database)
    mark = proxied_site.log_mark()
    with proxied_site.browser() as browser:
        postgres_proxy.stop()
        try:
            during = [browser.get(path).status_code for path in ["/", article_path]]
        finally:
            postgres_proxy.start()
        after = []
        for path in ["/", article_path, "/authors/", "/healthz"] * 3:
            response, seconds = browser.timed("GET", path)
            after.append(response.status_code)
            timings("postgres back", "GET after the outage", seconds)
    # The same workers served it all: none timed out or was replaced.
    restarts = proxied_site.log_since(mark).count("Booting worker")
    assert (during, after, restarts) == ([503, 503], [200] * 12, 0)


def test_a_silent_database_answers_503_within_the_connect_timeout(
    proxied_site, article_path, silent_database, timings
):
    with proxied_site.browser() as browser:
        response, seconds = browser.timed("GET", article_path)
    timings("postgres silent", f"GET (connect_timeout={CONNECT_TIMEOUT})", seconds)
    assert (response.status_code, seconds < SANE_SECONDS) == (503, True)


def test_a_comment_posted_during_an_outage_comes_back_with_its_text(
    proxied_site, postgres_proxy, article_path, scratch_database
):
    open_connections(proxied_site, PROXIED, article_path, scratch_database)
    body = f"Typed while PostgreSQL was away ({secrets.token_hex(4)})."
    with proxied_site.browser() as browser:
        action, form = comment_form(browser.get(article_path).text, body)
        postgres_proxy.stop()
        try:
            response = browser.post(
                action, data=form, headers=browser.from_page(article_path)
            )
        finally:
            postgres_proxy.start()
    assert (
        response.status_code,
        body in response.text,
        "try again" in response.text,
    ) == (
        503,
        True,
        True,
    )
