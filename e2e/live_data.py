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


def main() -> None:
    from krokarm.accounts.actions import affiliate
    from krokarm.accounts.models import User
    from krokarm.actors.models import Actor
    from krokarm.cases import actions
    from krokarm.cases.models import Case

    af = Actor.objects.get(slug="arbetsformedlingen")
    staff = User.objects.create_superuser(STAFF[0], "e2e@example.se", STAFF[1])
    affiliate(staff, af, source="seed")
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
