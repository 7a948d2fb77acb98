import logging

import pytest

from django.db import OperationalError
from django.test import override_settings
from django.urls import path

from tests.factories import make_user


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
    )


def test_healthz_reports_a_broken_cache_as_degraded(client, db, settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.comments.broken_cache.BrokenCache"}
    }
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200, {"status": "degraded", "database": "ok", "cache": "error"},
    )  # fmt: skip


def test_healthz_answers_503_when_the_database_is_down(client, db):
    from unittest import mock

    with mock.patch("newsroom.views._database_ok", return_value=False):
        response = client.get("/healthz")
    assert (response.status_code, response.json()["status"]) == (503, "unavailable")


def test_every_request_gets_an_id(client, db):
    assert len(client.get("/healthz")["X-Request-ID"]) == 16


def test_a_proxy_request_id_is_kept(client, db):
    assert (
        client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234567890")["X-Request-ID"]
        == "lb-1234567890"
    )


def test_a_hostile_request_id_is_replaced(client, db):
    assert (
        client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")["X-Request-ID"]
        != "x"
    )


def test_one_log_line_per_request_with_its_id(client, db, caplog):
    caplog.set_level(logging.INFO, logger="newsroom.request")
    response = client.get("/authors/")
    (record,) = [r for r in caplog.records if r.name == "newsroom.request"]
    assert ("GET /authors/ 200" in record.getMessage(), record.request_id) == (
        True,
        response["X-Request-ID"],
    )


def address_seen(forwarded_for: str, remote_addr: str) -> str:
    """REMOTE_ADDR as the views see it after ProxyClientAddressMiddleware."""
    from django.test import RequestFactory

    from newsroom.middleware import ProxyClientAddressMiddleware

    middleware = ProxyClientAddressMiddleware(
        lambda request: request.META["REMOTE_ADDR"]
    )
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR=remote_addr
    )
    return middleware(request)


def test_client_address_behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address_seen("6.6.6.6, 198.51.100.9", "10.0.0.2") == "198.51.100.9"


def test_spoofed_forwarded_for_is_ignored_without_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address_seen("6.6.6.6", "198.51.100.9") == "198.51.100.9"


def broken_view(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [path("broken/", broken_view)]
handler500 = "newsroom.views.server_error"


@override_settings(ROOT_URLCONF="tests.ops.test_operations")
def test_database_outage_answers_503_with_retry_after(db):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/broken/")
    assert (
        response.status_code,
        response["Retry-After"],
        "Back in a moment" in response.text,
    ) == (503, "30", True)


def login(client, password, ip="198.51.100.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor1", "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def editor(db):
    return make_user(username="editor1", password="the-right-password-1", role="Editor")


def test_admin_login_locks_out_after_repeated_failures(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    codes = [login(client, "wrong").status_code for _ in range(3)]
    assert codes[-1] == 429 and login(client, "the-right-password-1").status_code == 429


def test_lockout_is_per_user_and_ip(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        login(client, "wrong", ip=f"203.0.113.{n}")
        login(client, "wrong", ip="203.0.113.200")
    # An attacker elsewhere cannot lock the editor out of their own address.
    assert login(client, "the-right-password-1", ip="198.51.100.50").status_code == 302


def test_lockout_ends_after_the_cool_off(client, editor, settings):
    from datetime import timedelta

    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(seconds=0)
    login(client, "wrong")
    login(client, "wrong")
    assert login(client, "the-right-password-1").status_code == 302


def test_failed_logins_are_recorded_and_logged(client, editor, settings, caplog):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    caplog.set_level(logging.WARNING)
    login(client, "wrong")
    login(client, "wrong")
    assert AccessAttempt.objects.filter(username="editor1").exists()
    assert any("login failure" in r.getMessage() for r in caplog.records)


def test_password_validators_are_on(settings):
    assert len(settings.AUTH_PASSWORD_VALIDATORS) == 4


def test_concurrent_health_probes_do_not_collide(db):
    from concurrent.futures import ThreadPoolExecutor

    from newsroom.views import _cache_ok

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(lambda _: _cache_ok(), range(40)))
