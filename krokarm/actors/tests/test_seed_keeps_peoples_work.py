"""A re-seed (every deploy runs one) never loses what editors wrote on the site or through the API.

Each test makes people's work first, runs the reference data again, and says what was kept.
"""

from __future__ import annotations

import dataclasses
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from krokarm.accounts.models import Affiliation
from krokarm.actors import reference_data
from krokarm.actors.actions import apply_reference_data, delete_responsibility, save_responsibility, update_profile
from krokarm.actors.models import Actor, Responsibility, Service, Theme
from krokarm.actors.tests.personas import login, person_at
from krokarm.api.tests.helpers import AF, a_responsibility, a_service, bearer, key_for, send
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.comments.actions import post_comment
from krokarm.notifications.actions import follow

pytestmark = pytest.mark.django_db


def dataset() -> reference_data.Dataset:
    return reference_data.load(settings.DATA_DIR)


def first_responsibility(slug: str = AF) -> Responsibility:
    return Responsibility.objects.filter(actor__slug=slug).select_related("theme", "actor").order_by("pk")[0]


def without(data: reference_data.Dataset, resp: Responsibility) -> reference_data.Dataset:
    """The dataset with `resp` taken out of its actor's file."""
    actors = []
    for row in data.actors:
        if row.slug == resp.actor.slug:
            kept = [r for r in row.responsibilities if (r.topic, r.role) != (resp.theme.slug, resp.role)]
            row = dataclasses.replace(row, responsibilities=kept)
        actors.append(row)
    return dataclasses.replace(data, actors=actors)


@pytest.fixture
def editor() -> Any:
    return person_at(AF, Affiliation.Role.EDITOR)


def test_every_seeded_row_knows_its_file_and_key() -> None:
    resp = first_responsibility()
    record = ReferenceRecord.objects.get(target_type="actors.responsibility", target_id=str(resp.pk))
    assert record.file == "actors/agencies-kompetens.yaml"
    assert record.key == f"{AF} / ansvar / {resp.theme.slug} / {resp.role}"
    assert record.values["description"] == resp.description
    actor = Actor.objects.get(slug=AF)
    assert ReferenceRecord.objects.get(target_type="actors.actor", target_id=str(actor.pk)).key == AF


def test_a_responsibility_an_editor_added_on_the_site_survives_the_seed(client: Any, editor: Any) -> None:
    login(client, editor)
    form = {**a_responsibility(), "target_groups": ["individer"], "questions": "Hur?"}
    response = client.post(reverse("actors:add-responsibility", args=[AF]), form)
    assert response.status_code == 302
    added = Responsibility.objects.get(actor__slug=AF, theme__slug="validering", role="informerar")

    call_command("seed", verbosity=0)

    kept = Responsibility.objects.get(pk=added.pk)  # kept: the organisation's own row, untouched
    assert kept.description == a_responsibility()["description"]
    assert not AuditEntry.objects.filter(target_type="actors.responsibility", target_id=str(added.pk), source="seed")


def test_a_service_added_through_the_api_survives_the_seed(client: Any, editor: Any) -> None:
    response = send(client, "post", f"/api/v1/actors/{AF}/services", a_service(), **bearer(key_for(editor)))
    assert response.status_code == 201
    call_command("seed", verbosity=0)
    assert Service.objects.filter(pk=response.json()["id"], name="Valideringsguiden").exists()  # kept


def test_a_reference_row_an_editor_changed_keeps_the_editors_text_and_the_seed_reports_the_conflict(
    editor: Any,
) -> None:
    resp = first_responsibility()
    seeded = resp.description
    values = {"description": "Vår egen, bättre beskrivning."}
    save_responsibility(resp, values, target_groups={g.slug for g in resp.target_groups.all()}, user=editor)

    out = StringIO()
    call_command("seed", stdout=out)

    resp.refresh_from_db()
    assert resp.description == "Vår egen, bättre beskrivning."  # kept: the site's value
    report = out.getvalue()
    assert "conflict: actors/agencies-kompetens.yaml" in report
    assert f"[{AF} / ansvar / {resp.theme.slug} / {resp.role}] description" in report
    assert repr(seeded)[:40] in report and "'Vår egen, bättre beskrivning.'" in report
    assert "kept the site's value" in report


def test_take_file_overwrites_an_edited_reference_row_with_the_files_value(editor: Any) -> None:
    resp = first_responsibility()
    seeded = resp.description
    save_responsibility(resp, {"description": "Ändrad."}, target_groups=set(), user=editor)
    call_command("seed", "--take-file", verbosity=0)
    resp.refresh_from_db()
    assert resp.description == seeded
    assert {g.slug for g in resp.target_groups.all()}  # the file's target groups are back too


def test_a_field_nobody_changed_still_follows_the_file(editor: Any) -> None:
    resp = first_responsibility()
    save_responsibility(resp, {"description": "Ändrad av redaktören."}, target_groups=set(), user=editor)
    data = dataset()
    for row in data.actors:
        if row.slug == AF:
            changed = [
                dataclasses.replace(r, basis="Ny grund ur filen")
                if (r.topic, r.role) == (resp.theme.slug, resp.role)
                else r
                for r in row.responsibilities
            ]
            data.actors[data.actors.index(row)] = dataclasses.replace(row, responsibilities=changed)
    summary = apply_reference_data(data)
    resp.refresh_from_db()
    assert resp.basis == "Ny grund ur filen"  # the file decides what nobody changed
    assert resp.description == "Ändrad av redaktören."  # kept
    assert [c.field for c in summary.conflicts] == ["description", "target_groups"]


def test_a_profile_field_an_editor_changed_is_kept(editor: Any) -> None:
    actor = Actor.objects.get(slug=AF)
    update_profile(actor, {"seat": "Kiruna"}, user=editor)
    summary = apply_reference_data(dataset())
    actor.refresh_from_db()
    assert actor.seat == "Kiruna"  # kept
    assert [(c.key, c.field, c.site_value) for c in summary.conflicts] == [(AF, "seat", "Kiruna")]


def test_a_reference_row_removed_from_the_file_with_nothing_pointing_at_it_is_deleted() -> None:
    resp = first_responsibility()
    summary = apply_reference_data(without(dataset(), resp))
    assert not Responsibility.all_objects.filter(pk=resp.pk).exists()
    assert summary.deleted == 1 and summary.retired == 0
    assert AuditEntry.objects.filter(action="responsibility.deleted", target_id=str(resp.pk), source="seed").exists()
    assert not ReferenceRecord.objects.filter(target_type="actors.responsibility", target_id=str(resp.pk)).exists()


def test_a_reference_row_removed_from_the_file_that_people_commented_on_is_retired_with_its_thread(
    client: Any, editor: Any
) -> None:
    resp = first_responsibility()
    comment = post_comment(resp, user=editor, text="Gäller det här även för yrkesvux?")
    summary = apply_reference_data(without(dataset(), resp))

    kept = Responsibility.all_objects.get(pk=resp.pk)  # kept, no longer current
    assert kept.retired_at is not None and summary.retired == 1
    assert not Responsibility.objects.filter(pk=resp.pk).exists()  # left out of every current list
    assert [c.kind for c in summary.conflicts] == ["removed"]
    page = client.get(reverse("actors:detail", args=[AF])).text
    assert "Ansvar som inte längre gäller" in page and kept.description[:40] in page
    thread = client.get(reverse("comments:comment", args=[comment.pk]), follow=True)
    assert thread.status_code == 200 and "Gäller det här även för yrkesvux?" in thread.text


def test_a_reference_row_someone_follows_is_retired_not_deleted(editor: Any) -> None:
    resp = first_responsibility()
    follow(editor, resp, source="web")
    apply_reference_data(without(dataset(), resp))
    assert Responsibility.all_objects.get(pk=resp.pk).retired_at is not None  # kept, with its follower


def test_a_retired_row_that_returns_to_the_file_is_current_again(editor: Any) -> None:
    resp = first_responsibility()
    post_comment(resp, user=editor, text="En fråga.")
    apply_reference_data(without(dataset(), resp))
    apply_reference_data(dataset())
    assert Responsibility.objects.get(pk=resp.pk).retired_at is None


def test_a_row_made_on_the_site_with_the_same_key_as_a_new_file_row_is_left_alone(editor: Any) -> None:
    theme = Theme.objects.get(slug="validering")
    mine = Responsibility(actor=Actor.objects.get(slug=AF))
    save_responsibility(
        mine,
        {"theme": theme, "role": "informerar", "description": "Vår egen.", "basis": "", "source_url": "https://a.se"},
        target_groups=set(),
        user=editor,
    )
    data = dataset()
    for index, row in enumerate(data.actors):
        if row.slug == AF:
            extra = reference_data.ResponsibilityRow(
                "validering", "informerar", (), "Ur filen.", "", "https://b.se", ()
            )
            data.actors[index] = dataclasses.replace(row, responsibilities=[*row.responsibilities, extra])
    summary = apply_reference_data(data)
    mine.refresh_from_db()
    assert mine.description == "Vår egen."  # kept: the organisation's own row
    assert [(c.kind, c.key) for c in summary.conflicts] == [("site_row", f"{AF} / ansvar / validering / informerar")]


def test_a_database_seeded_before_records_existed_is_adopted_not_frozen() -> None:
    ReferenceRecord.objects.all().delete()
    resp = first_responsibility()
    data = dataset()
    for index, row in enumerate(data.actors):
        if row.slug == AF:
            changed = [
                dataclasses.replace(r, basis="Ändrad grund") if (r.topic, r.role) == (resp.theme.slug, resp.role) else r
                for r in row.responsibilities
            ]
            data.actors[index] = dataclasses.replace(row, responsibilities=changed)
    summary = apply_reference_data(data)
    resp.refresh_from_db()
    assert resp.basis == "Ändrad grund"  # the seed's own rows still follow the files
    assert summary.conflicts == []
    assert ReferenceRecord.objects.filter(target_type="actors.responsibility").count() == Responsibility.objects.count()


def test_a_second_seed_after_edits_writes_nothing(editor: Any) -> None:
    resp = first_responsibility()
    save_responsibility(resp, {"description": "Ändrad."}, target_groups=set(), user=editor)
    call_command("seed", verbosity=0)
    before = AuditEntry.objects.count()
    call_command("seed", verbosity=0)
    assert AuditEntry.objects.count() == before


def test_a_reference_row_an_editor_deleted_is_not_brought_back_by_the_seed(editor: Any) -> None:
    resp = first_responsibility()
    key = (resp.actor_id, resp.theme_id, resp.role)
    delete_responsibility(resp, user=editor)

    summary = apply_reference_data(dataset())

    assert not Responsibility.all_objects.filter(actor_id=key[0], theme_id=key[1], role=key[2]).exists()  # kept away
    assert [c.kind for c in summary.conflicts] == ["removed_on_site"]
    assert "deleted on the site but still in the file" in str(summary.conflicts[0])
    assert apply_reference_data(dataset()).created == 0  # and not on the next run either


def test_take_file_brings_back_a_reference_row_an_editor_deleted(editor: Any) -> None:
    resp = first_responsibility()
    key = {"actor_id": resp.actor_id, "theme_id": resp.theme_id, "role": resp.role}
    delete_responsibility(resp, user=editor)
    summary = apply_reference_data(dataset(), take_file=True)
    assert Responsibility.objects.filter(**key).count() == 1 and summary.created == 1


# An actor that the files no longer hold: deleted when nothing points at it, otherwise retired with its page.

NEW = "dykcertifieringsverket"


def with_new_actor(data: reference_data.Dataset) -> reference_data.Dataset:
    """The dataset with one more agency (made up for the test) and one responsibility of its own."""
    duty = reference_data.ResponsibilityRow(
        "validering", "leder", (), "Certifierar yrkesdykare och validerar deras kunskaper.", "", "https://a.se", ()
    )
    row = reference_data.ActorRow(
        slug=NEW,
        kind="agency",
        name="Dykcertifieringsverket",
        mandate="Certifierar yrkesdykare.",
        file="actors/agencies-kompetens.yaml",
        responsibilities=[duty],
    )
    return dataclasses.replace(data, actors=[*data.actors, row])


def found_everywhere(client: Any) -> dict[str, bool]:
    """Where a visitor meets the actor: the directory, the API list, the way in and site search."""
    answer = client.get(reverse("wayin:ask"), {"q": "Hur blir jag certifierad yrkesdykare?"}).context["answer"]
    listed = client.get("/api/v1/actors", {"q": "dykcertifieringsverket"}).json()["items"]
    return {
        "directory": "Dykcertifieringsverket" in client.get(reverse("actors:list"), {"q": "dykcert"}).text,
        "api": NEW in [a["slug"] for a in listed],
        "way in": NEW in [r.actor.slug for r in answer.results],
        "search": "Dykcertifieringsverket" in client.get(reverse("search:search"), {"q": "yrkesdykare"}).text,
    }


def test_an_actor_removed_from_the_files_with_nothing_pointing_at_it_is_deleted() -> None:
    data = dataset()
    apply_reference_data(with_new_actor(data))
    actor = Actor.objects.get(slug=NEW)

    summary = apply_reference_data(data)

    assert not Actor.all_objects.filter(pk=actor.pk).exists()
    assert summary.deleted == 2 and summary.retired == 0  # its responsibility, then the actor
    assert AuditEntry.objects.filter(target_type="actors.actor", target_id=str(actor.pk), source="seed").count() == 2
    assert not ReferenceRecord.objects.filter(target_type="actors.actor", target_id=str(actor.pk)).exists()


def test_an_actor_removed_from_the_files_that_holds_a_case_is_retired_with_its_page_and_the_case(client: Any) -> None:
    from krokarm.cases.tests.factories import make_case

    data = dataset()
    apply_reference_data(with_new_actor(data))
    call_command("reindex", verbosity=0)
    assert found_everywhere(client) == {"directory": True, "api": True, "way in": True, "search": True}
    case = make_case(NEW, question="Hur förnyar jag mitt dykarcertifikat?")

    summary = apply_reference_data(data)
    call_command("reindex", verbosity=0)

    actor = Actor.all_objects.get(slug=NEW)  # kept, no longer current
    assert actor.retired_at is not None
    assert (summary.retired, summary.deleted) == (1, 1)  # its responsibility had nothing pointing at it
    assert [(c.key, c.kind) for c in summary.conflicts if c.key == NEW] == [(NEW, "removed")]
    case.refresh_from_db()
    assert case.actor_id == actor.pk and case.question == "Hur förnyar jag mitt dykarcertifikat?"  # kept
    assert found_everywhere(client) == {"directory": False, "api": False, "way in": False, "search": False}
    page = client.get(reverse("actors:detail", args=[NEW]))
    assert page.status_code == 200
    assert "Aktören finns inte längre i katalogen" in page.text and "Certifierar yrkesdykare." in page.text


def test_a_retired_actor_takes_no_more_edits_and_says_why(client: Any) -> None:
    data = dataset()
    apply_reference_data(with_new_actor(data))
    admin = person_at(NEW, Affiliation.Role.ADMIN)
    apply_reference_data(data)  # the admin's account points at the actor: retired, not deleted
    assert Actor.all_objects.get(slug=NEW).retired_at is not None

    login(client, admin)
    response = client.post(reverse("actors:edit", args=[NEW]), {"seat": "Göteborg"})
    assert response.status_code == 409
    assert "finns inte längre i katalogen och kan inte ändras" in response.text
    assert Actor.all_objects.get(slug=NEW).seat == ""  # nothing written
    assert "Redigera aktörens uppgifter" not in client.get(reverse("actors:detail", args=[NEW])).text


def test_a_retired_actor_that_returns_to_the_files_is_current_again(editor: Any) -> None:
    data = dataset()
    apply_reference_data(with_new_actor(data))
    follow(editor, Actor.objects.get(slug=NEW), source="web")
    apply_reference_data(data)
    assert not Actor.objects.filter(slug=NEW).exists()  # retired: out of every current list

    apply_reference_data(with_new_actor(data))

    actor = Actor.objects.get(slug=NEW)
    assert actor.retired_at is None
    assert Responsibility.objects.filter(actor=actor).count() == 1  # its responsibility is current again too


def test_what_editors_added_to_an_actor_that_is_retired_is_kept_and_leaves_the_matrix_and_the_way_in(
    client: Any,
) -> None:
    data = dataset()
    apply_reference_data(with_new_actor(data))
    editor = person_at(NEW, Affiliation.Role.EDITOR)
    mine = Responsibility(actor=Actor.objects.get(slug=NEW))
    values = {"theme": Theme.objects.get(slug="validering"), "role": "informerar", "description": "Vår egen text."}
    save_responsibility(mine, {**values, "basis": "", "source_url": "https://a.se"}, target_groups=set(), user=editor)

    apply_reference_data(data)

    kept = Responsibility.all_objects.get(pk=mine.pk)  # the editors' own row: untouched
    assert kept.description == "Vår egen text." and kept.retired_at is None
    assert not Responsibility.objects.filter(pk=mine.pk).exists()  # but out of every current list, as its actor
    assert found_everywhere(client)["way in"] is False  # the way in is built without the retired actor
    assert NEW not in client.get(reverse("actors:matrix")).text
    assert "Vår egen text." in client.get(reverse("actors:detail", args=[NEW])).text
