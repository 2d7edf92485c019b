"""Two-factor authentication is not optional for those who can change what others rely on.

Editors, organisation admins, coordinators and site admins (permissions.needs_two_factor), and anyone who has
chosen an authenticator app, must give a one-time code after their password. Until they have, every page
sends them to set up an app or to give the code; signing in and out, the two-factor pages themselves, static
files and /healthz stay open. settings.REQUIRE_TWO_FACTOR turns this off (the test suite at large only).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device  # type: ignore[import-untyped]

from krokarm.accounts.oidc import SIGNED_IN_WITH_PROVIDER
from krokarm.accounts.permissions import (
    can_connect_two_factor_app,
    needs_two_factor,
    provider_counts_as_second_factor,
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open_paths: tuple[str, ...] = ()

    def open_paths(self) -> tuple[str, ...]:
        if not self._open_paths:
            # Everything under the set-up page's address is open too: the code, and after a reset the e-mailed link.
            names = ["accounts:login", "accounts:logout", "accounts:two-factor-setup", "accounts:two-factor-verify"]
            # The API answers to bearer tokens, never to the session: a signed-in editor who has not given their
            # code yet must get the API's own answers there, not a redirect to a page.
            api = "/api/"
            self._open_paths = (*(reverse(name) for name in names), settings.STATIC_URL, reverse("home:healthz"), api)
        return self._open_paths

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    # In process_view, like the view's own queries: once the URL is known, inside every per-request wrapper.
    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if settings.REQUIRE_TWO_FACTOR and not request.path.startswith(self.open_paths()):
            target = self.pending_step(request)
            if target:
                query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                return HttpResponseRedirect(f"{reverse(target)}?{query}" if query else reverse(target))
        return None

    @staticmethod
    def pending_step(request: HttpRequest) -> str | None:
        """Where a signed-in user who has not given a code must go first, if anywhere."""
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        # An e-legitimation is itself two factors, where the site trusts the provider for this user.
        if request.session.get(SIGNED_IN_WITH_PROVIDER) and provider_counts_as_second_factor(user):
            return None
        if user_has_device(user):
            return "accounts:two-factor-verify"
        if needs_two_factor(user):
            if not can_connect_two_factor_app(user, request.session):
                return "accounts:two-factor-confirm"  # after a reset, the e-mailed link first
            return "accounts:two-factor-setup"
        return None
