"""A form that makes something, sent twice (a double click, a page sent again): one thing is made, and the second
sending shows what the first made instead of an error."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.challenges.models import Approach, Challenge, Participant
from krokarm.challenges.tests.factories import AGENCY, REGION, editor, log_in, make_challenge, region_editor, url
from krokarm.needs.tests.factories import make_need

pytestmark = pytest.mark.django_db
ONCE = "0123456789abcdef0123456789abcdef"

PROPOSAL = {
    "lead": AGENCY,
    "title": "Fler vårdutbildade i hela landet",
    "goal": "Alla län har tillräckligt med undersköterskor.",
    "kind": "generell",
    "once": ONCE,
}


def twice(client: Any, address: str, data: dict[str, Any]) -> tuple[Any, Any]:
    return client.post(address, data), client.post(address, data, follow=True)


def test_a_double_submitted_proposal_is_created_once(client: Any) -> None:
    log_in(client, editor())
    first, second = twice(client, url("create"), PROPOSAL)
    (challenge,) = Challenge.objects.filter(title=PROPOSAL["title"])
    assert first.status_code == 302 and first["Location"] == challenge.get_absolute_url()
    assert second.redirect_chain[-1][0] == challenge.get_absolute_url() and second.status_code == 200
    assert "Utmaningen var redan föreslagen: formuläret skickades två gånger." in second.text


def test_a_double_submitted_proposal_from_a_need_shows_the_challenge_instead_of_refusing(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    data = {**PROPOSAL, "lead": REGION, "kind": "platsbaserad"}
    first, second = twice(client, f"{url('create')}?behov={need.pk}", data)
    (challenge,) = Challenge.objects.filter(from_need=need)  # the need became one challenge, not two
    assert first.status_code == 302 and second.status_code == 200  # not 403 "already a challenge"
    assert second.redirect_chain[-1][0] == challenge.get_absolute_url()


def test_the_same_form_sent_with_a_new_key_proposes_a_second_challenge_on_purpose(client: Any) -> None:
    log_in(client, editor())
    client.post(url("create"), PROPOSAL)
    client.post(url("create"), {**PROPOSAL, "once": "f" * 32})
    assert Challenge.objects.filter(title=PROPOSAL["title"]).count() == 2  # two sendings of two pages: two


def test_a_double_submitted_join_joins_once(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor("csn"))
    first, second = twice(client, url("join", challenge.slug), {"actor": "csn", "once": ONCE})
    assert first.status_code == 302 and second.status_code == 200
    assert "Organisationen deltog redan: du skickade anmälan två gånger." in second.text
    assert challenge.participants.filter(actor__slug="csn").count() == 1


def test_a_double_submitted_participant_is_added_once(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    data = {"actor": "skolverket", "role": "finansierar", "note": "", "once": ONCE}
    first, second = twice(client, url("participants", challenge.slug), data)
    assert first.status_code == 302 and second.status_code == 200
    assert "Organisationen var redan tillagd: formuläret skickades två gånger." in second.text
    assert Participant.objects.filter(challenge=challenge, actor__slug="skolverket").count() == 1


def test_a_double_submitted_first_approach_is_saved_once_and_never_called_a_conflict(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, region_editor())
    data = {"summary": "Vi samlar arbetsgivarna.", "status": "planerad", "version": 0, "once": ONCE}
    first, second = twice(client, url("approach", challenge.slug, REGION), data)
    assert first.status_code == 302 and second.status_code == 200
    assert "Arbetssättet var redan sparat: formuläret skickades två gånger." in second.text
    assert "medan du skrev" not in second.text
    assert Approach.objects.filter(challenge=challenge).count() == 1


def test_every_form_that_makes_or_changes_something_carries_its_key_or_version(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    assert 'name="once"' in client.get(url("create")).text
    edit = client.get(url("edit", challenge.slug)).text
    assert f'name="version" value="{challenge.version}"' in edit
    assert 'name="current" value="forslag"' in client.get(url("status", challenge.slug)).text
    assert 'name="once"' in client.get(url("participants", challenge.slug)).text
    log_in(client, editor("csn"))
    assert 'name="once"' in client.get(url("detail", challenge.slug)).text  # the join form
    log_in(client, region_editor())
    approach = client.get(url("approach", challenge.slug, REGION)).text
    assert 'name="once"' in approach and 'name="version" value="0"' in approach
