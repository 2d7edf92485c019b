"""Signing in with an e-mail address or a username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from krokarm.accounts.models import User


def find_user(identifier: str) -> User | None:
    """The active user whose username is `identifier` or whose e-mail address it is, in any case.

    Actions keep e-mail addresses unique among active users (actions.create_user), so at most one matches;
    if old data holds two, nobody signs in with that address rather than the wrong person.
    """
    identifier = identifier.strip()
    if not identifier:
        return None
    if "@" in identifier:
        matches = list(User.objects.filter(email__iexact=identifier, is_active=True)[:2])
        if len(matches) == 1:
            return matches[0]
    return User.objects.filter(username=identifier).first()


class EmailOrUsernameBackend(ModelBackend):
    """Django's model backend, but the first field may hold the e-mail address instead of the username."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Spend as long as a real check, so the answer's timing does not tell whether the account exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
