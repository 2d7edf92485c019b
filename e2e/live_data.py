"""What the live server holds besides the reference data: the people and cases the journeys and the
page gates use. Run inside the server's environment by `krokarm shell` (see conftest.live_url)."""

from __future__ import annotations

from django.db import transaction

STAFF = ("e2e-staff", "ett-långt-lösenord-för-test")
# Officers who handle the cases of one actor each (e2e/test_cases.py).
OFFICERS = {"arbetsformedlingen": "e2e-af", "csn": "e2e-csn"}
# A case the page gates open: its status link and reference are fixed so that pages.py can name them.
STATUS_TOKEN = "e2e-status-link"
REFERENCE = "VI-2026-900001"
ANSWERED_TOKEN = "e2e-answered-status-link"
# Authenticator apps (TOTP, hex keys as django-otp stores them) whose codes the journeys compute themselves:
# the staff user is a site admin and the editor edits Arbetsförmedlingen, so both must give a one-time code.
STAFF_TOTP_KEY = "3132333435363738393031323334353637383930"
EDITOR = ("e2e-redaktor", "redaktor@example.se")
EDITOR_TOTP_KEY = "6b72206f6b61726d2d65326532d72656461b746f"
# An invitation the page gates open (its link's token; only a hash is stored).
INVITATION_TOKEN = "e2e-invitation-link"


def totp_code(key: str) -> str:
    """The code an authenticator app holding the hex `key` shows now."""
    from binascii import unhexlify

    from django_otp.oath import totp  # type: ignore[import-untyped]

    return f"{totp(unhexlify(key)):06d}"


def main() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

    from krokarm.accounts.actions import affiliate, hash_token, invite
    from krokarm.accounts.models import Affiliation, Invitation, User
    from krokarm.actors.models import Actor
    from krokarm.cases import actions
    from krokarm.cases.models import Case

    af = Actor.objects.get(slug="arbetsformedlingen")
    staff = User.objects.create_superuser(STAFF[0], "e2e@example.se", STAFF[1])
    affiliate(staff, af, source="seed")
    TOTPDevice.objects.create(user=staff, name="app", key=STAFF_TOTP_KEY, confirmed=True)
    editor = User.objects.create_user(EDITOR[0], EDITOR[1], STAFF[1], first_name="Elsa", last_name="Redaktör")
    affiliate(editor, af, Affiliation.Role.EDITOR, source="seed")
    TOTPDevice.objects.create(user=editor, name="app", key=EDITOR_TOTP_KEY, confirmed=True)
    invitation = invite(af, "inbjuden@example.se", Affiliation.Role.MEMBER, by=staff)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(INVITATION_TOKEN))
    for slug, name in OFFICERS.items():
        officer = User.objects.create_user(name, f"{name}@example.se", STAFF[1])
        affiliate(officer, Actor.objects.get(slug=slug), source="seed")

    waiting = actions.submit_case(question="Hur får jag hjälp att hitta ett jobb som svetsare?", actor=af)
    Case.objects.filter(pk=waiting.pk).update(token=STATUS_TOKEN, reference=REFERENCE)
    answered = actions.submit_case(question="Kan jag få studiemedel för komvux?", actor=af, email="asker@example.se")
    with transaction.atomic():
        actions.forward_case(answered, user=staff, to_actor=Actor.objects.get(slug="csn"), reason="CSN beslutar.")
        actions.answer_case(answered, user=None, answer="Ja, om du studerar minst halvtid.")
    Case.objects.filter(pk=answered.pk).update(token=ANSWERED_TOKEN)
