"""Finding 9: admin logins are limited per address (spraying usernames) and
per username (many addresses), without locking a user out of the addresses
they sign in from."""

import pytest

from tests.factories import make_user

PASSWORD = "the-right-password-1"


def login(client, username, password, ip):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def editor(db, settings):
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 10
    settings.LOGIN_THROTTLE_USERNAME_FAILURES = 10
    return make_user(username="editor1", password=PASSWORD, role="Editor")


def test_spraying_usernames_from_one_address_is_stopped(client, editor):
    for n in range(10):
        login(client, f"guess{n}", "wrong", ip="203.0.113.9")
    assert login(client, "editor1", PASSWORD, ip="203.0.113.9").status_code == 429


def test_guessing_one_username_from_many_addresses_is_stopped(client, editor):
    for n in range(10):
        login(client, "editor1", "wrong", ip=f"203.0.113.{n}")
    assert login(client, "editor1", PASSWORD, ip="198.51.100.77").status_code == 429


def test_the_user_still_signs_in_from_an_address_they_used_before(client, editor):
    assert login(client, "editor1", PASSWORD, ip="198.51.100.5").status_code == 302
    client.logout()
    for n in range(10):
        login(client, "editor1", "wrong", ip=f"203.0.113.{n}")
    assert login(client, "editor1", PASSWORD, ip="198.51.100.5").status_code == 302


def test_other_users_are_not_slowed_by_a_username_under_attack(client, editor):
    make_user(username="editor2", password=PASSWORD, role="Editor")
    for n in range(10):
        login(client, "editor1", "wrong", ip=f"203.0.113.{n}")
    assert login(client, "editor2", PASSWORD, ip="198.51.100.77").status_code == 302


def test_the_wider_limits_end_after_the_window(client, editor, settings):
    from datetime import timedelta

    for n in range(10):
        login(client, "editor1", "wrong", ip=f"203.0.113.{n}")
    settings.AXES_COOLOFF_TIME = timedelta(seconds=0)
    assert login(client, "editor1", PASSWORD, ip="198.51.100.77").status_code == 302


def test_a_few_failures_from_an_office_address_block_nobody(client, editor):
    for n in range(5):
        login(client, f"colleague{n}", "wrong", ip="198.51.100.1")
    assert login(client, "editor1", PASSWORD, ip="198.51.100.1").status_code == 302
