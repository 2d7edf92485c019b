"""Writes to accounts. Every change leaves an audit row."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from krokarm.accounts import notify
from krokarm.accounts.models import Affiliation, Invitation, User
from krokarm.actors.models import Actor
from krokarm.audit.actions import record

DEMO_USERNAME = "demo"
# The demo account handles this actor's cases, so that the inbox can be tried at once.
DEMO_ACTOR = "arbetsformedlingen"


def ensure_demo_staff() -> tuple[str, bool]:
    """Create the local demo administrator if it is missing. Never for production data."""
    with transaction.atomic():
        if User.objects.filter(username=DEMO_USERNAME).exists():
            return DEMO_USERNAME, False
        user = User.objects.create_superuser(DEMO_USERNAME, email="demo@krokarm.localhost", password=DEMO_USERNAME)
        record("user.created", user, changes={"is_staff": [None, True]}, source="seed")
        actor = Actor.objects.filter(slug=DEMO_ACTOR).first()
        if actor is not None:
            affiliate(user, actor, source="seed")
    return DEMO_USERNAME, True


def affiliate(
    user: User, actor: Actor, role: str = Affiliation.Role.MEMBER, *, source: str, by: Any = None
) -> Affiliation:
    """Let `user` work for `actor` in `role` (staff of an actor see and handle its cases)."""
    with transaction.atomic():
        affiliation, created = Affiliation.objects.get_or_create(user=user, actor=actor, defaults={"role": role})
        old_role = None if created else affiliation.role
        if old_role != role:
            affiliation.role = role
            affiliation.save(update_fields=["role"])
            changes = {"role": [old_role, role]}
            record(
                "affiliation.saved",
                affiliation,
                changes=changes,
                source=source,
                user=by,
                organisation=actor,
                public=False,
            )
    return affiliation


class AccountError(Exception):
    """A change the rules do not allow; the message is Swedish and safe to show."""


def hash_token(token: str) -> str:
    """What an invitation stores instead of its link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def email_in_use(email: str, *, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email.strip(), is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


def create_user(
    *, email: str, password: str | None, first_name: str = "", last_name: str = "", source: str, by: Any = None
) -> User:
    """Create an account signed in with `email` (also its username). E-mail addresses are unique among
    active users, because they sign in with them (backends.EmailOrUsernameBackend)."""
    email = User.objects.normalize_email(email.strip())
    with transaction.atomic():
        if email_in_use(email) or User.objects.filter(username=email).exists():
            raise AccountError(_("Det finns redan ett konto med den e-postadressen."))
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_password(password)
        user.save()
        record("user.created", user, changes={"email": [None, email]}, source=source, user=by, public=False)
    return user


def set_password(user: User, password: str, *, source: str) -> User:
    """Give `user` a new password (after a reset by e-mail); the audit row holds no secret."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record("user.password_set", user, source=source, user=user, public=False)
    return user


def invite(actor: Actor, email: str, role: str, *, by: Any) -> Invitation:
    """Invite `email` to work for `actor` in `role`, and e-mail them the link (after commit).

    The caller must have checked permissions.can_manage_members(by, actor)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=User.objects.normalize_email(email.strip()),
            actor=actor,
            role=role,
            invited_by=by,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        )
        changes = {"email": [None, invitation.email], "role": [None, role]}
        record("invitation.sent", invitation, changes=changes, source="web", user=by, organisation=actor, public=False)
        transaction.on_commit(lambda: notify.invitation(invitation, token))
    return invitation


def resend_invitation(invitation: Invitation, *, by: Any) -> Invitation:
    """Send the invitation again with a new link (the old one stops working) valid for another week."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise AccountError(_("Inbjudan är redan antagen."))
        invitation.token_hash = hash_token(token)
        invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at"])
        record("invitation.resent", invitation, source="web", user=by, organisation=invitation.actor, public=False)
        transaction.on_commit(lambda: notify.invitation(invitation, token))
    return invitation


def withdraw_invitation(invitation: Invitation, *, by: Any) -> None:
    with transaction.atomic():
        record(
            "invitation.withdrawn",
            invitation,
            changes={"email": [invitation.email, None]},
            source="web",
            user=by,
            organisation=invitation.actor,
            public=False,
        )
        invitation.delete()


def accept_invitation(invitation: Invitation, user: User) -> Affiliation:
    """Let `user` join the invitation's actor in its role. The caller must have checked that the invitation is
    pending and meant for `user` (the same e-mail address, or an account just made from it)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_pending:
            raise AccountError(_("Inbjudan gäller inte längre."))
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        record("invitation.accepted", invitation, source="web", user=user, organisation=invitation.actor, public=False)
        affiliation = affiliate(user, invitation.actor, invitation.role, source="web", by=user)
    return affiliation


def register_from_invitation(
    invitation: Invitation, *, first_name: str, last_name: str, password: str
) -> tuple[User, Affiliation]:
    """Make the invitee's account from the invitation and accept it, in one transaction."""
    with transaction.atomic():
        user = create_user(
            email=invitation.email, password=password, first_name=first_name, last_name=last_name, source="web"
        )
        return user, accept_invitation(invitation, user)


def _is_last_admin(affiliation: Affiliation) -> bool:
    admins = Affiliation.objects.filter(actor_id=affiliation.actor_id, role=Affiliation.Role.ADMIN)
    return affiliation.role == Affiliation.Role.ADMIN and not admins.exclude(pk=affiliation.pk).exists()


def change_role(affiliation: Affiliation, role: str, *, by: Any) -> Affiliation:
    """Give a member another role. An organisation always keeps at least one admin, who can invite others."""
    with transaction.atomic():
        affiliation = Affiliation.objects.select_for_update().select_related("actor", "user").get(pk=affiliation.pk)
        if role != Affiliation.Role.ADMIN and _is_last_admin(affiliation):
            raise AccountError(_("Organisationen behöver minst en administratör. Utse en ny först."))
        return affiliate(affiliation.user, affiliation.actor, role, source="web", by=by)


def remove_member(affiliation: Affiliation, *, by: Any) -> None:
    """End a user's affiliation with an actor (the account stays). Never the organisation's last admin."""
    with transaction.atomic():
        affiliation = Affiliation.objects.select_for_update().select_related("actor", "user").get(pk=affiliation.pk)
        if _is_last_admin(affiliation):
            raise AccountError(_("Organisationen behöver minst en administratör. Utse en ny först."))
        record(
            "affiliation.deleted",
            affiliation,
            changes={"role": [affiliation.role, None]},
            source="web",
            user=by,
            organisation=affiliation.actor,
            public=False,
        )
        affiliation.delete()


def enable_two_factor(user: User, key: str, *, last_t: int) -> TOTPDevice:
    """Give `user` a confirmed authenticator app (TOTP) with the hex `key` they have just proved they hold;
    it replaces any earlier one. `last_t` is the time step of the code they proved it with, which cannot be
    used again."""
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user).delete()[0]
        device = TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True, last_t=last_t)
        record(
            "user.two_factor_enabled",
            user,
            changes={"totp_devices": [replaced, 1]},
            source="web",
            user=user,
            public=False,
        )
    return device
