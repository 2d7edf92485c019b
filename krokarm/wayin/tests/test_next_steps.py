"""The next step fits the asker and says where it goes (GitHub issue 16, point 4): a service for other target
groups than the asker's is never offered, and a link named after a service goes to that service's own page."""

import pytest

from krokarm.wayin.places import ActorRef, Places
from krokarm.wayin.routing import ASKERS, Document, NextStep, Router, Service

SKOLVERKET = ActorRef("skolverket", "Skolverket", "Skolverket", "agency", website="https://www.skolverket.se")
NO_SITE = ActorRef("utan-webbplats", "Aktören utan webbplats", "", "agency")

FOR_INDIVIDUALS = Service(
    "Vuxenutbildning nära dig",
    "Yrkesutbildning för vuxna: hitta en utbildning och studera på komvux.",
    "https://www.skolverket.se/vuxenutbildning",
    ("individer",),
)
FOR_EMPLOYERS = Service(
    "Yrkesutbildning för anställda",
    "Arbetsgivare som vill att personalen ska studera yrkesutbildning för vuxna på komvux.",
    "https://www.skolverket.se/arbetsgivare",
    ("arbetsgivare",),
)
FOR_MUNICIPALITIES = Service(
    "Statsbidrag för regionalt yrkesvux",
    "Statsbidrag till kommuner som anordnar yrkesutbildning för vuxna på komvux. Studera villkoren.",
    "https://www.skolverket.se/statsbidrag",
    ("kommuner",),
)
SERVICES = (FOR_MUNICIPALITIES, FOR_EMPLOYERS, FOR_INDIVIDUALS)
ONLY_FOR = {"individ": FOR_INDIVIDUALS, "arbetsgivare": FOR_EMPLOYERS, "kommun": FOR_MUNICIPALITIES}


def document(actor, services, key="skolverket:vuxenutbildning"):
    return Document(
        key=key,
        actor=actor,
        kind="agency",
        topic="vuxenutbildning",
        topic_name="Vuxenutbildning",
        role="leder",
        description="Yrkesutbildning för vuxna på komvux.",
        target_groups=("individer", "arbetsgivare", "kommuner"),
        services=tuple(services),
        names=(actor.name,),
    )


@pytest.fixture(scope="module")
def router():
    return Router([document(SKOLVERKET, SERVICES)], Places([], []))


def step(router, question, asker=None):
    return router.route(question, asker=asker).results[0].next_step


@pytest.mark.parametrize("asker", ["individ", "arbetsgivare", "kommun"])
def test_each_asker_gets_the_service_that_is_for_them(router, asker):
    chosen = step(router, "Yrkesutbildning för vuxna på komvux", asker)
    expected = ONLY_FOR[asker]
    assert (chosen.label, chosen.url, chosen.website) == (expected.name, expected.url, False)


@pytest.mark.parametrize(
    "question",
    [
        "Yrkesutbildning för vuxna på komvux",
        "Statsbidrag för regionalt yrkesvux",
        "Arbetsgivare som vill att personalen ska studera",
        "Var kan jag studera till undersköterska?",
    ],
)
@pytest.mark.parametrize("asker", ASKERS)
def test_no_asker_is_offered_a_service_for_other_groups(router, question, asker):
    chosen = step(router, question, asker)
    offered = next((s for s in SERVICES if s.url == chosen.url), None)
    assert chosen.website or offered is not None
    if offered is not None:
        assert offered.fits(asker), f"{asker} was offered {offered.name} ({offered.target_groups})"


def test_an_individual_never_gets_the_employer_or_municipality_service_even_when_it_matches_best():
    router = Router([document(SKOLVERKET, (FOR_MUNICIPALITIES, FOR_EMPLOYERS))], Places([], []))
    chosen = step(router, "Statsbidrag för regionalt yrkesvux", "individ")
    # Nothing for individuals: the actor's website, named as such.
    assert chosen == NextStep("Skolverket", "https://www.skolverket.se", website=True)
    assert chosen.host == "skolverket.se"


def test_an_inferred_individual_is_not_offered_a_grant_for_municipalities(router):
    answer = router.route("Var kan jag studera statsbidrag yrkesvux på komvux?")
    assert (answer.asker, answer.asker_inferred) == ("individ", True)
    assert answer.results[0].next_step.url != FOR_MUNICIPALITIES.url


def test_without_an_asker_the_service_closest_to_the_question_is_offered_whoever_it_is_for(router):
    answer = router.route("Statsbidrag för regionalt yrkesvux")
    assert answer.asker is None
    assert answer.results[0].next_step.label == FOR_MUNICIPALITIES.name


def test_a_service_without_a_page_is_named_without_a_link_only_when_its_actor_has_no_site():
    bare = Service("Vägledning", "Vägledning om yrkesutbildning för vuxna.", "", ("individer",))
    router = Router([document(NO_SITE, (bare,), key="utan:vux")], Places([], []))
    chosen = step(router, "Vägledning om yrkesutbildning", "individ")
    assert (chosen.label, chosen.url, chosen.host, chosen.website) == ("Vägledning", "", "", False)


def test_a_service_link_names_its_host():
    assert NextStep("Platsbanken", "https://arbetsformedlingen.se/platsbanken").host == "arbetsformedlingen.se"
