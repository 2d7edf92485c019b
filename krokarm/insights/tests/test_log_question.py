"""Logging a question: the answer's topic, place, top actor and confidence are kept, nothing is audited."""

import pytest

from krokarm.audit.models import AuditEntry
from krokarm.insights import actions
from krokarm.insights.tests.factories import make_answer
from krokarm.wayin.places import Place

pytestmark = pytest.mark.django_db
SKELLEFTEA = Place("24", "Västerbottens län", "2482", "Skellefteå", "Skellefteå")


def test_logging_keeps_the_topic_place_top_actor_and_confidence_of_the_answer():
    answer = make_answer(topics=("yrkeshogskola", "vuxenutbildning"), actors=("myh", "csn"), place=SKELLEFTEA)
    asked = actions.log_question("Hur blir jag svetsare i Skellefteå?", answer, "individ", None)
    asked.refresh_from_db()
    assert asked.text == "Hur blir jag svetsare i Skellefteå?"
    assert asked.topic.slug == "yrkeshogskola"
    assert asked.county.code == "24"
    assert asked.municipality.slug == "skelleftea-kommun"
    assert asked.top_actor.slug == "myh"
    assert asked.results == 2
    assert asked.confidence == "high"
    assert (asked.asker, asked.asker_inferred) == ("individ", False)
    assert asked.helpful is None
    assert asked.public_id


def test_the_chosen_county_counts_when_the_answer_names_no_place():
    asked = actions.log_question("Vem planerar kompetensförsörjningen?", make_answer(), "", "25")
    assert asked.county.code == "25"
    assert asked.municipality is None


def test_a_chosen_municipality_code_gives_its_county_too():
    asked = actions.log_question("Var finns komvux?", make_answer(), "", "2482")
    assert asked.municipality.slug == "skelleftea-kommun"
    assert asked.county.code == "24"


def test_an_asker_the_engine_inferred_is_kept_and_marked_as_inferred():
    answer = make_answer(asker="arbetsgivare", asker_inferred=True)
    asked = actions.log_question("Vi vill anställa svetsare", answer, "", None)
    assert (asked.asker, asked.asker_inferred) == ("arbetsgivare", True)


def test_the_askers_own_choice_wins_over_the_engines_guess():
    answer = make_answer(asker="individ", asker_inferred=False)
    asked = actions.log_question("Vi vill anställa", answer, "individ", None)
    assert (asked.asker, asked.asker_inferred) == ("individ", False)


def test_a_placeholder_actor_an_unknown_topic_and_no_place_are_left_empty():
    answer = make_answer(topics=("finns-inte",), actors=(None,), confidence="low")
    asked = actions.log_question("blomkrukor", answer, "kung", None)
    assert asked.topic is None
    assert asked.top_actor is None
    assert asked.county is None
    assert asked.municipality is None
    assert asked.asker == ""
    assert asked.confidence == "low"


def test_an_answer_without_results_or_topics_is_logged_as_such():
    asked = actions.log_question("qwerty", make_answer(topics=(), actors=(), confidence="low"), "", None)
    assert (asked.results, asked.topic, asked.top_actor) == (0, None, None)


def test_logging_a_question_writes_no_audit_row_so_the_page_cache_stays_warm():
    before = AuditEntry.objects.count()
    actions.log_question("Hur blir jag svetsare?", make_answer(), "", None)
    assert AuditEntry.objects.count() == before


def test_a_real_answer_from_the_routing_engine_can_be_logged():
    from krokarm.wayin.catalogue import get_router

    answer = get_router().route("Var kan jag läsa sfi i Skellefteå?", asker="individ")
    asked = actions.log_question("Var kan jag läsa sfi i Skellefteå?", answer, "individ", None)
    assert asked.municipality.slug == "skelleftea-kommun"
    assert asked.topic is not None
    assert asked.top_actor is not None
    assert asked.confidence in {"high", "medium", "low"}
