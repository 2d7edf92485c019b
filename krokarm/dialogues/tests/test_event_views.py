"""The event pages: the list, creating and changing an event, the event page, registering and cancelling.

The helpers at the top build events, sessions, proposals and follow-ups through the app's own actions; the
capture and follow-up view tests use them too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import member_of
from krokarm.actors.models import Actor
from krokarm.dialogues import actions
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Proposal, Registration

pytestmark = pytest.mark.django_db

ORGANISER = "tillvaxtverket"
OWNER = "arbetsformedlingen"


def actor(slug: str) -> Actor:
    with zeal_ignore():
        return Actor.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER) -> User:
    with zeal_ignore():
        return member_of(slug, role)


def editor(slug: str = ORGANISER) -> User:
    return person(slug, Affiliation.Role.EDITOR)


def url(name: str, *args: Any) -> str:
    return reverse(f"dialogues:{name}", args=args)


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def make_event(
    *,
    title: str = "Dialogdag om kompetensförsörjning",
    days: int = 30,
    starts: dt.datetime | None = None,
    capacity: int | None = None,
    place: str = "Tillväxtverket, Stockholm",
    **values: Any,
) -> Event:
    starts = starts or timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    with zeal_ignore():
        return actions.create_event(
            user=None,
            organiser=actor(ORGANISER),
            title=title,
            kind=Event.Kind.DIALOGUE_DAY,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=6),
            place=place,
            agenda="09:30 Välkommen\n10:00 Dialogpass",
            capacity=capacity,
            invited=[actor("region-ostergotland"), actor(OWNER)],
            **values,
        )


def make_session(event: Event, *, facilitator: User | None = None, title: str = "Roller och mandat") -> DialogueSession:
    with zeal_ignore():
        return actions.add_session(event, user=None, title=title, facilitator=facilitator)


def make_proposal(session: DialogueSession, *, title: str = "En gemensam väg in") -> Proposal:
    with zeal_ignore():
        return actions.capture_proposal(session, user=None, title=title, text="Samla myndigheternas ingångar.")


def make_followup(
    proposal: Proposal, *, owner: str = OWNER, due_on: dt.date | None = None, title: str = "Bygg en väg in"
) -> FollowUp:
    with zeal_ignore():
        return actions.create_followup(
            proposal,
            user=None,
            title=title,
            owner=actor(owner),
            due_on=due_on or timezone.localdate() + dt.timedelta(days=60),
            link="/fraga/",
        )


# --- The list ------------------------------------------------------------------------------------------------


def test_the_list_shows_upcoming_and_past_events(client: Any) -> None:
    upcoming = make_event(title="Kommande nätverksmöte")
    past = make_event(title="Förra årets dialogdag", days=-300)
    response = client.get(url("list"))
    assert response.status_code == 200
    text = response.text
    assert upcoming.get_absolute_url() in text and past.get_absolute_url() in text
    assert text.index("Kommande nätverksmöte") < text.index("Förra årets dialogdag")


def test_the_list_counts_registrations_and_proposals(client: Any) -> None:
    upcoming = make_event(title="Kommande nätverksmöte")
    with zeal_ignore():
        actions.register(upcoming, user=person("csn"), actor=actor("csn"))
    past = make_event(title="Förra årets dialogdag", days=-300)
    make_proposal(make_session(past), title="Ett")
    make_proposal(make_session(past, title="Andra passet"), title="Två")
    text = client.get(url("list")).text
    assert "1 anmäld" in text and "2 förslag" in text


def test_the_create_button_shows_only_for_editors(client: Any) -> None:
    assert url("create") not in client.get(url("list")).text
    log_in(client, editor())
    assert url("create") in client.get(url("list")).text


def test_the_list_needs_few_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    for number in range(3):
        make_event(title=f"Träff {number}", days=10 + number)
    with django_assert_max_num_queries(8):
        assert client.get(url("list")).status_code == 200


def test_the_list_refuses_post(client: Any) -> None:
    assert client.post(url("list")).status_code == 405


# --- Creating and changing ------------------------------------------------------------------------------------


def form_data(**values: Any) -> dict[str, Any]:
    starts = timezone.localtime() + dt.timedelta(days=40)
    data = {
        "organiser": ORGANISER,
        "title": "Webbinarium om strukturfonderna",
        "kind": Event.Kind.WEBINAR,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "",
        "online_url": "https://example.se/mote",
        "description": "",
        "agenda": "13:00 Inledning\n\n13:30 Frågor",
        "capacity": "50",
        "registration_closes_at": "",
        "invited": ["region-skane", "csn"],
    }
    data.update(values)
    return data


def test_an_editor_creates_an_event_for_their_organisation(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), form_data())
    event = Event.objects.get(title="Webbinarium om strukturfonderna")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.organiser.slug == ORGANISER and event.capacity == 50
    assert event.agenda == "13:00 Inledning\n13:30 Frågor"
    assert sorted(event.invited.values_list("slug", flat=True)) == ["csn", "region-skane"]


def test_form_errors_keep_the_input(client: Any) -> None:
    log_in(client, editor())
    data = form_data(ends_at=form_data()["starts_at"], title="Min träff", online_url="", place="")
    response = client.post(url("create"), data)
    assert response.status_code == 400
    assert "Träffen måste sluta efter att den börjar." in response.text
    assert "Skriv en plats eller en länk till det digitala mötet." in response.text
    assert 'value="Min träff"' in response.text and "13:30 Frågor" in response.text
    assert not Event.objects.filter(title="Min träff").exists()


def test_an_editor_cannot_organise_for_another_organisation(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), form_data(organiser="csn"))
    assert response.status_code == 400
    assert "Välj en organisation du är redaktör för." in response.text


def test_a_member_who_edits_nowhere_may_not_create(client: Any) -> None:
    log_in(client, person(OWNER))
    assert client.get(url("create")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Any) -> None:
    event = make_event()
    for address in (url("create"), url("edit", event.slug)):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_organisers_editor_changes_the_event(client: Any) -> None:
    event = make_event()
    log_in(client, editor())
    form = client.get(url("edit", event.slug))
    assert form.status_code == 200 and 'aria-current="page">Ändra</li>' in form.text
    assert 'value="Dialogdag om kompetensförsörjning"' in form.text
    response = client.post(url("edit", event.slug), form_data(title="Ny rubrik", capacity=""))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Ny rubrik" and event.capacity is None


def test_another_organisation_may_not_change_the_event(client: Any) -> None:
    event = make_event()
    log_in(client, editor("csn"))
    assert client.get(url("edit", event.slug)).status_code == 403
    assert client.post(url("edit", event.slug), form_data(title="Kapat")).status_code == 403
    event.refresh_from_db()
    assert event.title != "Kapat"


def test_editing_a_missing_event_is_not_found(client: Any) -> None:
    log_in(client, editor())
    assert client.get(url("edit", "finns-inte")).status_code == 404


# --- The event page -----------------------------------------------------------------------------------------


def test_the_event_page_shows_what_happened_next(client: Any) -> None:
    event = make_event(days=-30)
    proposal = make_proposal(make_session(event))
    late = make_followup(proposal, title="Försenat steg", due_on=timezone.localdate() - dt.timedelta(days=3))
    done = make_followup(proposal, title="Klart steg")
    with zeal_ignore():
        actions.update_followup(done, user=None, status=FollowUp.Status.DONE, text="Klart.")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "Vad hände sedan?" in text and proposal.get_absolute_url() in text
    assert late.get_absolute_url() in text and "Försenad" in text
    assert "Klar" in text and "/fraga/" in text
    assert text.count("Försenad") == 1


def test_the_event_page_lists_organisations_not_people(client: Any) -> None:
    event = make_event()
    attendee = person("region-skane")
    with zeal_ignore():
        actions.register(event, user=attendee, actor=actor("region-skane"))
    text = client.get(event.get_absolute_url()).text
    assert "Region Skåne" in text
    assert attendee.email not in text and attendee.username not in text


def test_the_event_page_needs_few_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    event = make_event(days=-30)
    for number in range(3):
        proposal = make_proposal(make_session(event, title=f"Pass {number}"), title=f"Förslag {number}")
        make_followup(proposal, title=f"Steg {number}a")
        make_followup(proposal, title=f"Steg {number}b", owner="csn")
    log_in(client, person(OWNER))
    with django_assert_max_num_queries(20):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_an_upcoming_event_offers_its_calendar_file_and_registration(client: Any) -> None:
    event = make_event(capacity=20, registration_closes_at=timezone.now() + dt.timedelta(days=20))
    text = client.get(event.get_absolute_url()).text
    assert url("event_calendar", event.slug) in text and "Lägg till i din kalender" in text
    assert "Logga in för att anmäla dig" in text and "Ingen organisation är anmäld ännu." in text
    assert "Platser" in text and "Sista anmälningsdag" in text
    assert "Träffen har ägt rum" not in text


def test_a_past_event_says_it_has_taken_place_and_invites_nobody(client: Any) -> None:
    event = make_event(days=-30, capacity=20, registration_closes_at=timezone.now() - dt.timedelta(days=40))
    log_in(client, person(OWNER))
    text = client.get(event.get_absolute_url()).text
    assert "Träffen har ägt rum." in text
    assert url("event_calendar", event.slug) not in text and "Lägg till i din kalender" not in text
    for invitation in ("Anmäl mig", "Ingen organisation är anmäld", "anmäla dig", "Platser", "Sista anmälningsdag"):
        assert invitation not in text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(event.get_absolute_url()).text
    assert "The event has taken place." in english and "Add to your calendar" not in english


def test_a_past_event_still_names_the_organisations_that_took_part(client: Any) -> None:
    event = make_event()
    member = person(OWNER)
    with zeal_ignore():
        actions.register(event, user=member, actor=actor(OWNER))
        Event.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - dt.timedelta(days=2), ends_at=timezone.now() - dt.timedelta(days=1)
        )
    log_in(client, member)
    text = client.get(event.get_absolute_url()).text
    assert "Anmälda organisationer" in text and "Arbetsförmedlingen" in text
    assert "Du var anmäld för Arbetsförmedlingen." in text and "Avanmäl mig" not in text


def test_an_event_without_a_place_or_link_shows_no_empty_where_row(client: Any) -> None:
    nowhere = make_event(title="Plats kommer senare", place="")
    assert "<dt>Var</dt>" not in client.get(nowhere.get_absolute_url()).text
    online = make_event(title="Digitalt möte", place="", online_url="https://example.se/mote")
    assert "<dt>Var</dt><dd>Digitalt (länken visas för anmälda)</dd>" in client.get(online.get_absolute_url()).text
    assert "<dt>Var</dt><dd>Tillväxtverket, Stockholm</dd>" in client.get(make_event().get_absolute_url()).text


@pytest.mark.parametrize(
    ("language", "when"),
    [("sv", "fredag 6 december 2030 kl. 10:00</time>–<time"), ("en", "Friday 6 December 2030, 10:00</time>–<time")],
)
def test_the_event_page_writes_its_dates_in_words_in_each_language(client: Any, language: str, when: str) -> None:
    starts = dt.datetime(2030, 12, 6, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    event = make_event(starts=starts, registration_closes_at=starts - dt.timedelta(days=7))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = client.get(event.get_absolute_url()).text
    assert when in text
    closes = {"sv": "29 november 2030 kl. 10:00", "en": "29 November 2030, 10:00"}[language]
    assert f"<dd>{closes}</dd>" in text


def test_a_missing_event_is_not_found(client: Any) -> None:
    assert client.get(url("event", "finns-inte")).status_code == 404


# --- Registering ----------------------------------------------------------------------------------------------


def test_a_member_registers_for_their_organisation_and_cancels(client: Any) -> None:
    event = make_event()
    member = person(OWNER)
    log_in(client, member)
    page = client.get(event.get_absolute_url()).text
    assert "Anmäl mig" in page and "Du anmäler dig för Arbetsförmedlingen." in page
    response = client.post(url("register", event.slug), {"actor": OWNER})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=member)
    assert registration.status == Registration.Status.REGISTERED
    assert "Du är anmäld för Arbetsförmedlingen." in client.get(event.get_absolute_url()).text
    assert client.post(url("cancel", event.slug)).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_full_event_puts_people_on_the_waitlist(client: Any) -> None:
    event = make_event(capacity=1)
    with zeal_ignore():
        actions.register(event, user=person("csn"), actor=actor("csn"))
    member = person(OWNER)
    log_in(client, member)
    assert "Du hamnar på väntelistan" in client.get(event.get_absolute_url()).text
    response = client.post(url("register", event.slug), {"actor": OWNER}, follow=True)
    assert "väntelistan" in response.text
    assert Registration.objects.get(event=event, user=member).status == Registration.Status.WAITLIST


def test_registering_twice_is_refused_with_a_message(client: Any) -> None:
    event = make_event()
    member = person(OWNER)
    with zeal_ignore():
        actions.register(event, user=member, actor=actor(OWNER))
    log_in(client, member)
    response = client.post(url("register", event.slug), {"actor": OWNER})
    assert response.status_code == 409
    assert Registration.objects.filter(event=event, user=member).count() == 1


def test_registering_for_someone_elses_organisation_is_refused(client: Any) -> None:
    event = make_event()
    log_in(client, person(OWNER))
    response = client.post(url("register", event.slug), {"actor": "csn"})
    assert response.status_code == 400
    assert not Registration.objects.filter(event=event).exists()


def test_someone_without_an_organisation_may_not_register(client: Any) -> None:
    event = make_event()
    with zeal_ignore():
        from krokarm.accounts.tests.factories import UserFactory

        loner = UserFactory.create()
    log_in(client, loner)
    assert client.post(url("register", event.slug), {"actor": OWNER}).status_code == 403


def test_registering_needs_sign_in_and_post(client: Any) -> None:
    event = make_event()
    response = client.post(url("register", event.slug), {"actor": OWNER})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, person(OWNER))
    assert client.get(url("register", event.slug)).status_code == 405
    assert client.get(url("cancel", event.slug)).status_code == 405
    assert client.post(url("register", "finns-inte"), {"actor": OWNER}).status_code == 404
