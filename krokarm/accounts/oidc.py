"""Optional single sign-on over OpenID Connect (mozilla-django-oidc), configured through the environment.

Swedish e-identification brokers (Freja eID, BankID through a broker, Sweden Connect's proxies) speak OIDC.
Signing in this way finds the existing account with the verified e-mail address the provider returns;
accounts are still created by invitation unless OIDC_CREATE_USER is set. Whether the provider's sign-in
counts as the second factor (an e-legitimation is one) is OIDC_TRUSTS_MFA: otherwise editors, coordinators
and admins still give their one-time code afterwards. Site admins always do. See docs/operations.md for the variables.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend  # type: ignore[import-untyped]
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from krokarm.accounts.models import User
from krokarm.accounts.permissions import provider_counts_as_second_factor

logger = logging.getLogger(__name__)

# Set in the session when the provider's sign-in stands for the second factor (accounts/middleware.py).
SIGNED_IN_WITH_PROVIDER = "krokarm_signed_in_with_provider"
# When the provider last confirmed who this session belongs to (seconds since the epoch): an account without a
# password confirms a change that cannot be undone by a fresh sign-in there (forms.ConfirmPasswordForm).
SIGNED_IN_WITH_PROVIDER_AT = "krokarm_signed_in_with_provider_at"


def signed_in_recently(request: HttpRequest) -> bool:
    """Whether this session signed in through the provider within settings.SSO_CONFIRM_MINUTES."""
    at = request.session.get(SIGNED_IN_WITH_PROVIDER_AT)
    return isinstance(at, int | float) and 0 <= time.time() - at <= settings.SSO_CONFIRM_MINUTES * 60


class SignInWithProvider(OIDCAuthenticationBackend):
    """Finds the active account whose e-mail address the provider has verified; never matches on names."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only on our callback: a password sign-in must never reach the provider, whatever its query string holds.
        if not settings.OIDC_ENABLED or request is None or request.path != reverse("accounts:oidc-callback"):
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: Any, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature and the nonce; the token must also be for us, from our provider
        (when OIDC_OP_ISSUER is set) and not expired."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued for another client")
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer")
        expires = payload.get("exp")
        if not isinstance(expires, int | float) or expires < time.time() - 60:
            raise SuspiciousOperation("The ID token has expired")
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # Only an address the provider says it has verified: a claim that is missing counts as not verified.
        verified = claims.get("email_verified") in (True, "true")
        if not (claims.get("email") and verified):
            logger.warning("OIDC sign-in refused: the provider returned no verified e-mail address")
            return False
        return bool(super().verify_claims(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(email__iexact=claims["email"].strip(), is_active=True)

    def create_user(self, claims: dict[str, Any]) -> User:
        user: User = super().create_user(claims)
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.save(update_fields=["first_name", "last_name"])
        return user


class Callback(OIDCAuthenticationCallbackView):
    """The provider's answer: signed in (then the one-time code where needed), or back to the sign-in page."""

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Inloggningen med %(provider)s gick inte igenom. Det kan bero på att det inte finns något konto "
                "med din e-postadress i krokarm – be en administratör på din organisation om en inbjudan – "
                "eller på att inloggningen avbröts. Du kan också logga in med lösenord."
            )
            % {"provider": settings.OIDC_PROVIDER_NAME},
        )
        return HttpResponseRedirect(reverse("accounts:login"))

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        if provider_counts_as_second_factor(self.user):
            self.request.session[SIGNED_IN_WITH_PROVIDER] = True
        self.request.session[SIGNED_IN_WITH_PROVIDER_AT] = time.time()
        logger.info("Signed in with OIDC: user %s", self.user.pk)
        return response


def start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider (with state, nonce and PKCE kept in the session)."""
    if not settings.OIDC_ENABLED:
        raise Http404
    response: HttpResponse = OIDCAuthenticationRequestView.as_view()(request)
    return response


def callback(request: HttpRequest) -> HttpResponse:
    if not settings.OIDC_ENABLED:
        raise Http404
    response: HttpResponse = Callback.as_view()(request)
    return response
