"""Security headers and cookie flags in production settings (DEBUG off, HTTPS on: what the test run uses).

The browser gate in e2e/test_security_headers.py checks that the pages really keep to the policy.
"""

import pytest
from csp.utils import build_policy
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_the_settings_are_production_settings():
    assert not settings.DEBUG and settings.HTTPS
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31536000


def test_a_page_over_https_carries_every_security_header(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"  # subdomains and preload: opt-in
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_content_security_policy_allows_only_the_sites_own_files(client):
    policy = directives(client.get("/", secure=True)["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    "path", ["/", "/fraga/", "/personuppgifter/", "/api/v1/docs", "/api/v1/actors", "/finns-inte/"]
)
def test_no_page_allows_inline_scripts_or_eval(client, path):
    header = client.get(path, secure=True)["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "nonce-" not in header


def test_the_api_docs_get_the_same_policy_as_the_pages(client):
    site = client.get("/", secure=True)["Content-Security-Policy"]
    assert client.get("/api/v1/docs", secure=True)["Content-Security-Policy"] == site


def test_the_admin_gets_the_same_policy_as_the_pages(staff_client):
    response = staff_client.get("/admin/", secure=True)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == build_policy()  # the settings' policy, unchanged


def test_plain_http_gets_no_hsts_header_but_the_other_headers(client, settings):
    settings.SECURE_SSL_REDIRECT = False  # as behind a loopback test server
    response = client.get("/")
    assert "Strict-Transport-Security" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_the_csrf_cookie_is_secure_and_lax(client):
    response = client.get("/logga-in/", secure=True)
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] and cookie["samesite"] == "Lax"


def test_the_session_cookie_is_secure_http_only_and_lax():
    request = RequestFactory().get("/", secure=True)
    middleware = SessionMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    request.session["signed_in"] = True
    response = middleware.process_response(request, HttpResponse())
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_language_cookie_is_secure_http_only_and_lax(client):
    response = client.get("/sprak/en/", secure=True)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
