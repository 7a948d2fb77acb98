"""Pages a newcomer meets by accident: 403s, the favicon, the admin login."""

import re

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied


def test_forbidden_page_is_the_sites_own(db):
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    body = response.content.decode()
    assert (response.status_code, "<h1>You can’t see this page</h1>" in body) == (
        403,
        True,
    )


def test_a_refused_admin_form_gets_the_sites_own_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    body = response.content.decode()
    assert (response.status_code, "<h1>That form could not be sent</h1>" in body) == (
        403,
        True,
    )


def test_favicon_ico_is_served(client, db):
    response = client.get("/favicon.ico")
    data = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"], data[:4]) == (
        200,
        "image/x-icon",
        b"\x00\x00\x01\x00",
    )


def test_admin_login_page_has_one_level_one_heading(client, db):
    html = client.get("/admin/login/").content.decode()
    assert re.findall(r"<h1[ >].*?</h1>", html) == ["<h1>Log in</h1>"]
