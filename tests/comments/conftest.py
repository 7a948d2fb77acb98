import time

import pytest

from django.core import signing

from comments.forms import TOKEN_SALT


@pytest.fixture(autouse=True)
def _comment_settings(settings):
    settings.COMMENT_SPAM_CHECKERS = [
        "comments.spam.HoneypotChecker",
        "comments.spam.LinkCountChecker",
        "comments.spam.BlocklistChecker",
    ]
    settings.COMMENT_MIN_SUBMIT_SECONDS = 3
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"tests-{time.monotonic_ns()}"}}  # fmt: skip


def aged_token(seconds_ago=60, nonce="abcdef0123456789") -> str:
    """A form token issued `seconds_ago`, as the page would have rendered it."""
    return signing.dumps(
        {"t": int(time.time() - seconds_ago), "n": nonce}, salt=TOKEN_SALT
    )


@pytest.fixture
def comment_data():
    def make(**overrides):
        data = {
            "body": "A thoughtful comment.",
            "author_name": "Reader One",
            "author_email": "reader@example.com",
            "author_url": "",
            "token": aged_token(),
            "homepage": "",
        }
        return data | overrides

    return make


@pytest.fixture
def akismet(settings):
    """A fake Akismet on 127.0.0.1, with the AkismetChecker switched on."""
    from tests.comments.fake_akismet import FakeAkismet

    server = FakeAkismet(timeout_sleep=1.5).start()
    settings.AKISMET_API_KEY = "test-key"
    settings.AKISMET_BLOG_URL = "https://news.example/"
    settings.AKISMET_BASE_URL = server.url
    settings.AKISMET_TIMEOUT = 0.5
    settings.AKISMET_IS_TEST = True
    settings.COMMENT_SPAM_CHECKERS = [
        *settings.COMMENT_SPAM_CHECKERS,
        "comments.akismet.AkismetChecker",
    ]
    yield server
    server.stop()
