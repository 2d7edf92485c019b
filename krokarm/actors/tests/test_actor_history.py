"""The change history on the actor page: folded away below the content, and written for people."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from krokarm.actors import actions
from krokarm.actors.models import Actor
from krokarm.actors.tests.personas import coordinator, login, person_at
from krokarm.audit.actions import record
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

AF = "arbetsformedlingen"
LOADED = "Uppgifterna lästes in från referensdata"


@pytest.fixture(autouse=True)
def _one_factor(settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = False  # two-factor sign-in has its own tests (accounts)


def page(client: Any, slug: str = AF) -> str:
    return str(client.get(reverse("actors:detail", args=[slug])).text)


def history(text: str) -> str:
    """The page from the history's title on (the history comes last in the page's content)."""
    start = text.index(">Ändringshistorik<")
    return text[start : text.index("</main>", start)]


def seed_rows(actor: Actor) -> Any:
    return AuditEntry.objects.filter(source="seed", target_type="actors.actor", target_id=str(actor.pk))


def test_the_history_is_folded_behind_andringshistorik_below_the_actors_content(client: Any) -> None:
    text = page(client)
    assert re.search(r"<details[^>]*>\s*<summary>Ändringshistorik</summary>", text)
    assert text.index("<summary>Ändringshistorik") > text.index(">Tjänster</h2>")


def test_the_reference_data_load_reads_as_one_line_with_its_date(client: Any) -> None:
    loaded = timezone.localdate(seed_rows(Actor.objects.get(slug=AF)).get().created_at)
    section = history(page(client))
    assert section.count(LOADED) == 1
    assert f"{LOADED} {date_format(loaded, 'j F Y')}" in section
    assert "lades till" not in section and "(tomt)" not in section


def test_each_day_the_reference_data_was_loaded_is_its_own_line(client: Any) -> None:
    actor = Actor.objects.get(slug=AF)
    seed_rows(actor).update(created_at=dt.datetime(2025, 3, 4, 12, tzinfo=dt.UTC))
    section = history(page(client))
    assert section.count(LOADED) == 2
    assert f"{LOADED} 4 mars 2025" in section


def test_a_change_of_kind_shows_the_kinds_names_not_their_codes(client: Any) -> None:
    actions.save_actor(Actor.objects.get(slug=AF), {"kind": Actor.Kind.REGION}, source="admin")
    section = history(page(client))
    assert "Aktör ändrades" in section
    assert "<del>Myndighet</del>" in section and "<ins>Region</ins>" in section
    assert "agency" not in section and ">region<" not in section


def test_an_editors_new_service_reads_in_words_without_its_empty_fields(client: Any) -> None:
    login(client, person_at(AF, first_name="Greta", last_name="Handläggare"))
    groups = ["individer", "arbetsgivare"]
    data = {"name": "Jobbcoach på distans", "description": "", "url": "", "target_groups": groups}
    assert client.post(reverse("actors:add-service", args=[AF]), data).status_code == 302

    section = history(page(Client()))  # an anonymous visitor
    assert "Tjänst lades till" in section and "För Arbetsförmedlingen" in section
    assert "Jobbcoach på distans" in section
    assert "<ins>Arbetsgivare, Individer</ins>" in section
    assert "Beskrivning" not in section and "Adress" not in section and "(tomt)" not in section
    assert "Greta" not in section

    login(client, coordinator())
    assert "Greta Handläggare" in history(page(client))


def test_a_change_with_nothing_left_to_show_is_left_out(client: Any) -> None:
    actor = Actor.objects.get(slug=AF)
    with transaction.atomic():
        record("actor.updated", actor, changes={"seat": [None, ""]}, source="web", organisation=actor)
    assert "Aktör ändrades" not in history(page(client))
