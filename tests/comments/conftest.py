import time

import pytest


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
