"""Single sign-on over OpenID Connect, against a small provider served over HTTP in the test.

The provider signs ID tokens with RS256 and publishes its key at a JWKS endpoint, as e-identification brokers
do; the whole authorisation-code flow (state, nonce, PKCE, token and user-info calls) runs for real.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from josepy import JWKRSA, JWS, RS256

from krokarm.accounts.models import User
from krokarm.accounts.oidc import SIGNED_IN_WITH_PROVIDER, SIGNED_IN_WITH_PROVIDER_AT
from krokarm.accounts.tests.factories import UserFactory, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

CLIENT_ID = "krokarm-test"
START = reverse("accounts:oidc-start")
CALLBACK = reverse("accounts:oidc-callback")


class Provider:
    """What the provider will say next: the user's claims and how the ID token is made."""

    def __init__(self) -> None:
        self.key = JWKRSA(key=rsa.generate_private_key(public_exponent=65537, key_size=2048))
        self.claims: dict[str, Any] = {}
        self.token_claims: dict[str, Any] = {}
        self.nonce = ""
        self.token_requests: list[dict[str, list[str]]] = []

    def id_token(self) -> str:
        payload = {
            "iss": "https://eid.example",
            "sub": "abc-123",
            "aud": CLIENT_ID,
            "exp": int(time.time()) + 300,
            "iat": int(time.time()),
            "nonce": self.nonce,
            **self.token_claims,
        }
        jws = JWS.sign(
            json.dumps(payload).encode(), key=self.key, alg=RS256, kid="k1", protect=frozenset(["alg", "kid"])
        )
        return str(jws.to_compact().decode())


@pytest.fixture
def provider(settings: Any) -> Iterator[Provider]:
    state = Provider()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def reply(self, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/jwks":
                public = {**state.key.public_key().to_json(), "kid": "k1", "alg": "RS256"}
                self.reply({"keys": [public]})
            elif self.path == "/userinfo" and self.headers["Authorization"] == "Bearer access-1":
                self.reply(state.claims)
            else:
                self.send_error(404)

        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            form = parse_qs(self.rfile.read(length).decode())
            state.token_requests.append(form)
            if self.path == "/token" and form.get("code") == ["code-1"]:
                self.reply({"access_token": "access-1", "id_token": state.id_token(), "token_type": "Bearer"})
            else:
                self.send_error(400)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"
    settings.OIDC_OP_ISSUER = "https://eid.example"
    settings.OIDC_PROVIDER_NAME = "Freja eID"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "krokarm.accounts.oidc.SignInWithProvider"]
    yield state
    server.shutdown()
    server.server_close()


def sign_in_with_provider(client: Any, provider: Provider, email: str, next: str = "/inkorg/") -> Any:
    """Start at krokarm, 'sign in' at the provider, come back with its code."""
    response = client.get(START, {"next": next})
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]
    provider.nonce = query["nonce"][0]
    provider.claims = {"sub": "abc-123", "email": email, "email_verified": True}
    return client.get(CALLBACK, {"code": "code-1", "state": query["state"][0]})


def test_the_sign_in_page_offers_the_provider_only_when_it_is_configured(
    client: Any, provider: Provider, settings: Any
) -> None:
    assert "Logga in med Freja eID" in client.get(reverse("accounts:login")).content.decode()
    settings.OIDC_ENABLED = False
    assert "Freja eID" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK).status_code == 404


def test_an_invited_official_signs_in_with_the_provider_and_lands_where_they_were_going(
    client: Any, provider: Provider
) -> None:
    user = member_of("arbetsformedlingen", email="Anna.Berg@af.se")

    response = sign_in_with_provider(client, provider, "anna.berg@af.se", next="/inkorg/")

    assert response.status_code == 302
    assert response["Location"] == "/inkorg/"
    assert client.session["_auth_user_id"] == str(user.pk)
    # The code was exchanged with PKCE and our registered return address.
    token_request = provider.token_requests[-1]
    assert token_request["code_verifier"][0]
    assert token_request["redirect_uri"] == [f"http://testserver{CALLBACK}"]


def test_someone_without_an_account_is_not_signed_in_and_is_told_why(client: Any, provider: Provider) -> None:
    users_before = User.objects.count()

    response = sign_in_with_provider(client, provider, "okand@example.se")

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users_before
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggningen med Freja eID gick inte igenom" in page


def test_accounts_can_be_created_on_first_sign_in_when_the_site_allows_it(
    client: Any, provider: Provider, settings: Any
) -> None:
    settings.OIDC_CREATE_USER = True
    provider.token_claims = {}

    sign_in_with_provider(client, provider, "ny@region.se")

    user = User.objects.get(email="ny@region.se")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not user.affiliations.exists()  # an account, but no organisation until invited


def test_an_account_made_by_the_provider_deletes_itself_only_after_signing_in_there_again(
    client: Any, provider: Provider, settings: Any
) -> None:
    settings.OIDC_CREATE_USER = True
    provider.token_claims = {}
    sign_in_with_provider(client, provider, "ny@region.se")
    user = User.objects.get(email="ny@region.se")
    assert not user.has_usable_password()
    delete = reverse("accounts:delete-account")
    session = client.session
    session[SIGNED_IN_WITH_PROVIDER_AT] -= 10 * 60  # the sign-in was ten minutes ago
    session.save()
    assert client.post(delete, {"password": "ny@region.se"}).status_code == 400

    again = sign_in_with_provider(client, provider, "ny@region.se", next=delete)

    assert again["Location"] == delete
    assert client.post(delete, {}).status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize(
    ("token_claims", "userinfo_change", "status"),
    [
        ({"aud": "another-client"}, {}, 400),
        ({"iss": "https://elsewhere.example"}, {}, 400),
        ({"exp": int(time.time()) - 3600}, {}, 400),
        ({"nonce": "replayed"}, {}, 400),
        ({}, {"email_verified": False}, 302),
        ({}, {"email": ""}, 302),
    ],
    ids=["other audience", "other issuer", "expired", "wrong nonce", "unverified e-mail", "no e-mail"],
)
def test_tokens_and_claims_that_do_not_hold_up_sign_nobody_in(
    client: Any, provider: Provider, token_claims: dict[str, Any], userinfo_change: dict[str, Any], status: int
) -> None:
    member_of("arbetsformedlingen", email="anna@af.se")
    response = client.get(START)
    query = parse_qs(urlparse(response["Location"]).query)
    provider.nonce = query["nonce"][0]
    provider.claims = {"sub": "abc-123", "email": "anna@af.se", "email_verified": True, **userinfo_change}
    provider.token_claims = token_claims

    response = client.get(CALLBACK, {"code": "code-1", "state": query["state"][0]})

    # A forged or misdirected token is a bad request; a genuine sign-in without a usable address goes back
    # to the sign-in page with the explanation.
    assert response.status_code == status
    assert "_auth_user_id" not in client.session


def test_a_state_the_site_never_issued_is_refused(client: Any, provider: Provider) -> None:
    client.get(START)
    response = client.get(CALLBACK, {"code": "code-1", "state": "forged"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_editor_still_gives_a_one_time_code_unless_the_provider_counts_as_two_factors(
    client: Any, provider: Provider, settings: Any
) -> None:
    settings.REQUIRE_TWO_FACTOR = True
    member_of("arbetsformedlingen", role="redaktor", email="red@af.se")

    sign_in_with_provider(client, provider, "red@af.se")
    assert client.get("/inkorg/")["Location"].startswith(reverse("accounts:two-factor-setup"))

    client.logout()
    settings.OIDC_TRUSTS_MFA = True
    sign_in_with_provider(client, provider, "red@af.se")
    assert client.session[SIGNED_IN_WITH_PROVIDER] is True
    assert client.get("/inkorg/").status_code == 200


def test_a_password_sign_in_never_calls_the_provider_whatever_the_address_says(client: Any, provider: Provider) -> None:
    user = UserFactory(email="pw@example.se")
    response = client.post(
        reverse("accounts:login") + "?code=code-1&state=x",
        {"username": user.email, "password": "a-long-test-password"},
    )
    assert response.status_code == 302
    assert provider.token_requests == []


def test_a_provider_that_does_not_say_the_address_is_verified_signs_nobody_in(client: Any, provider: Provider) -> None:
    member_of("arbetsformedlingen", email="anna@af.se")
    response = client.get(START)
    query = parse_qs(urlparse(response["Location"]).query)
    provider.nonce = query["nonce"][0]
    provider.claims = {"sub": "abc-123", "email": "anna@af.se"}  # no email_verified at all

    response = client.get(CALLBACK, {"code": "code-1", "state": query["state"][0]})

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_site_admin_gives_a_one_time_code_even_when_the_provider_counts_as_two_factors(
    client: Any, provider: Provider, settings: Any
) -> None:
    settings.REQUIRE_TWO_FACTOR = True
    settings.OIDC_TRUSTS_MFA = True
    UserFactory(email="admin@krokarm.se", is_staff=True, is_superuser=True)

    response = sign_in_with_provider(client, provider, "admin@krokarm.se", next="/admin/")

    assert response.status_code == 302
    assert SIGNED_IN_WITH_PROVIDER not in client.session
    for page in ("/admin/", "/inkorg/"):
        assert client.get(page)["Location"].startswith(reverse("accounts:two-factor-setup"))
