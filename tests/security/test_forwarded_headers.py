"""Finding 5: X-Forwarded-Proto (and -For) count only from the proxies in
FORWARDED_ALLOW_IPS; with none configured they are ignored."""

import re

import pytest

from django.test import RequestFactory

from newsroom.guards import ForwardedHeadersMiddleware


def canonical(response) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', response.text).group(1)


def seen(request):
    return (request.scheme, request.META.get("HTTP_X_FORWARDED_FOR"))


def through_guard(remote_addr: str):
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    return ForwardedHeadersMiddleware(seen)(request)


def test_a_client_cannot_claim_https_without_configured_proxies(
    client, published_article
):
    response = client.get(
        published_article.get_absolute_url(), HTTP_X_FORWARDED_PROTO="https"
    )
    assert canonical(response).startswith("http://")


def test_forwarded_headers_are_ignored_with_no_proxy_configured(settings):
    settings.FORWARDED_ALLOW_IPS = []
    assert through_guard("127.0.0.1") == ("http", None)


def test_forwarded_headers_are_ignored_from_elsewhere(settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    assert through_guard("203.0.113.7") == ("http", None)


@pytest.mark.parametrize("allowed", [["10.0.0.2"], ["10.0.0.0/8"], ["*"]])
def test_forwarded_headers_count_from_a_configured_proxy(settings, allowed):
    settings.FORWARDED_ALLOW_IPS = allowed
    assert through_guard("10.0.0.2") == ("https", "6.6.6.6")


def test_a_mistyped_proxy_address_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.FORWARDED_ALLOW_IPS = ["10.0.0.300"]
    with pytest.raises(ImproperlyConfigured):
        through_guard("10.0.0.2")
