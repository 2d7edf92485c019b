"""Writes to accounts. Every change leaves an audit row."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from krokarm.accounts import notify
from krokarm.accounts.models import Affiliation, Invitation, TwoFactorReset, User
from krokarm.actors.models import Actor
from krokarm.audit.actions import record
from krokarm.audit.models import AuditEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoAccount:
    """A local demo account: one per role, so a newcomer can try every journey (README, "Demo accounts")."""

    username: str
    name: str
    role: str  # what the README calls it
    actor: str | None = None  # the actor slug they work for
    affiliation: str = Affiliation.Role.MEMBER
    coordinator: bool = False
    superuser: bool = False


# The password of each is its user name. Created by `krokarm seed --demo` (make run) with DEBUG on only.
DEMO_ACCOUNTS = (
    DemoAccount("demo", "Demo Administratör", "webbplatsadministratör", "arbetsformedlingen", superuser=True),
    DemoAccount("demo-myndighet", "Demo Handläggare", "handläggare på en myndighet", "arbetsformedlingen", "redaktor"),
    DemoAccount(
        "demo-region",
        "Demo Regionsamordnare",
        "regional samordnare",
        "region-ostergotland",
        Affiliation.Role.ADMIN,
    ),
    DemoAccount("demo-natverk", "Demo Nätverkssamordnare", "nätverkssamordnare", "tillvaxtverket", coordinator=True),
)
DEMO_USERNAME = DEMO_ACCOUNTS[0].username


def ensure_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the missing local demo accounts (one per role). Refused unless DEBUG is on: never in production."""
    from django.contrib.auth.models import Group

    from krokarm.accounts.permissions import COORDINATORS_GROUP

    if not settings.DEBUG:
        raise PermissionError("Demo accounts are only created with DEBUG on, never in production.")
    made: list[tuple[DemoAccount, bool]] = []
    with transaction.atomic():
        existing = set(
            User.objects.filter(username__in=[d.username for d in DEMO_ACCOUNTS]).values_list("username", flat=True)
        )
        actors = Actor.objects.in_bulk([d.actor for d in DEMO_ACCOUNTS if d.actor], field_name="slug")
        for demo in DEMO_ACCOUNTS:
            if demo.username in existing:
                made.append((demo, False))
                continue
            first, last = demo.name.split(" ", 1)
            user = User.objects.create_user(
                demo.username,
                email=f"{demo.username}@krokarm.localhost",
                password=demo.username,
                first_name=first,
                last_name=last,
                is_staff=demo.superuser,
                is_superuser=demo.superuser,
            )
            record("user.created", user, changes={"username": [None, user.username]}, source="seed", public=False)
            if demo.coordinator:
                user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
            actor = actors.get(demo.actor) if demo.actor else None
            if actor is not None:
                affiliation = Affiliation.objects.create(user=user, actor=actor, role=demo.affiliation)
                changes = {"role": [None, demo.affiliation]}
                record(
                    "affiliation.saved", affiliation, changes=changes, source="seed", organisation=actor, public=False
                )
            made.append((demo, True))
    return made


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
    """Invite `email` to work for `actor` in `role`, and e-mail them the link (through the outbox).

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
        notify.invitation(invitation, token)
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
        notify.invitation(invitation, token)
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
    it replaces any earlier one and ends a pending reset (the caller must have checked
    permissions.can_connect_two_factor_app). `last_t` is the time step of the code they proved it with, which
    cannot be used again."""
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user).delete()[0]
        device = TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True, last_t=last_t)
        TwoFactorReset.objects.filter(user=user).delete()
        record(
            "user.two_factor_enabled",
            user,
            changes={"totp_devices": [replaced, 1]},
            source="web",
            user=user,
            public=False,
        )
    return device


def remove_two_factor(user: User, *, by: Any) -> int:
    """Disconnect `user`'s own authenticator apps (a replaced phone); returns how many.

    Editors, admins and coordinators are sent to connect a new app at their next request
    (middleware.TwoFactorMiddleware). The caller must have checked that `by` is `user`, has given their
    one-time code in this session and has just confirmed their password. Someone else's app is disconnected
    by reset_two_factor."""
    with transaction.atomic():
        return _remove_devices(user, by=by, organisation=None, source="web")


def _remove_devices(user: User, *, by: Any, organisation: Actor | None, source: str) -> int:
    devices = TOTPDevice.objects.filter(user=user)
    removed = devices.count()
    if not removed:
        raise AccountError(_("Det finns ingen app för engångskoder att koppla bort."))
    devices.delete()
    record(
        "user.two_factor_removed",
        user,
        changes={"totp_devices": [removed, 0]},
        source=source,
        user=by,
        organisation=organisation,
        public=False,
    )
    return removed


def reset_two_factor(user: User, *, by: Any, organisation: Actor | None = None, source: str = "web") -> int:
    """Disconnect someone else's authenticator apps (they lost their phone); returns how many.

    Refused (PermissionDenied) unless permissions.can_reset_two_factor(by, user, organisation). The person is
    told by e-mail and in their notifications, and before they can connect a new app they must open a link
    sent to their address at their next sign-in (TwoFactorReset): the password alone is not enough."""
    from django.core.exceptions import PermissionDenied

    from krokarm.accounts.permissions import can_reset_two_factor

    if not can_reset_two_factor(by, user, organisation):
        raise PermissionDenied
    with transaction.atomic():
        removed = _remove_devices(user, by=by, organisation=organisation, source=source)
        TwoFactorReset.objects.update_or_create(
            user=user,
            defaults={"reset_at": timezone.now(), "token_hash": None, "session_hash": "", "link_expires_at": None},
        )
        notify.two_factor_reset(user)
    return removed


# How long the e-mailed link that opens the connection of a new app works, after a reset.
TWO_FACTOR_LINK_MINUTES = 30


def send_two_factor_link(user: User, *, source: str = "web") -> str | None:
    """E-mail `user` a new single-use link that lets them connect an authenticator app after a reset; any
    earlier link stops working. Returns a secret the caller must keep in this sign-in's session only (the link
    works only there), or None if no reset is pending."""
    token, binding = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with transaction.atomic():
        pending = TwoFactorReset.objects.select_for_update().filter(user=user).first()
        if pending is None:
            return None
        pending.token_hash = hash_token(token)
        pending.session_hash = hash_token(binding)
        pending.link_expires_at = timezone.now() + timedelta(minutes=TWO_FACTOR_LINK_MINUTES)
        pending.save(update_fields=["token_hash", "session_hash", "link_expires_at"])
        record("user.two_factor_link_sent", user, source=source, user=user, public=False)
        notify.two_factor_link(user, token, minutes=TWO_FACTOR_LINK_MINUTES)
    return binding


def open_two_factor_link(token: str, user: Any, binding: str | None, *, source: str = "web") -> bool:
    """Use the e-mailed link `token`: True if it is `user`'s, unexpired, unused and `binding` is the secret
    send_two_factor_link gave the session it was sent to. The link then stops working; the caller lets that
    session connect a new app."""
    with transaction.atomic():
        pending = TwoFactorReset.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        if (
            pending is None
            or not getattr(user, "is_authenticated", False)
            or pending.user_id != user.pk
            or pending.link_expires_at is None
            or pending.link_expires_at <= timezone.now()
            or not binding
            or not secrets.compare_digest(pending.session_hash, hash_token(binding))
        ):
            return False
        pending.token_hash = None
        pending.session_hash = ""
        pending.save(update_fields=["token_hash", "session_hash"])
        record("user.two_factor_link_opened", user, source=source, user=user, public=False)
    return True


def two_factor_reset_pending(user: Any) -> bool:
    """Whether someone else reset `user`'s app and they have not connected a new one since."""
    return TwoFactorReset.objects.filter(user_id=user.pk).exists()


def sole_admin_of(user: User) -> list[Actor]:
    """The actors where `user` is the only organisation admin (one query)."""
    admin = Affiliation.Role.ADMIN
    return list(
        Actor.all_objects.filter(pk__in=Affiliation.objects.filter(user=user, role=admin).values("actor_id"))
        .annotate(admins=Count("affiliations", filter=Q(affiliations__role=admin), distinct=True))
        .filter(admins=1)
        .order_by("name")
    )


# What the audit log shows instead of a person whose account is gone (the comments show the same words).
DELETED_USER = "Borttagen användare"


def delete_account(user: User, *, source: str = "web") -> None:
    """Delete `user`'s account and the personal data that goes with it (GDPR art. 17).

    Affiliations, authenticator apps and others' notifications about what the person wrote go with the user
    row; comments, audit rows, case events and sent invitations stay without the person (their foreign keys are
    SET_NULL). The person's sessions and sign-in log (django-axes: name, address and browser) are deleted too.
    Never the last admin of an organisation, who must first hand the role on (AccountError). The caller must have
    checked that the account holder asked for this (password confirmed) or that the retention period has passed."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        # Lock the admins of the user's organisations, so that two admins leaving at once cannot both go.
        own = Affiliation.objects.filter(user=user, role=Affiliation.Role.ADMIN).values("actor_id")
        admins = Affiliation.objects.select_for_update().filter(role=Affiliation.Role.ADMIN, actor_id__in=own)
        list(admins.values_list("pk", flat=True))
        actors = sole_admin_of(user)
        if actors:
            names = ", ".join(actor.name for actor in actors)
            raise AccountError(
                _(
                    "Du är den enda administratören för %(actors)s. Ge någon annan rollen administratör på "
                    "sidan Medlemmar först, så att organisationen kan bjuda in nya medlemmar."
                )
                % {"actors": names}
            )
        _delete(user, source=source)


def _delete(user: User, *, source: str) -> None:
    _erase_from_audit(user)
    _forget_sign_ins(user)
    _end_sessions(user)
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=False).delete()
    pk = user.pk
    user.delete()
    # Without personal data: the log keeps that an account was deleted, not whose.
    gone = User(pk=pk, username="Ett konto raderades")
    record("user.deleted", gone, changes={"account": ["kept", "deleted"]}, source=source, public=False)


def _erase_from_audit(user: User) -> None:
    """Audit rows are never edited, except here: the rows about the account and its memberships keep that a
    change was made, but the person's name and e-mail address in them are replaced (GDPR art. 17). Rows of
    what the person did lose the person through AuditEntry.user (SET_NULL)."""
    names = sorted({user.username, user.email, user.get_full_name()} - {""}, key=len, reverse=True)
    mentions = Q()
    for name in names:
        mentions |= Q(target_repr__icontains=name)
    about = AuditEntry.objects.filter(
        Q(target_type="accounts.user", target_id=str(user.pk))
        | (Q(target_type__in=["accounts.affiliation", "accounts.invitation"]) & mentions)
    )
    pattern = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
    for entry in about:
        entry.target_repr = _replace(entry.target_repr, pattern)
        entry.changes = _replace(entry.changes, pattern)
        entry.save(update_fields=["target_repr", "changes"])


def _forget_sign_ins(user: User) -> None:
    """Axes keeps every sign-in and failed attempt with the name typed, the address and the browser; the rows
    about this account go with it (GDPR art. 17). Names are stored folded (throttling.username), and SQLite
    compares only ASCII letters without case, so the folded forms are matched as well."""
    names = {user.username, user.email} - {""}
    names |= {name.strip().casefold() for name in names}
    typed = Q()
    for name in names:
        typed |= Q(username__iexact=name)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(typed).delete()


def _end_sessions(user: User) -> None:
    """Sign the account out everywhere: the session rows (other browsers, other devices) that hold its id.

    A session row names its user only inside its encoded data, so each is read; the table stays small because
    sessions last SESSION_COOKIE_AGE and the clear-sessions job deletes the expired ones daily."""
    from django.contrib.sessions.models import Session

    mine = [
        session.pk for session in Session.objects.iterator() if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=mine).delete()


def _replace(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(DELETED_USER, value)
    if isinstance(value, list):
        return [_replace(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, pattern) for key, item in value.items()}
    return value


def purge_inactive_accounts(now: datetime | None = None, after_days: int | None = None) -> tuple[int, int]:
    """Delete the accounts nobody has signed in to for `after_days` (default settings.ACCOUNT_RETENTION_DAYS),
    counted from the account's creation if it was never used. Returns (deleted, kept).

    Staff and site admins are never deleted here, and neither is the last admin of an organisation: that is
    logged as a warning for the coordinators to resolve."""
    now = now or timezone.now()
    days = settings.ACCOUNT_RETENTION_DAYS if after_days is None else after_days
    cutoff = now - timedelta(days=days)
    deleted = kept = 0
    with transaction.atomic():
        inactive = User.objects.select_for_update().filter(
            Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff),
            is_staff=False,
            is_superuser=False,
        )
        sole = _sole_admins()
        for user in inactive.order_by("pk"):
            if user.pk in sole:
                kept += 1
                logger.warning(
                    "Account %s has not signed in for %s days but is kept: the last administrator of %s",
                    user.pk,
                    days,
                    ", ".join(sole[user.pk]),
                )
                continue
            _delete(user, source="job")
            deleted += 1
    return deleted, kept


def _sole_admins() -> dict[int, list[str]]:
    """User id → the slugs of the actors where the user is the only organisation admin (one query)."""
    admin = Affiliation.Role.ADMIN
    rows = (
        Affiliation.objects.filter(role=admin)
        .annotate(admins=Count("actor__affiliations", filter=Q(actor__affiliations__role=admin)))
        .filter(admins=1)
        .values_list("user_id", "actor__slug")
        .order_by("actor__slug")
    )
    sole: dict[int, list[str]] = {}
    for user_id, slug in rows:
        sole.setdefault(user_id, []).append(slug)
    return sole
