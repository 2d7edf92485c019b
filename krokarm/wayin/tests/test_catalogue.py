"""The routing engine's catalogue: read from the database, shared duties once per kind, cached."""

import pytest

from krokarm.actors import actions
from krokarm.actors.models import Actor
from krokarm.wayin import catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_cache():
    catalogue.clear_cache()
    yield
    catalogue.clear_cache()


def test_the_catalogue_is_read_in_seven_queries(django_assert_num_queries):
    with django_assert_num_queries(7):
        catalogue.build_catalogue()


def test_duties_every_municipality_has_become_one_document_for_the_kind():
    documents = catalogue.build_catalogue().documents
    shared = [d for d in documents if d.kind == "municipality"]
    assert {d.actor for d in shared} == {None}
    assert {d.topic for d in shared} >= {"vuxenutbildning", "validering"}
    assert len(shared) == len({(d.topic, d.role) for d in shared})
    komvux = next(d for d in shared if d.topic == "vuxenutbildning")
    assert "Komvux" in {s.name for s in komvux.services}


def test_what_one_region_does_alone_stays_its_own():
    documents = catalogue.build_catalogue().documents
    skane = [d for d in documents if d.actor and d.actor.slug == "region-skane"]
    assert "utlandsk-utbildning" in {d.topic for d in skane}
    assert all(d.actor.region_code == "12" for d in skane)


def test_every_agency_responsibility_is_a_document_with_its_questions():
    documents = catalogue.build_catalogue().documents
    csn = [d for d in documents if d.actor and d.actor.slug == "csn"]
    assert {(d.topic, d.role) for d in csn} >= {("studiefinansiering", "leder")}
    lead = next(d for d in csn if d.role == "leder")
    assert lead.questions
    assert "Omställningsstudiestöd" in {s.name for s in lead.services}
    assert lead.names == ("Centrala studiestödsnämnden", "CSN")


def test_places_know_the_region_county_board_and_municipality_actors():
    places = catalogue.build_catalogue().places
    norrbotten = places.county("25")
    assert (norrbotten.region.slug, norrbotten.county_board.slug) == ("region-norrbotten", "lansstyrelsen-norrbotten")
    assert places.municipality("2584").actor.slug == "kiruna-kommun"
    assert len(places.municipalities) == 290


@pytest.mark.usefixtures("fresh_cache")
def test_the_router_is_built_once_and_rebuilt_when_the_catalogue_changes():
    first = catalogue.get_router()
    assert catalogue.get_router() is first
    csn = Actor.objects.get(slug="csn")
    actions.save_actor(csn, {"mandate": csn.mandate + " CSN svarar också om zebrastudier."}, source="test")
    second = catalogue.get_router()
    assert second is not first
    assert second.route("zebrastudier").results[0].actor.slug == "csn"


@pytest.mark.usefixtures("fresh_cache")
@pytest.mark.parametrize(
    ("question", "county", "expected"),
    [
        ("Jag vill läsa sfi i Kiruna", None, "kiruna-kommun"),
        ("Hur söker jag omställningsstudiestöd?", None, "csn"),
        ("Vi vill anställa en kock från Thailand, vad krävs för arbetstillstånd?", None, "migrationsverket"),
        ("Vem tar fram den regionala utvecklingsstrategin?", "25", "region-norrbotten"),
        ("Vilket departement styr Migrationsverket?", None, "justitiedepartementet"),
        ("I was laid off from my office job at a private company", None, "trr"),
        # The issue's own example: the licence authority for the profession named, not another licence authority.
        ("How do I get my foreign nursing degree recognised in Sweden?", None, "socialstyrelsen"),
        # Den offentliga omställningsorganisationen, a department of Kammarkollegiet, writes the self-employed's
        # statement to CSN; Trygghetsstiftelsen supports state employees whose agency moves to another town.
        (
            "Jag är egenföretagare – vem kan skriva ett yttrande till min ansökan om omställningsstudiestöd?",
            None,
            "kammarkollegiet",
        ),
        ("Vår myndighet ska omlokaliseras och jag tänker inte flytta med. Får jag stöd?", None, "trygghetsstiftelsen"),
    ],
)
def test_the_real_catalogue_routes_typical_questions(question, county, expected):
    answer = catalogue.get_router().route(question, county_code=county)
    assert answer.results[0].actor.slug == expected


@pytest.mark.usefixtures("fresh_cache")
@pytest.mark.parametrize(
    ("question", "expected", "role"),
    [
        # Nystartsjobb: Arbetsförmedlingen's support to the employer, not the jobseeker's programmes.
        ("Vilket stöd finns om vi anställer någon som varit arbetslös länge?", "arbetsformedlingen", "finansierar"),
        ("How do we employ someone from India?", "migrationsverket", "leder"),
        (
            "Vi ska betala ut lön för första gången – hur registrerar vi företaget som arbetsgivare?",
            "skatteverket",
            "leder",
        ),
        (
            "We are hiring a researcher from abroad – can she get the expert tax relief?",
            "forskarskattenamnden",
            "leder",
        ),
        (
            "Vårt företag ska bygga en ny fabrik i Kiruna – vem hjälper oss med mark och bygglov?",
            "kiruna-kommun",
            "bidrar",
        ),
        ("We want to hire welders from Poland, can you help us find candidates?", "arbetsformedlingen", "bidrar"),
    ],
)
def test_an_employer_is_sent_to_the_authority_for_what_the_employer_asks(question, expected, role):
    first = catalogue.get_router().route(question).results[0]
    assert (first.actor.slug, first.responsibility.role) == (expected, role)


@pytest.mark.usefixtures("fresh_cache")
@pytest.mark.parametrize("question", ["I lost my job and need help finding a new one", "Jag har förlorat jobbet"])
def test_someone_who_lost_their_job_is_sent_to_register_first_and_shown_the_job_security_councils(question):
    # A-kassa pays only from the day one is registered with Arbetsförmedlingen, so that door comes first; which
    # job security council helps depends on the sector, which the question does not say.
    results = catalogue.get_router().route(question).results
    assert results[0].actor.slug == "arbetsformedlingen"
    assert results[0].responsibility.topic == "rekrytering-och-matchning"
    transition = {"trr", "tsl", "trs", "trygghetsstiftelsen", "omstallningsfonden"}
    assert transition & {r.actor.slug for r in results[1:3]}


@pytest.mark.usefixtures("fresh_cache")
def test_every_lexicon_expansion_can_match_the_catalogue():
    """A lexicon word the catalogue never uses can never match: each expansion group must have a
    word (or, for English, a Swedish word whose synonyms) the catalogue has."""
    from krokarm.lib.swedish import ABBREVIATIONS, parse_groups
    from krokarm.wayin import lexicon

    router = catalogue.get_router()
    synonyms = lexicon.synonyms()

    def matches(word):
        further = [w for group in parse_groups(synonyms.get(word, "")) for w in group]
        return any(router.knows(router.analyzer.key(w)) for w in [word, *further])

    unmatched = [
        (key, group)
        for table in (synonyms, lexicon.ENGLISH, ABBREVIATIONS)
        for key, expansion in table.items()
        for group in parse_groups(expansion)
        if not any(matches(word) for word in group)
    ]
    assert unmatched == []
