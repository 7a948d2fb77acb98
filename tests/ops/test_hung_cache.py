"""A hung Redis (accepts connections, never answers) costs a request at most
one short socket timeout, not one per cache call (newsroom.cache): reader
pages, a comment POST, an admin login."""

import socket
import threading

import pytest

from django.urls import reverse

from comments.models import Comment
from tests.conftest import aged_token
from tests.factories import make_user


class HungRedis:
    """127.0.0.1:<port> that accepts connections and never says a word."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        self.listener.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def hung_redis(settings):
    server = HungRedis()
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    yield server
    server.close()


def test_a_comment_post_waits_for_a_hung_redis_once(
    client, published_article, hung_redis, settings
):
    settings.COMMENT_SPAM_CHECKERS = ["comments.spam.HoneypotChecker"]
    data = {"body": "Posted while Redis hangs.", "author_name": "Ann",
            "author_email": "ann@example.com", "token": aged_token()}  # fmt: skip
    response = client.post(reverse("comments:post", args=[published_article.pk]), data)
    assert (
        response.status_code,
        Comment.objects.count(),
        len(hung_redis.accepted),
    ) == (
        302,
        1,
        1,
    )


def test_an_admin_login_waits_for_a_hung_redis_once(client, db, hung_redis):
    make_user(username="editor", password="a-long-password-1234", is_superuser=True)
    form = client.get("/admin/login/?next=/admin/")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a-long-password-1234"},
    )
    index = client.get("/admin/")
    codes = (form.status_code, response.status_code, index.status_code)
    assert (codes, len(hung_redis.accepted) <= 1) == ((200, 302, 200), True)


@pytest.mark.parametrize("cookie", [None, "commenter"])
def test_reader_pages_wait_for_a_hung_redis_once(
    client, published_article, hung_redis, cookie
):
    """Home (a page of cards), the article, for anyone and with a cookie."""
    if cookie:
        client.cookies[cookie] = "x"
    codes = [
        client.get(url).status_code
        for url in ("/", published_article.get_absolute_url(), "/")
    ]
    assert (codes, len(hung_redis.accepted) <= 1) == ([200, 200, 200], True)
