"""What the live server holds besides the reference data: the people and cases the journeys and the
page gates use. Run inside the server's environment by `krokarm shell` (see conftest.live_url)."""

from __future__ import annotations

import time

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
# A need of Region Östergötland with an answer from Arbetsförmedlingen: the first need, so pages.py can name it.
NEED_ID = 1
# RUS (krokarm/strategies): an open remiss of Region Östergötland, dated relative to today (the seed's four entry
# points come first, so pages.py can name it), and an editor of the region who signs in with a one-time code.
ENTRY_POINT_ID = 5
ENTRY_POINT_TITLE = "Remiss: utvecklingsstrategin för Östergötland, tillägg om kompetensförsörjning"
REGION_EDITOR = ("e2e-ostergotland", "ostergotland@example.se")
REGION_EDITOR_TOTP_KEY = "4f7374657267f6746c616e642d65326521212121"
# Dialogues (krokarm/dialogues): an editor of Tillväxtverket, the seeded December 2019 dialogue day's organiser,
# who captures proposals as its facilitator (e2e/test_dialogue_followup.py).
ORGANISER_EDITOR = ("e2e-tillvaxtverket", "tillvaxtverket@example.se")
ORGANISER_EDITOR_TOTP_KEY = "54696c6c766178747665726b65742d6532652121"


def totp_code(key: str) -> str:
    """The code an authenticator app holding the hex `key` shows now."""
    from binascii import unhexlify

    from django_otp.oath import totp  # type: ignore[import-untyped]

    return f"{totp(unhexlify(key)):06d}"


_USED_CODES: dict[str, str] = {}


def fresh_totp_code(key: str) -> str:
    """A one-time code not given before: the server refuses a code twice, so, like a person whose app still shows
    the code they just used, wait for the next one (at most one 30-second step)."""
    code = totp_code(key)
    for _ in range(35):
        if code != _USED_CODES.get(key):
            break
        time.sleep(1)
        code = totp_code(key)
    _USED_CODES[key] = code
    return code


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

    waiting = actions.submit_case(question="Hur får jag hjälp att hitta ett jobb som svetsare?", actor=af).case
    Case.objects.filter(pk=waiting.pk).update(token_hash=hash_token(STATUS_TOKEN), reference=REFERENCE)
    answered = actions.submit_case(
        question="Kan jag få studiemedel för komvux?", actor=af, email="asker@example.se"
    ).case
    with transaction.atomic():
        actions.forward_case(answered, user=staff, to_actor=Actor.objects.get(slug="csn"), reason="CSN beslutar.")
        actions.answer_case(answered, user=None, answer="Ja, om du studerar minst halvtid.")
    Case.objects.filter(pk=answered.pk).update(token_hash=hash_token(ANSWERED_TOKEN))

    # The staff user follows Arbetsförmedlingen and the waiting case and has one unread notification, so the
    # notification list and the "Sluta följa" buttons are not empty states (krokarm/notifications).
    from krokarm.notifications.actions import follow, notify_followers

    with transaction.atomic():
        follow(staff, af, source="seed")
        follow(staff, waiting, source="seed")
        notify_followers(af, "Arbetsförmedlingen har uppdaterat sin profil.")

    # Regional needs (krokarm/needs): the staff user answers for Arbetsförmedlingen, which the region invited.
    import datetime as dt

    from krokarm.actors.models import Theme
    from krokarm.needs import actions as needs

    need = needs.create_need(
        region=Actor.objects.get(slug="region-ostergotland"),
        user=None,
        title="Fler yrkeslärare till vuxenutbildningen",
        description="Kommunerna i Östergötland har svårt att rekrytera yrkeslärare till yrkesvux.",
        themes=list(Theme.objects.filter(slug="kompetensforsorjning")),
        needed_by=dt.date(2027, 6, 30),
        invited=[af],
        source="seed",
    )
    assert need.pk == NEED_ID, "the need pages in e2e/pages.py expect the first need"
    needs.answer_need(need, user=staff, actor=af, kind="erbjudande", text="Vi kan bidra med arbetsmarknadsutbildning.")

    # RUS: the open remiss the contribution journey answers (e2e/test_rus_contribution.py), and its region's editor.
    from django.utils import timezone

    from krokarm.strategies import actions as strategies
    from krokarm.strategies.models import Phase

    region = Actor.objects.get(slug="region-ostergotland")
    region_editor = User.objects.create_user(
        REGION_EDITOR[0], REGION_EDITOR[1], STAFF[1], first_name="Östen", last_name="Regionredaktör"
    )
    affiliate(region_editor, region, Affiliation.Role.EDITOR, source="seed")
    TOTPDevice.objects.create(user=region_editor, name="app", key=REGION_EDITOR_TOTP_KEY, confirmed=True)
    today = timezone.localdate()
    entry = strategies.create_entry_point(
        {
            "phase": Phase.objects.get(process__region=region, kind="remiss"),
            "kind": "remissvar",
            "title": ENTRY_POINT_TITLE,
            "description": "Region Östergötland vill ha myndigheternas synpunkter på tillägget om kompetens.",
            "opens_on": today - dt.timedelta(days=7),
            "closes_on": today + dt.timedelta(days=30),
            "contact_name": "Östen Regionredaktör",
            "contact_email": REGION_EDITOR[1],
            "invited": [af],
            "themes": list(Theme.objects.filter(slug="kompetensforsorjning")),
        },
        user=None,
        source="seed",
    )
    assert entry.pk == ENTRY_POINT_ID, "the entry point pages in e2e/pages.py expect the fifth entry point"

    # Networks (krokarm/networks): one meeting of the RUS-nätverket and one post by the staff user
    # (a site admin is a coordinator of every network; the post is written for no organisation).
    from krokarm.networks import actions as networks

    rus = Actor.objects.get(slug="rus-natverket")
    starts = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=14)
    networks.create_meeting(
        rus,
        user=staff,
        title="Nätverksträff om RUS och kompetensförsörjning",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        place="digitalt",
        description="Demodata för sidkontrollerna.",
        source="seed",
    )
    networks.write_post(
        user=staff,
        network=rus,
        organisation=None,
        title="Välkommen till nätverkets sida",
        body="Här delar vi erfarenheter av arbetet med de regionala utvecklingsstrategierna.",
        source="seed",
    )
    from krokarm.networks.models import Link

    networks.write_post(
        user=staff,
        link=Link.objects.get(slug="myndighetsnatverket-och-rus-natverket"),
        organisation=None,
        title="Vilka remisser kommer i vår?",
        body="Skriv gärna här när er region skickar ut sin RUS på remiss.",
        source="seed",
    )

    # Dialogues: Tillväxtverket's editor (the December 2019 dialogue day's organiser; seeded by `krokarm seed`).
    organiser_editor = User.objects.create_user(
        ORGANISER_EDITOR[0], ORGANISER_EDITOR[1], STAFF[1], first_name="Tove", last_name="Processledare"
    )
    affiliate(organiser_editor, Actor.objects.get(slug="tillvaxtverket"), Affiliation.Role.EDITOR, source="seed")
    TOTPDevice.objects.create(user=organiser_editor, name="app", key=ORGANISER_EDITOR_TOTP_KEY, confirmed=True)

    # The outbox (krokarm/outbox): the answered case's receipt is one the worker gave up on, so the coordinators'
    # page of failed e-mail (/samordning/e-post/) shows its table and its "Skicka igen" button.
    from krokarm.outbox.models import Message

    receipt = Message.objects.filter(purpose="case.submitted").order_by("pk").first()
    assert receipt is not None
    Message.objects.filter(pk=receipt.pk).update(
        status=Message.Status.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: {'asker@example.se': (550, b'5.1.1 No such user here')}",
    )
