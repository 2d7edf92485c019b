"""The public pages: the list with its filters, a challenge's page, the comparison, and how many queries each takes."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.challenges.models import Challenge
from krokarm.challenges.tests.factories import (
    OTHER_REGION,
    REGION,
    SEEDED,
    coordinator,
    editor,
    log_in,
    make_approach,
    make_challenge,
    make_participant,
    region_editor,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_seeded_challenges_by_title(client: Any) -> None:
    response = client.get(url("list"))
    assert response.status_code == 200
    titles = [c.title for c in response.context["page"].object_list]
    assert titles == sorted(titles) and len(titles) == Challenge.objects.count() >= 3
    assert "Kompetensförsörjning för de stora industrietableringarna" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "platsbaserad"}, {SEEDED}),
        ({"status": "forslag"}, {"en-gemensam-vag-in-for-kompetensforsorjning"}),
        ({"region": "region-norrbotten"}, {SEEDED}),
        ({"theme": "klimat-energi-och-miljo"}, {"omstallning-till-ett-fossilfritt-samhalle"}),
        # A strategic area also finds challenges marked with its topics.
        ({"theme": "innovation-och-foretagande"}, {"omstallning-till-ett-fossilfritt-samhalle"}),
    ],
)
def test_the_filters_narrow_the_list(client: Any, query: dict[str, str], expected: set[str]) -> None:
    response = client.get(url("list"), query)
    assert {c.slug for c in response.context["page"].object_list} == expected


def test_a_region_filter_finds_challenges_it_has_an_approach_for(client: Any) -> None:
    challenge = make_challenge()
    make_approach(challenge, OTHER_REGION)
    response = client.get(url("list"), {"region": OTHER_REGION})
    assert challenge.slug in {c.slug for c in response.context["page"].object_list}


def test_an_unknown_filter_value_is_reported_not_ignored(client: Any) -> None:
    response = client.get(url("list"), {"status": "okand"})
    assert response.status_code == 200
    assert "Välj en status i listan." in response.text


def test_no_match_shows_an_empty_state_with_a_way_on(client: Any) -> None:
    response = client.get(url("list"), {"status": "avslutad"})
    assert "Inga utmaningar matchar" in response.text and "/behov/" in response.text


def test_the_list_links_the_exports(client: Any) -> None:
    response = client.get(url("list"))
    assert url("export_csv") in response.text and url("export_json") in response.text


def test_the_list_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    for number in range(5):
        make_challenge(title=f"Utmaning {number}")
    # data version, count, page, the page's themes, the filters' themes and regions: the same for 5 or 50
    with django_assert_max_num_queries(9):
        response = client.get(url("list"))
    assert response.status_code == 200


def test_the_detail_page_shows_what_and_how(client: Any) -> None:
    response = client.get(url("detail", SEEDED))
    assert response.status_code == 200
    text = response.text
    for part in (
        "Vad utmaningen är",
        "Önskade resultat och indikatorer",
        "Hur regionerna arbetar",
        "Historik",
        "Region Norrbotten",
        "Pågående",
        'aria-current="step"',
        "Kommentarer (0)",
    ):
        assert part in text


def test_the_detail_page_groups_participants_by_role(client: Any) -> None:
    challenge = make_challenge()
    make_participant(challenge, "skolverket", "finansierar")
    response = client.get(url("detail", challenge.slug))
    labels = [label for label, _members in response.context["groups"]]
    assert labels == ["Leder", "Finansierar"]


def test_an_unknown_challenge_is_not_found(client: Any) -> None:
    assert client.get(url("detail", "finns-inte")).status_code == 404
    assert client.get(url("compare", "finns-inte")).status_code == 404


def test_the_detail_page_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    challenge = make_challenge()
    for slug in ("skolverket", "csn", "uhr"):
        make_participant(challenge, slug)
    for region in (REGION, OTHER_REGION, "region-gotland"):
        make_approach(challenge, region)
    # data version, challenge, participants, approaches, themes, outcomes, history (2), comment count, and the
    # funding app's programmes for the challenge (4)
    with django_assert_max_num_queries(14):
        response = client.get(url("detail", challenge.slug))
    assert response.status_code == 200


def test_the_detail_page_for_a_region_editor_runs_a_fixed_number_of_queries(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    challenge = make_challenge()
    for region in (REGION, OTHER_REGION):
        make_approach(challenge, region)
    log_in(client, region_editor())
    with django_assert_max_num_queries(26):
        response = client.get(url("detail", challenge.slug))
    assert response.status_code == 200


def test_a_region_editor_is_asked_to_add_the_regions_approach(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, region_editor())
    response = client.get(url("detail", challenge.slug))
    assert "Lägg till hur vi arbetar i Region Östergötland" in response.text
    assert url("approach", challenge.slug, REGION) in response.text


def test_once_added_the_region_editor_is_offered_to_change_it(client: Any) -> None:
    challenge = make_challenge()
    make_approach(challenge)
    log_in(client, region_editor())
    response = client.get(url("detail", challenge.slug))
    assert "Lägg till hur vi arbetar" not in response.text
    assert "Ändra hur vi arbetar i Region Östergötland" in response.text


@pytest.mark.parametrize("persona", ["anonymous", "agency_editor"])
def test_others_are_not_asked_for_an_approach(client: Any, persona: str) -> None:
    challenge = make_challenge()
    if persona == "agency_editor":
        log_in(client, editor("csn"))
    assert "Lägg till hur vi arbetar" not in client.get(url("detail", challenge.slug)).text


def test_the_lead_and_coordinators_see_the_steering_links(client: Any) -> None:
    challenge = make_challenge()
    for user in (editor(), coordinator()):
        log_in(client, user)
        assert url("status", challenge.slug) in client.get(url("detail", challenge.slug)).text
    log_in(client, region_editor())
    assert url("status", challenge.slug) not in client.get(url("detail", challenge.slug)).text


def test_the_comparison_lays_the_regions_side_by_side(client: Any) -> None:
    response = client.get(url("compare", SEEDED))
    assert response.status_code == 200
    assert "<caption" in response.text and 'scope="row"' in response.text and 'scope="col"' in response.text
    assert [a.region.slug for a in response.context["approaches"]] == ["region-norrbotten", "region-vasterbotten"]


def test_the_comparison_shows_only_the_chosen_regions(client: Any) -> None:
    response = client.get(url("compare", SEEDED), {"regions": ["region-vasterbotten"]})
    assert [a.region.slug for a in response.context["approaches"]] == ["region-vasterbotten"]
    assert "Visar 1 av 2 regioner." in response.text


def test_choosing_a_region_without_an_approach_is_reported(client: Any) -> None:
    response = client.get(url("compare", SEEDED), {"regions": ["region-skane"]})
    assert response.status_code == 400
    assert "Välj regioner som har beskrivit sitt arbetssätt." in response.text


def test_a_comparison_without_approaches_says_so(client: Any) -> None:
    challenge = make_challenge()
    response = client.get(url("compare", challenge.slug))
    assert "Inga regioner att jämföra ännu" in response.text


def test_the_comparison_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    challenge = make_challenge()
    for region in (REGION, OTHER_REGION, "region-gotland", "region-kalmar-lan"):
        make_approach(challenge, region)
    with django_assert_max_num_queries(3):
        client.get(url("compare", challenge.slug))


@pytest.mark.parametrize("name", ["list", "detail", "compare", "export_csv", "export_json"])
def test_public_pages_answer_only_get(client: Any, name: str) -> None:
    args = [SEEDED] if name in {"detail", "compare"} else []
    assert client.post(url(name, *args)).status_code == 405
