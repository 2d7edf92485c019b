"""The editing pages: an actor's editors change its profile, responsibilities and services; nobody else can."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Actor, Responsibility, Service, Theme
from krokarm.actors.tests.personas import coordinator, login, person_at
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

AF = "arbetsformedlingen"


@pytest.fixture(autouse=True)
def _one_factor(settings: Any) -> None:
    # Two-factor sign-in has its own tests (accounts); here the editor has already signed in.
    settings.REQUIRE_TWO_FACTOR = False


def editing_urls(slug: str = AF) -> list[str]:
    actor = Actor.objects.get(slug=slug)
    resp, service = actor.responsibilities.first(), actor.services.first()
    return [
        reverse("actors:edit", args=[slug]),
        reverse("actors:add-responsibility", args=[slug]),
        reverse("actors:edit-responsibility", args=[slug, resp.pk]),
        reverse("actors:delete-responsibility", args=[slug, resp.pk]),
        reverse("actors:add-service", args=[slug]),
        reverse("actors:edit-service", args=[slug, service.pk]),
        reverse("actors:delete-service", args=[slug, service.pk]),
    ]


def new_rows() -> int:
    return AuditEntry.objects.count()


def a_topic() -> Theme:
    actor = Actor.objects.get(slug=AF)
    return Theme.objects.filter(kind=Theme.Kind.TOPIC).exclude(responsibilities__actor=actor).order_by("pk")[0]


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any) -> None:
    before = new_rows()
    for url in editing_urls():
        for response in (client.get(url), client.post(url, {"short_name": "X"})):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
    assert new_rows() == before


def test_a_member_who_is_not_an_editor_is_refused(client: Any) -> None:
    login(client, person_at(AF, Affiliation.Role.MEMBER))
    before = new_rows()
    for url in editing_urls():
        assert client.get(url).status_code == 403
        response = client.post(url, {"short_name": "X"})
        assert response.status_code == 403
        assert "Du har inte behörighet till sidan" in response.text
    assert new_rows() == before


def test_an_editor_of_another_actor_is_refused(client: Any) -> None:
    login(client, person_at("csn"))
    before = new_rows()
    for url in editing_urls(AF):
        assert client.get(url).status_code == 403
        assert client.post(url, {"short_name": "X"}).status_code == 403
    assert new_rows() == before


def test_another_actors_responsibility_or_service_is_not_found_under_ones_own_actor(client: Any) -> None:
    login(client, person_at("csn"))
    af = Actor.objects.get(slug=AF)
    resp, service = af.responsibilities.first(), af.services.first()
    before = new_rows()
    for name, pk in [
        ("actors:edit-responsibility", resp.pk),
        ("actors:delete-responsibility", resp.pk),
        ("actors:edit-service", service.pk),
        ("actors:delete-service", service.pk),
    ]:
        url = reverse(name, args=["csn", pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"description": "Kapad"}).status_code == 404
    assert Responsibility.objects.filter(pk=resp.pk).exists() and Service.objects.filter(pk=service.pk).exists()
    assert new_rows() == before


def test_an_unknown_actor_is_not_found(client: Any) -> None:
    login(client, person_at(AF))
    assert client.get(reverse("actors:edit", args=["finns-inte"])).status_code == 404


def test_only_get_and_post_are_allowed(client: Any) -> None:
    login(client, person_at(AF))
    for url in editing_urls():
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405


def test_the_editor_sees_every_editing_page(client: Any) -> None:
    login(client, person_at(AF))
    for url in editing_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'method="post"' in response.text


def test_an_organisation_admin_may_edit_too(client: Any) -> None:
    login(client, person_at(AF, Affiliation.Role.ADMIN))
    assert client.get(reverse("actors:edit", args=[AF])).status_code == 200


# The profile.


def profile_data(actor: Actor, **changes: str) -> dict[str, str]:
    fields = ("short_name", "website", "seat", "mandate", "mandate_source_url", "case_email")
    return {**{f: getattr(actor, f) for f in fields}, **changes}


def test_saving_the_profile_changes_it_and_records_who_for_whom_and_what(client: Any) -> None:
    editor = person_at(AF)
    login(client, editor)
    actor = Actor.objects.get(slug=AF)
    old_seat = actor.seat
    response = client.post(
        reverse("actors:edit", args=[AF]),
        profile_data(actor, seat="Nordpolsbyn", case_email="arenden@arbetsformedlingen.se"),
    )
    assert response.status_code == 302 and response["Location"] == reverse("actors:edit", args=[AF])
    actor.refresh_from_db()
    assert actor.seat == "Nordpolsbyn" and actor.case_email == "arenden@arbetsformedlingen.se"
    assert "nordpolsbyn" in actor.search_text
    entry = AuditEntry.objects.get(action="actor.updated", target_id=str(actor.pk), user=editor)
    assert entry.organisation == actor and entry.source == "web"
    assert entry.changes == {"seat": [old_seat, "Nordpolsbyn"], "case_email": ["", "arenden@arbetsformedlingen.se"]}
    assert AuditEntry.objects.filter(user=editor).count() == 1


def test_saving_an_unchanged_profile_writes_nothing(client: Any) -> None:
    login(client, person_at(AF))
    actor = Actor.objects.get(slug=AF)
    before = new_rows()
    assert client.post(reverse("actors:edit", args=[AF]), profile_data(actor)).status_code == 302
    assert new_rows() == before


def test_profile_errors_are_summarised_in_swedish_and_nothing_is_saved(client: Any) -> None:
    login(client, person_at(AF))
    actor = Actor.objects.get(slug=AF)
    before = new_rows()
    data = profile_data(actor, website="inte en adress", case_email="ingen-snabel-a")
    response = client.post(reverse("actors:edit", args=[AF]), data)
    assert response.status_code == 400
    assert "Något behöver rättas" in response.text
    assert "Skriv en hel webbadress" in response.text
    assert "Skriv e-postadressen så här: namn@example.se." in response.text
    assert 'href="#id_website"' in response.text
    assert new_rows() == before


# Responsibilities.


def responsibility_data(theme: Theme, **changes: Any) -> dict[str, Any]:
    return {
        "theme": theme.slug,
        "role": "bidrar",
        "target_groups": ["individer"],
        "description": "Vi bidrar med matchning.",
        "basis": "Förordning (2022:811)",
        "source_url": "https://www.arbetsformedlingen.se/om-oss",
        "questions": "Hur får jag stöd?\n\n  Var söker jag jobb?  \n",
        **changes,
    }


def test_the_editor_adds_a_responsibility_with_one_audit_row(client: Any) -> None:
    editor = person_at(AF)
    login(client, editor)
    theme = a_topic()
    response = client.post(reverse("actors:add-responsibility", args=[AF]), responsibility_data(theme))
    assert response.status_code == 302
    resp = Responsibility.objects.get(actor__slug=AF, theme=theme, role="bidrar")
    assert resp.questions == ["Hur får jag stöd?", "Var söker jag jobb?"]
    assert [g.slug for g in resp.target_groups.all()] == ["individer"]
    entry = AuditEntry.objects.get(user=editor)
    assert entry.action == "responsibility.created" and entry.organisation.slug == AF
    assert entry.changes["description"] == [None, "Vi bidrar med matchning."]
    assert entry.changes["target_groups"] == [[], ["individer"]]


def test_the_editor_changes_a_responsibility_old_to_new(client: Any) -> None:
    editor = person_at(AF)
    login(client, editor)
    resp = Responsibility.objects.filter(actor__slug=AF).select_related("theme").first()
    old = resp.description
    groups = [g.slug for g in resp.target_groups.all()]
    data = responsibility_data(
        resp.theme,
        role=resp.role,
        target_groups=groups,
        description="En ny beskrivning.",
        basis=resp.basis,
        source_url=resp.source_url,
        questions="\n".join(resp.questions),
    )
    response = client.post(reverse("actors:edit-responsibility", args=[AF, resp.pk]), data)
    assert response.status_code == 302
    resp.refresh_from_db()
    assert resp.description == "En ny beskrivning."
    entry = AuditEntry.objects.get(user=editor)
    assert entry.action == "responsibility.updated" and entry.organisation.slug == AF
    assert entry.changes == {"description": [old, "En ny beskrivning."]}


def test_a_responsibility_needs_a_source_and_a_description(client: Any) -> None:
    login(client, person_at(AF))
    data = responsibility_data(a_topic(), source_url="", description="")
    response = client.post(reverse("actors:add-responsibility", args=[AF]), data)
    assert response.status_code == 400
    assert "Skriv en webbadress till källan." in response.text and "Beskriv ansvaret." in response.text


def test_the_same_role_twice_in_one_topic_is_refused(client: Any) -> None:
    login(client, person_at(AF))
    resp = Responsibility.objects.filter(actor__slug=AF).select_related("theme").first()
    data = responsibility_data(resp.theme, role=resp.role)
    response = client.post(reverse("actors:add-responsibility", args=[AF]), data)
    assert response.status_code == 400
    assert "Aktören har redan den rollen inom ämnet." in response.text


def test_deleting_a_responsibility_asks_first_then_records_what_it_was(client: Any) -> None:
    editor = person_at(AF)
    login(client, editor)
    resp = Responsibility.objects.filter(actor__slug=AF).first()
    url = reverse("actors:delete-responsibility", args=[AF, resp.pk])
    assert "Ja, ta bort" in client.get(url).text
    assert Responsibility.objects.filter(pk=resp.pk).exists()
    assert client.post(url).status_code == 302
    assert not Responsibility.objects.filter(pk=resp.pk).exists()
    entry = AuditEntry.objects.get(user=editor)
    assert entry.action == "responsibility.deleted" and entry.organisation.slug == AF
    assert entry.changes["description"] == [resp.description, None]


# Services.


def test_the_editor_adds_changes_and_deletes_a_service(client: Any) -> None:
    editor = person_at(AF)
    login(client, editor)
    data = {"name": "Jobbcoach på distans", "description": "", "url": "https://example.se/coach", "theme": ""}
    assert client.post(reverse("actors:add-service", args=[AF]), data).status_code == 302
    service = Service.objects.get(actor__slug=AF, name="Jobbcoach på distans")
    created = AuditEntry.objects.get(user=editor)
    assert created.action == "service.created" and created.organisation.slug == AF

    data["description"] = "Träffa en coach i video."
    assert client.post(reverse("actors:edit-service", args=[AF, service.pk]), data).status_code == 302
    updated = AuditEntry.objects.filter(user=editor).latest("id")
    assert updated.action == "service.updated"
    assert updated.changes == {"description": ["", "Träffa en coach i video."]}

    assert client.post(reverse("actors:delete-service", args=[AF, service.pk])).status_code == 302
    assert not Service.objects.filter(pk=service.pk).exists()
    deleted = AuditEntry.objects.filter(user=editor).latest("id")
    assert deleted.action == "service.deleted" and deleted.organisation.slug == AF
    assert AuditEntry.objects.filter(user=editor).count() == 3


def test_a_service_name_is_unique_within_the_actor(client: Any) -> None:
    login(client, person_at(AF))
    taken = Service.objects.filter(actor__slug=AF).first().name
    response = client.post(reverse("actors:add-service", args=[AF]), {"name": taken})
    assert response.status_code == 400
    assert "Aktören har redan en tjänst med det namnet." in response.text


# The actor page: the edit link and the timeline.


def test_the_edit_link_is_shown_to_the_actors_editors_only(client: Any) -> None:
    edit_url = reverse("actors:edit", args=[AF])
    profile = reverse("actors:detail", args=[AF])
    assert edit_url not in client.get(profile).text
    login(client, person_at(AF, Affiliation.Role.MEMBER))
    assert edit_url not in client.get(profile).text
    login(client, person_at(AF))
    assert edit_url in client.get(profile).text


def test_the_cached_anonymous_page_never_carries_an_editors_link(client: Any) -> None:
    profile = reverse("actors:detail", args=[AF])
    login(client, person_at(AF))
    assert reverse("actors:edit", args=[AF]) in client.get(profile).text
    anonymous = Client()
    for _ in range(2):  # built, then served from the cache
        assert reverse("actors:edit", args=[AF]) not in anonymous.get(profile).text


def test_the_timeline_shows_a_change_with_the_organisation_but_not_the_official(client: Any) -> None:
    editor = person_at(AF, first_name="Greta", last_name="Handläggare")
    login(client, editor)
    actor = Actor.objects.get(slug=AF)
    client.post(reverse("actors:edit", args=[AF]), profile_data(actor, seat="Nordpolsbyn"))
    text = Client().get(reverse("actors:detail", args=[AF])).text  # an anonymous visitor
    assert "Ändringshistorik" in text
    assert "Aktör ändrades" in text and "Nordpolsbyn" in text
    assert "För Arbetsförmedlingen" in text
    assert "Greta" not in text and editor.username not in text
    assert reverse("audit:log") not in text


def test_a_coordinator_sees_who_made_the_change_and_a_link_to_the_whole_log(client: Any) -> None:
    editor = person_at(AF, first_name="Greta", last_name="Handläggare")
    login(client, editor)
    actor = Actor.objects.get(slug=AF)
    client.post(reverse("actors:edit", args=[AF]), profile_data(actor, seat="Nordpolsbyn"))
    login(client, coordinator())
    text = client.get(reverse("actors:detail", args=[AF])).text
    assert "Greta Handläggare" in text
    assert f"{reverse('audit:log')}?organisation={AF}" in text


def test_private_changes_for_the_actor_stay_off_its_timeline(client: Any) -> None:
    person_at(AF, Affiliation.Role.MEMBER)  # an affiliation is recorded with organisation=AF, public=False
    text = client.get(reverse("actors:detail", args=[AF])).text
    assert "Tillhörighet" not in text


# Signed in, the page is built afresh (no data version): the profile's own queries as in
# test_actor_detail_view (with the comment counts) and the timeline's one, plus the session and the user,
# the coordinator check (groups), the user's affiliations (read once a request, for can_edit_actor and the
# header's inbox link), and saving the session (SESSION_SAVE_EVERY_REQUEST: a savepoint, the update, its release).
def test_the_profile_with_its_timeline_runs_a_fixed_number_of_queries_for_an_editor(
    client: Any, django_assert_num_queries: Any
) -> None:
    login(client, person_at(AF))
    profile = reverse("actors:detail", args=[AF])
    client.get(profile)
    # + the header's unread notifications and the follow button, and the responsibilities no longer current;
    # +2 for when the actor, its responsibilities and services were checked and by whom (krokarm.audit.provenance)
    with django_assert_num_queries(20):
        client.get(profile)


# The session, the user, the actor, the user's affiliations, the coordinator check (the header), the
# responsibilities (with their topics) and the services, and saving the session (three statements).
def test_the_editing_page_runs_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    login(client, person_at(AF))
    with django_assert_num_queries(11):  # + the header's unread notifications
        client.get(reverse("actors:edit", args=[AF]))
