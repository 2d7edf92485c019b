"""The routing engine on plain documents: ranking, priors, places and explanations."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krokarm.wayin.answers import reason_text
from krokarm.wayin.places import ActorRef, County, Municipality, Places
from krokarm.wayin.routing import Document, Router, Service

AF = ActorRef("arbetsformedlingen", "Arbetsförmedlingen", "Arbetsförmedlingen", "agency", website="https://af.se")
CSN = ActorRef("csn", "Centrala studiestödsnämnden", "CSN", "agency", website="https://csn.se")
MIGRATION = ActorRef("migrationsverket", "Migrationsverket", "Migrationsverket", "agency")
REGION = ActorRef("region-norrbotten", "Region Norrbotten", "Norrbotten", "region", "25")
BOARD = ActorRef(
    "lansstyrelsen-norrbotten", "Länsstyrelsen i Norrbottens län", "Länsstyrelsen Norrbotten", "county_board", "25"
)
KIRUNA = ActorRef("kiruna-kommun", "Kiruna", "", "municipality", "25")

PLACES = Places(
    [County("25", "Norrbottens län", region=REGION, county_board=BOARD), County("01", "Stockholms län")],
    [Municipality("2584", "Kiruna", "25", KIRUNA), Municipality("0180", "Stockholm", "01")],
)


def doc(key, actor, topic, role, description, *, kind=None, groups=(), questions=(), services=(), names=None):
    return Document(
        key=key,
        actor=actor,
        kind=kind or actor.kind,
        topic=topic,
        topic_name=topic.replace("-", " ").capitalize(),
        role=role,
        description=description,
        target_groups=tuple(groups),
        questions=tuple(questions),
        services=tuple(services),
        names=names if names is not None else ((actor.name, actor.short_name) if actor else ()),
    )


DOCUMENTS = [
    doc(
        "af:rekrytering",
        AF,
        "rekrytering-och-matchning",
        "leder",
        "Arbetsförmedlingen hjälper arbetssökande till jobb och arbetsgivare att rekrytera personal.",
        groups=["individer", "arbetsgivare"],
        questions=["Jag är arbetslös – vad kan Arbetsförmedlingen hjälpa mig med?"],
        services=[
            Service("Platsbanken", "Lediga jobb och annonser för arbetsgivare.", "https://af.se/platsbanken"),
            Service("Nystartsjobb", "Anställningsstöd för arbetsgivare som anställer.", ""),
        ],
    ),
    doc(
        "csn:studiefinansiering",
        CSN,
        "studiefinansiering",
        "leder",
        "CSN handlägger omställningsstudiestödet för den som har arbetat länge och vill studera.",
        groups=["individer"],
        questions=["Kan jag få betalt medan jag studerar?"],
    ),
    doc(
        "migrationsverket:arbetstillstand",
        MIGRATION,
        "arbetstillstand",
        "leder",
        "Migrationsverket beslutar om arbetstillstånd för den som kommer från ett land utanför EU.",
        groups=["arbetsgivare"],
        questions=["Hur anställer vi en kock från ett land utanför EU?"],
    ),
    doc(
        "kind:municipality:vuxenutbildning",
        None,
        "vuxenutbildning",
        "leder",
        "Kommunen ansvarar för komvux och svenska för invandrare (sfi).",
        kind="municipality",
        groups=["individer"],
        questions=["Jag vill läsa sfi – vart vänder jag mig?"],
    ),
    doc(
        "kind:region:kompetensplanering",
        None,
        "regional-kompetensplanering",
        "leder",
        "Regionen bedömer vilken kompetens länet behöver och samordnar kompetensförsörjningen.",
        kind="region",
        groups=["arbetsgivare", "kommuner"],
    ),
    doc(
        "kind:county_board:etablering",
        None,
        "etablering-nyanlanda",
        "leder",
        "Länsstyrelsen stöttar kommunerna i mottagandet av nyanlända.",
        kind="county_board",
        groups=["kommuner"],
    ),
]


ROUTER = Router(DOCUMENTS, PLACES)


@pytest.fixture(scope="module")
def router():
    return ROUTER


def slugs(answer):
    return [r.actor.slug for r in answer.results]


def test_the_actor_whose_responsibility_matches_comes_first(router):
    assert slugs(router.route("Hur söker jag arbetstillstånd för en kock?"))[0] == "migrationsverket"


def test_colloquial_spelling_and_typos_still_find_the_actor(router):
    assert slugs(router.route("kan ja få betalt om ja pluggar? omställningsstudiestöt"))[0] == "csn"


def test_an_english_question_is_routed_like_a_swedish_one(router):
    assert slugs(router.route("How do I get a work permit for a chef?"))[0] == "migrationsverket"


def test_a_named_municipality_answers_for_the_municipalities(router):
    answer = router.route("Jag vill läsa sfi i Kiruna")
    top = answer.results[0]
    assert (top.actor.slug, top.actor.name, top.reason.needs_place) == ("kiruna-kommun", "Kiruna", None)
    assert answer.place.municipality_code == "2584"


def test_without_a_place_the_kind_is_named_and_a_place_is_asked_for(router):
    top = router.route("Jag vill läsa sfi").results[0]
    assert (top.actor.slug, top.actor.name, top.actor.kind) == (None, "Din kommun", "municipality")
    assert top.reason.needs_place == "municipality"
    assert "Ange din kommun" in reason_text(top.reason)


def test_a_county_chosen_in_the_form_resolves_the_region_and_the_county_board(router):
    answer = router.route("Vem bedömer vilken kompetens länet behöver?", county_code="25")
    assert slugs(answer)[0] == "region-norrbotten"
    assert answer.place.source == "form"
    board = router.route("Vem stöttar kommunen i mottagandet av nyanlända?", county_code="25")
    assert slugs(board)[0] == "lansstyrelsen-norrbotten"


def test_a_county_without_a_municipality_leaves_the_municipality_a_placeholder(router):
    top = router.route("Jag vill läsa sfi", county_code="25").results[0]
    assert (top.actor.slug, top.actor.region_code, top.reason.needs_place) == (None, "25", "municipality")


def test_a_municipality_named_in_the_text_refines_the_county_from_the_form(router):
    answer = router.route("sfi i Kiruna", county_code="25")
    assert answer.place.municipality_code == "2584"
    assert slugs(answer)[0] == "kiruna-kommun"


def test_results_name_each_actor_once_and_at_most_the_limit(router):
    answer = router.route("arbetsgivare rekrytera jobb arbetslös studera sfi arbetstillstånd kompetens", limit=3)
    assert len(answer.results) == 3
    assert len(set(slugs(answer))) == 3


def test_the_reason_names_the_topic_and_the_words_that_scored(router):
    reason = router.route("Jag är arbetslös och söker jobb").results[0].reason
    assert reason.topics[0] == "Rekrytering och matchning"
    assert "arbetslös" in reason.words
    assert "Ord som matchade" in reason_text(reason)


def test_the_next_step_is_the_service_closest_to_the_question(router):
    af = router.route("Lediga jobb i platsbanken").results[0]
    assert af.actor.slug == "arbetsformedlingen"
    assert (af.next_step.label, af.next_step.url, af.next_step.website) == (
        "Platsbanken",
        "https://af.se/platsbanken",
        False,
    )


def test_a_service_without_a_page_of_its_own_is_not_linked_to_its_actors_site_under_its_name(router):
    af = router.route("Vi vill anställa med nystartsjobb").results[0]
    assert af.actor.slug == "arbetsformedlingen"
    # Nystartsjobb has no page of its own: the step is the actor's website, named as such.
    assert (af.next_step.label, af.next_step.url, af.next_step.website) == (
        "Arbetsförmedlingen",
        "https://af.se",
        True,
    )


def test_without_a_service_that_fits_the_next_step_is_the_actors_site(router):
    af = router.route("Jag är arbetslös").results[0]
    assert (af.actor.slug, af.next_step.label, af.next_step.url) == (
        "arbetsformedlingen",
        "Arbetsförmedlingen",
        "https://af.se",
    )


def test_someone_looking_for_information_is_not_steered_away_from_an_informing_actor():
    one = ActorRef("ett", "Ett", "", "agency")
    two = ActorRef("tva", "Två", "", "agency")
    text = "Statistik om högskolan."
    router = Router(
        [doc("ett", one, "statistik", "informerar", text), doc("tva", two, "statistik", "bidrar", text)], PLACES
    )
    assert slugs(router.route("statistik om högskolan"))[0] == "tva"
    assert slugs(router.route("var finns information om statistik om högskolan"))[0] == "ett"


def test_who_asks_decides_between_equal_responsibilities():
    one = ActorRef("ett", "Ett", "", "agency")
    two = ActorRef("tva", "Två", "", "agency")
    text = "Vi ger råd om validering av kunskaper."
    router = Router(
        [
            doc("ett", one, "validering", "leder", text, groups=["individer"]),
            doc("tva", two, "validering", "leder", text, groups=["arbetsgivare"]),
        ],
        PLACES,
    )
    assert slugs(router.route("validering", asker="individ"))[0] == "ett"
    assert slugs(router.route("validering", asker="arbetsgivare"))[0] == "tva"


def test_a_leading_role_comes_before_an_informing_one():
    one = ActorRef("ett", "Ett", "", "agency")
    two = ActorRef("tva", "Två", "", "agency")
    text = "Frågor om validering av kunskaper."
    router = Router(
        [doc("ett", one, "validering", "informerar", text), doc("tva", two, "validering", "leder", text)], PLACES
    )
    assert slugs(router.route("validering")) == ["tva", "ett"]


def test_a_regions_own_responsibility_counts_in_its_own_county_only():
    own = doc(
        "region-norrbotten:prognos",
        REGION,
        "prognoser-och-analys",
        "leder",
        "Prognoser för arbetsmarknaden i länet.",
        names=("Region Norrbotten",),
    )
    national = doc("af:prognos", AF, "prognoser-och-analys", "bidrar", "Prognoser för arbetsmarknaden.")
    router = Router([own, national], PLACES)
    assert slugs(router.route("prognoser för arbetsmarknaden", county_code="25"))[0] == "region-norrbotten"
    assert slugs(router.route("prognoser för arbetsmarknaden", county_code="01"))[0] == "arbetsformedlingen"


def test_asking_for_a_kind_of_actor_favours_that_kind():
    ministry = ActorRef("justitiedepartementet", "Justitiedepartementet", "", "ministry")
    text = "Migrationsverket prövar arbetstillstånd."
    router = Router(
        [
            doc("mv", MIGRATION, "arbetstillstand", "leder", text),
            doc("ju", ministry, "arbetstillstand", "bidrar", text, names=("Justitiedepartementet",)),
        ],
        PLACES,
    )
    assert slugs(router.route("Vilket departement styr Migrationsverket?"))[0] == "justitiedepartementet"
    assert slugs(router.route("Vem prövar arbetstillstånd?"))[0] == "migrationsverket"


def test_an_employer_named_in_the_question_is_not_what_it_is_about():
    tsn = ActorRef("trygghetsstiftelsen", "Trygghetsstiftelsen", "TSN", "organisation")
    support = "Omställningsstöd för den som blir uppsagd från en statlig anställning."
    router = Router([*DOCUMENTS, doc("tsn", tsn, "omstallningsstod", "leder", support)], PLACES)
    assert slugs(router.route("Jag är anställd på Migrationsverket och blev uppsagd"))[0] == "trygghetsstiftelsen"


def test_working_for_a_municipality_or_a_region_points_to_their_job_security_council():
    fund = ActorRef("omstallningsfonden", "Omställningsfonden", "", "organisation")
    trr = ActorRef("trr", "TRR Trygghetsrådet", "TRR", "organisation")
    router = Router(
        [
            *DOCUMENTS,
            doc(
                "fund",
                fund,
                "omstallningsstod",
                "leder",
                "Omställningsstöd för den som är uppsagd från en kommun eller region (KOM-KR).",
            ),
            doc(
                "trr",
                trr,
                "omstallningsstod",
                "leder",
                "Omställningsstöd för den som är uppsagd från ett privat företag.",
            ),
        ],
        PLACES,
    )
    assert slugs(router.route("Jobbar som undersköterska i kommunen och blir uppsagd"))[0] == "omstallningsfonden"
    assert slugs(router.route("I work for the region and got laid off"))[0] == "omstallningsfonden"
    assert slugs(router.route("Jobbar på ett privat företag och blir uppsagd"))[0] == "trr"


def test_naming_the_region_favours_it_over_an_agency_on_the_same_matter():
    agency = doc("tvv", AF, "regional-kompetensplanering", "bidrar", "Stöd till regionernas kompetensplattformar.")
    regional = doc(
        "region-norrbotten:plattform",
        REGION,
        "regional-kompetensplanering",
        "bidrar",
        "Regionens kompetensplattform samlar aktörerna i länet.",
        names=("Region Norrbotten",),
    )
    router = Router([agency, regional], PLACES)
    assert slugs(router.route("Har Region Norrbotten en kompetensplattform?"))[0] == "region-norrbotten"


def test_a_question_without_known_words_has_low_confidence_and_no_results(router):
    answer = router.route("qwxz blorf")
    assert answer.confidence == "low"
    assert answer.low_confidence
    assert answer.results == ()


def test_a_clear_question_has_high_confidence_and_its_topic_first(router):
    answer = router.route("Jag vill söka omställningsstudiestöd från CSN medan jag studerar")
    assert answer.confidence == "high"
    assert answer.topics[0].slug == "studiefinansiering"


def test_the_asker_is_inferred_from_how_the_question_speaks(router):
    assert router.route("Vi är ett företag som vill anställa").asker == "arbetsgivare"
    assert router.route("Jag vill läsa sfi").asker == "individ"
    chosen = router.route("Jag vill läsa sfi", asker="kommun")
    assert (chosen.asker, chosen.asker_inferred) == ("kommun", False)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    st.text(max_size=200),
    st.sampled_from([None, "25", "2584", "01", "xx", ""]),
    st.sampled_from([None, "individ", "arbetsgivare", "okänd"]),
)
def test_any_question_gets_an_answer(text, code, asker):
    answer = ROUTER.route(text, county_code=code, asker=asker)
    assert answer.confidence in {"high", "medium", "low"}
    assert len(answer.results) <= 5
    assert [r.score for r in answer.results] == sorted((r.score for r in answer.results), reverse=True)


def test_english_topic_names_are_shown_but_never_searched_so_they_change_no_ranking():
    plain = doc("af:validering", AF, "validering", "leder", "Validering av yrkeskunskaper.")
    english = replace(plain, topic_name_en="Quixotic zeppelin recognition")
    with_english, without = Router([english], PLACES), Router([plain], PLACES)
    assert with_english.route("quixotic zeppelin").results == ()
    question = "Hur valideras mina yrkeskunskaper?"
    assert [r.score for r in with_english.route(question).results] == [r.score for r in without.route(question).results]
    top = with_english.route(question).results[0]
    assert top.responsibility.topic_name_en == "Quixotic zeppelin recognition"
    assert top.reason.topics_en == ("Quixotic zeppelin recognition",)


def test_the_answer_says_which_language_the_question_was_in(router):
    assert router.route("Where do I apply for a work permit?").language == "en"
    assert router.route("Var söker jag arbetstillstånd?").language == "sv"


def test_a_word_of_an_actors_text_that_no_analysis_splits_is_found_by_its_first_part():
    steel = ActorRef("stal", "Stålbolaget", "", "agency")
    other = ActorRef("annan", "Annan", "", "agency")
    router = Router(
        [
            doc("stal", steel, "kompetens", "leder", "Vi utbildar svetsare till Hybritverket i Luleå."),
            doc("annan", other, "kompetens", "leder", "Vi utbildar lärare i hela landet."),
        ],
        PLACES,
    )
    answer = router.route("vem utbildar till hybrit")
    assert slugs(answer)[:1] == ["stal"]
    assert [t.how for t in answer.terms if t.source == "hybrit"] == ["word", "fragment"]


def test_a_regulated_profession_named_with_its_licence_points_to_the_authority_that_grants_it():
    uhr = ActorRef("uhr", "Universitets- och högskolerådet", "UHR", "agency")
    board = ActorRef("socialstyrelsen", "Socialstyrelsen", "", "agency")
    documents = [
        doc(
            "uhr",
            uhr,
            "utlandsk-utbildning",
            "leder",
            "UHR bedömer utländsk utbildning och examen från utlandet: vem som helst kan få sin utbildning bedömd.",
        ),
        doc(
            "sos",
            board,
            "utlandsk-utbildning",
            "leder",
            "Socialstyrelsen utfärdar legitimation för psykolog, läkare och sjuksköterska.",
        ),
    ]
    plain = Router(documents, PLACES)
    knowing = Router(documents, PLACES, professions=[("psykolog", "socialstyrelsen"), ("läkare", "socialstyrelsen")])
    question = "Jag är psykolog med utländsk examen, vem bedömer min utbildning?"
    assert slugs(plain.route(question))[0] == "uhr"
    assert slugs(knowing.route(question))[0] == "socialstyrelsen"
    # Without a word about a licence or a foreign qualification, the profession alone decides nothing.
    studying = "Jag vill bli psykolog, var kan jag plugga?"
    assert [r.score for r in knowing.route(studying).results] == [r.score for r in plain.route(studying).results]
