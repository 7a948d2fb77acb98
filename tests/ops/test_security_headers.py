import re

import pytest

from django.test import Client

from tests.factories import make_user


@pytest.fixture
def page(client, published_article):
    return client.get(published_article.get_absolute_url(), secure=True)


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Content-Type", "text/html; charset=utf-8"),
    ],
)
def test_article_sends_security_header(page, header, value):
    assert page[header] == value


def test_hsts_over_https(https_site, client, published_article):
    response = client.get(published_article.get_absolute_url(), secure=True)
    assert (
        response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    )


def test_http_redirects_to_https_same_host_and_path(https_site, client, db):
    response = client.get("/section/world/?page=2", HTTP_HOST="127.0.0.1")
    assert (response.status_code, response["Location"]) == (
        301,
        "https://127.0.0.1/section/world/?page=2",
    )


def test_proxy_header_marks_the_request_secure(https_site, client, db, settings):
    settings.FORWARDED_ALLOW_IPS = ["127.0.0.1"]
    response = client.get("/authors/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


def test_healthz_is_not_redirected(https_site, client, db):
    assert client.get("/healthz").status_code == 200


def csp(response) -> dict:
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


def test_csp_forbids_inline_script_and_framing(page):
    policy = csp(page)
    assert (
        "'unsafe-inline'" not in policy["script-src"]
        and "'unsafe-eval'" not in policy["script-src"]
    )
    assert (policy["object-src"], policy["base-uri"], policy["frame-ancestors"], policy["form-action"]) == (
        ["'none'"], ["'none'"], ["'none'"], ["'self'"],
    )  # fmt: skip


def test_csp_nonce_matches_the_page_and_changes(client, db):
    nonces = []
    for _ in range(2):
        response = client.get("/admin/login/")
        header_nonce = re.search(
            r"'nonce-([^']+)'", response["Content-Security-Policy"]
        ).group(1)
        page_nonces = set(re.findall(r'nonce="([^"]+)"', response.text))
        assert page_nonces == {header_nonce}
        nonces.append(header_nonce)
    assert nonces[0] != nonces[1]


def test_reader_pages_need_no_nonce(page):
    # Nothing inline runs on reader pages, so they can be cached and shared.
    assert "nonce" not in page["Content-Security-Policy"] and "nonce=" not in page.text


@pytest.mark.parametrize("path", ["/nope/", "/admin/login/"])
def test_csp_on_error_and_admin_pages(client, db, path):
    assert "frame-ancestors 'none'" in client.get(path)["Content-Security-Policy"]


def test_csp_on_comment_error_page(client, published_article):
    response = client.post(
        f"/comments/post/{published_article.pk}/", {"body": ""}, follow=True
    )
    assert response.redirect_chain and "Content-Security-Policy" in response


def test_cookies_after_admin_login_are_host_only_and_secure(https_site, db):
    make_user(username="ed", password="a-long-test-password", role="Editor")
    client = Client()
    client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {"username": "ed", "password": "a-long-test-password"},
        secure=True,
    )
    session = response.cookies["__Host-sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"], session["path"], session["domain"]) == (
        True, True, "Lax", "/", "",
    )  # fmt: skip


def test_admin_is_never_cached(client, db):
    client.force_login(make_user(role="Editor"))
    cache_control = client.get("/admin/")["Cache-Control"]
    assert "no-cache" in cache_control and "private" in cache_control


def test_bad_host_is_refused(client, db):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize(
    "path", ["/.git/config", "/media/../newsroom/settings.py", "/static/../manage.py"]
)
def test_paths_outside_the_site_are_not_found(client, db, path):
    assert client.get(path).status_code == 404
