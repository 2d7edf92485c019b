"""A region's need taken further as a challenge: the link is kept both ways, and both changes are audited in
the same transaction."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.challenges import actions
from krokarm.challenges.models import Challenge
from krokarm.challenges.tests.factories import OTHER_REGION, REGION, actor, log_in, region_editor, url
from krokarm.needs.models import Need
from krokarm.needs.tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_the_regions_editor_sees_make_it_a_challenge_on_the_need(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    response = client.get(need.get_absolute_url())
    assert "Gör till utmaning" in response.text and f"{url('create')}?behov={need.pk}" in response.text


def test_others_do_not_see_make_it_a_challenge(client: Any) -> None:
    need = make_need()
    assert "Gör till utmaning" not in client.get(need.get_absolute_url()).text
    log_in(client, region_editor(OTHER_REGION))
    assert "Gör till utmaning" not in client.get(need.get_absolute_url()).text


def test_the_form_is_prefilled_from_the_need(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    response = client.get(url("create"), {"behov": need.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == need.title and form.initial["lead"] == REGION
    assert form.initial["kind"] == "platsbaserad" and form.initial["themes"] == ["kompetensforsorjning"]
    assert form.initial["description"] == need.description and "goal" not in form.initial
    assert need.title in response.text


def test_saving_links_the_challenge_and_the_need_both_ways(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    data = {
        "lead": REGION,
        "title": need.title,
        "goal": "Länet har de undersköterskor vården behöver.",
        "kind": "platsbaserad",
    }
    response = client.post(f"{url('create')}?behov={need.pk}", data)
    challenge = Challenge.objects.get(from_need=need)
    assert response.status_code == 302 and response["Location"] == challenge.get_absolute_url()
    need.refresh_from_db()
    assert need.status == Need.Status.BECAME_CHALLENGE and need.title in need.became
    assert AuditEntry.objects.filter(action="need.became_challenge", target_id=str(need.pk)).count() == 1
    created = AuditEntry.objects.get(action="challenge.created", target_id=str(challenge.pk))
    assert created.changes["from_need"] == [None, need.title]
    assert challenge.get_absolute_url() in client.get(need.get_absolute_url()).text
    assert need.get_absolute_url() in client.get(challenge.get_absolute_url()).text


def test_a_need_becomes_a_challenge_only_once(client: Any) -> None:
    need = make_need()
    user = region_editor()
    actions.propose_challenge(user=user, lead=actor(REGION), title="Första", goal="Mål", from_need=need)
    log_in(client, user)
    assert client.get(url("create"), {"behov": need.pk}).status_code == 403
    assert "Gör till utmaning" not in client.get(need.get_absolute_url()).text


def test_a_refused_conversion_leaves_neither_challenge_nor_audit_row() -> None:
    need = make_need()
    actions.propose_challenge(user=None, lead=actor(REGION), title="Första", goal="Mål", from_need=need)
    before = (Challenge.objects.count(), AuditEntry.objects.count())
    with pytest.raises(actions.ChallengeRefused), zeal_ignore():
        actions.propose_challenge(user=None, lead=actor(REGION), title="Andra", goal="Mål", from_need=need)
    assert (Challenge.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("persona", ["other_region", "anonymous"])
def test_another_regions_editor_cannot_convert_the_need(client: Any, persona: str) -> None:
    need = make_need()
    if persona == "other_region":
        log_in(client, region_editor(OTHER_REGION))
        assert client.get(url("create"), {"behov": need.pk}).status_code == 403
    else:
        assert client.get(url("create"), {"behov": need.pk}).status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN


def test_an_unknown_need_is_not_found(client: Any) -> None:
    log_in(client, region_editor())
    assert client.get(url("create"), {"behov": "999999"}).status_code == 404
    assert client.get(url("create"), {"behov": "abc"}).status_code == 404
