import time

import pytest

from django.core import signing
from django.core.cache import cache
from django.template.backends import jinja2 as jinja2_backend
from django.test.signals import template_rendered

from comments.forms import TOKEN_SALT
from tests.factories import make_article, make_author, make_section


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to a per-test folder; passwords hash fast (tests only)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Redis keeps keys between tests)."""
    cache.clear()
    yield


@pytest.fixture(autouse=True, scope="session")
def _jinja2_renders_are_recorded():
    """The test client's response.context and .templates come from the
    template_rendered signal, which Django sends for its own templates only:
    send it for the Jinja2 reader pages too (tests only)."""
    render = jinja2_backend.Template.render

    def recorded_render(self, context=None, request=None):
        recorded = {**(context or {}), "request": request}
        template_rendered.send(sender=self, template=self.template, context=recorded)
        return render(self, context, request)

    jinja2_backend.Template.render = recorded_render
    yield
    jinja2_backend.Template.render = render


@pytest.fixture
def section(db):
    return make_section(name="World", slug="world")


@pytest.fixture
def author(db):
    return make_author(name="Jane Doe", slug="jane-doe", role_title="World News Editor")


@pytest.fixture
def published_article(section, author):
    return make_article(
        headline="Talks resume in Geneva",
        slug="talks-resume-in-geneva",
        section=section,
        authors=[author],
    )


def aged_token(seconds_ago=60, nonce="abcdef0123456789", kind="reader") -> str:
    """A form token issued `seconds_ago`: by default a reader's own token, as
    the form fetches it (comments.timetrap); kind="page" as the page renders."""
    return signing.dumps(
        {"t": int(time.time() - seconds_ago), "n": nonce, "k": kind}, salt=TOKEN_SALT
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
