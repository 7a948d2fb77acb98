"""Redis stopped or hung: readers, commenters and editors don't notice.

The cache is django-redis with IGNORE_EXCEPTIONS and 0.25 s socket timeouts
(newsroom/settings.py): a cache error is logged on `newsroom.cache` and
treated as a miss. Sessions and login lockouts live in the database.
"""

import secrets
from contextlib import contextmanager

import pytest

from tests.faults.servers import SANE_SECONDS

pytestmark = pytest.mark.faults

READER_PAGES = ["/", "/feeds/latest/"]


@contextmanager
def broken(redis_server, how: str):
    """Redis "stopped" (connections refused) or "hung" (SIGSTOP), then back."""
    if how == "stopped":
        redis_server.stop()
    elif how == "hung":
        redis_server.pause()
    try:
        yield
    finally:
        if how == "stopped":
            redis_server.start()
        elif how == "hung":
            redis_server.resume()


@pytest.fixture(scope="module")
def site(launch_site, redis_server):
    return launch_site(REDIS_URL=redis_server.url)


@pytest.fixture(scope="module")
def article_path(scratch_database):
    return scratch_database.article_path


@pytest.fixture(params=["stopped", "hung"])
def redis_fault(request, redis_server, site):
    with broken(redis_server, request.param):
        yield request.param


def test_reader_pages_answer_200(site, article_path, redis_fault):
    with site.browser() as browser:
        codes = {path: browser.get(path).status_code for path in [*READER_PAGES, article_path]}  # fmt: skip
    assert codes == dict.fromkeys(codes, 200)


def test_a_posted_comment_is_stored(site, article_path, redis_fault, scratch_database):
    body = f"Posted while Redis was {redis_fault} ({secrets.token_hex(4)})."
    with site.browser() as browser:
        response, _ = browser.post_comment(article_path, body)
    rows = scratch_database.query(
        "SELECT status FROM comments_comment WHERE body = %s", [body]
    )
    # A first comment from an email address waits for a moderator.
    assert (response.status_code, rows) == (302, [("pending",)])


def test_admin_login_works(site, admin_login, redis_fault):
    with site.browser() as browser:
        response, _ = browser.log_in(*admin_login)
        index = browser.get("/admin/")
    assert (response.status_code, response.headers["location"], index.status_code) == (
        302,
        "/admin/",
        200,
    )


def test_cache_errors_are_logged_with_the_request_id(site, redis_fault):
    mark = site.log_mark()
    with site.browser() as browser:
        request_id = browser.get("/healthz").headers["x-request-id"]
    assert f"ERROR [{request_id}] newsroom.cache Exception ignored" in site.log_since(
        mark
    )


def test_health_check_reports_the_cache_and_not_the_database(site, redis_fault):
    with site.browser() as browser:
        body = browser.get("/healthz").json()
    assert (body["database"], body["cache"]) == ("ok", "error")


def measure(site, article_path, admin_login, scenario, timings, *, gets=3, posts=1):
    """Time the requests that matter; returns [(request, status, seconds)]."""
    results = []
    with site.browser() as browser:
        for label, path in [("GET /", "/"), ("GET article", article_path),
                            ("GET /healthz", "/healthz")]:  # fmt: skip
            for _ in range(gets):
                response, seconds = browser.timed("GET", path)
                results.append((label, response.status_code, seconds))
    for n in range(posts):
        with site.browser() as browser:
            body = f"Timing while Redis is {scenario} ({secrets.token_hex(4)} {n})."
            response, seconds = browser.post_comment(article_path, body)
            results.append(("POST comment", response.status_code, seconds))
        with site.browser() as browser:
            response, seconds = browser.log_in(*admin_login)
            results.append(("POST admin login", response.status_code, seconds))
    for label, _, seconds in results:
        timings(f"redis {scenario}", label, seconds)
    return results


def test_request_times_with_redis_healthy_stopped_and_hung(
    site, article_path, admin_login, redis_server, timings
):
    """Recorded for the summary; only a hang (> SANE_SECONDS) or a 5xx fails.

    /healthz is expected to answer 503 while Redis is broken.
    """
    measure(site, article_path, admin_login, "warm-up", lambda *a: None, posts=0)
    results = []
    for scenario in ("healthy", "stopped", "hung"):
        with broken(redis_server, scenario):
            results += measure(site, article_path, admin_login, scenario, timings)
    failures = [
        (label, status, round(seconds, 2))
        for label, status, seconds in results
        if seconds > SANE_SECONDS or (status >= 500 and label != "GET /healthz")
    ]
    assert failures == []
