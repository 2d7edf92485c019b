"""The question page: ask in your own words, see who is responsible at once, no account needed."""

import pytest
from django.urls import reverse

from krokarm.cases.tests.factories import everyone_receives

pytestmark = pytest.mark.django_db
URL = reverse("wayin:ask")


def test_the_empty_question_page_explains_itself(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Vem kan svara på din fråga?" in response.text
    assert response.context["answer"] is None


def test_a_question_shows_the_responsible_actors_with_what_they_do_and_why(client):
    response = client.get(URL, {"q": "Jag har en sjuksköterskeexamen från Iran, hur får jag legitimation?"})
    answer = response.context["answer"]
    assert answer.results
    assert "socialstyrelsen" in [r.actor.slug for r in answer.results[:3]]
    assert "Socialstyrelsen" in response.text
    assert "Varför" in response.text


def test_a_place_in_the_question_names_the_municipality(client):
    response = client.get(URL, {"q": "Var kan jag läsa sfi i Skellefteå?"})
    slugs = [r.actor.slug for r in response.context["answer"].results]
    assert "skelleftea-kommun" in slugs
    assert "Skellefteå" in response.text


def test_the_county_field_places_a_local_question(client):
    response = client.get(URL, {"q": "Vem planerar kompetensförsörjningen i länet?", "county": "25"})
    assert response.context["answer"].results[0].actor.slug == "region-norrbotten"


def test_a_too_long_question_is_refused_with_a_message_and_the_text_kept(client):
    text = "Hur blir jag svetsare? " * 100
    response = client.get(URL, {"q": text})
    assert response.context["answer"] is None
    assert "Frågan är för lång" in response.text
    assert text.strip()[:200] in response.text


def test_an_unknown_asker_or_place_is_explained(client):
    response = client.get(URL, {"q": "komvux", "asker": "kung", "county": "99"})
    assert "Välj ett alternativ i listan." in response.text
    assert "Välj ett län eller en kommun i listan." in response.text


def test_an_empty_question_asks_for_one(client):
    response = client.get(URL, {"q": ""})
    assert "Skriv din fråga." in response.text


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405


# The place: a county or a municipality ---------------------------------------------------------


def test_the_place_field_offers_each_county_followed_by_its_municipalities(client):
    response = client.get(URL)
    assert "Län eller kommun (frivilligt)" in response.text
    group = response.text.split('<optgroup label="Västerbottens län">')[1].split("</optgroup>")[0]
    assert group.index('value="24"') < group.index('value="2482"')
    assert ">Skellefteå</option>" in group
    places = response.text.split('<select name="county"')[1].split("</select>")[0]
    assert places.count("<optgroup") == 21
    assert places.count("<option") == 1 + 21 + 290


def test_the_municipalities_are_in_swedish_alphabetical_order(client):
    response = client.get(URL)
    group = response.text.split('<optgroup label="Skåne län">')[1].split("</optgroup>")[0]
    assert group.index("Åstorp") < group.index("Ängelholm") < group.index("Örkelljunga")


def test_a_chosen_municipality_is_named_in_the_answer_and_its_municipality_answers(client):
    response = client.get(URL, {"q": "Var kan jag läsa sfi?", "county": "2482"})
    answer = response.context["answer"]
    assert answer.place.municipality_name == "Skellefteå"
    assert "skelleftea-kommun" in [r.actor.slug for r in answer.results]
    assert "Vi har utgått från att frågan gäller Skellefteå." in response.text
    assert '<option value="2482" selected>Skellefteå</option>' in response.text


def test_an_old_link_with_a_county_code_keeps_the_county_chosen(client):
    response = client.get(URL, {"q": "Vem planerar kompetensförsörjningen i länet?", "county": "25"})
    assert response.context["answer"].place.county_name == "Norrbottens län"
    assert '<option value="25" selected>Norrbottens län</option>' in response.text


def test_an_unknown_place_code_is_explained_in_swedish_and_the_question_kept(client):
    response = client.get(URL, {"q": "Var kan jag läsa sfi?", "county": "9999"})
    assert response.context["answer"] is None
    assert "Välj ett län eller en kommun i listan." in response.text
    assert "Var kan jag läsa sfi?</textarea>" in response.text


def test_the_place_choices_are_read_once_per_data_version(client, django_assert_max_num_queries):
    client.get(URL, {"q": "komvux"})  # reads the choices and builds the router
    # The data version, asked by the page cache, the choices, the router, and which of the actors found can
    # receive a case (accounts.queries.receiving_slugs: one query for all of them).
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"q": "yrkeshögskola", "county": "2482", "partial": "1"})
    assert response.context["answer"].results
    # A submitted question is also logged for the dashboard: its topic, county, municipality and first
    # actors are looked up and one row is written, then the actors it offered (one insert); which of them can
    # receive a case is one more.
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"q": "yrkeshögskola", "county": "2482"})
    assert response.context["asked"].municipality.code == "2482"


# The answer alone, for the page's script ---------------------------------------------------------


def answers_list(html: str) -> str:
    return html.split('<ol class="result-list answers">')[1].split("</ol>")[0]


def test_the_partial_answer_is_only_the_fragment_with_the_same_results_as_the_page(client):
    question = {"q": "Var kan jag läsa sfi?", "asker": "individ", "county": "2482"}
    page = client.get(URL, question)
    partial = client.get(URL, {**question, "partial": "1"})
    assert partial.status_code == 200
    assert "<html" not in partial.text and 'class="ask-form"' not in partial.text and "<h1" not in partial.text
    # The only form in it is "Fick du svar?", carrying the question, which the fragment has not logged.
    assert partial.text.count("<form") == 1 and 'name="q" value="Var kan jag läsa sfi?"' in partial.text
    assert partial.text.strip().startswith('<section aria-labelledby="answer-heading"')
    assert answers_list(partial.text) == answers_list(page.text)
    assert "Vi har utgått från att frågan gäller Skellefteå." in partial.text


def test_the_partial_answer_carries_a_short_summary_for_screen_readers(client):
    response = client.get(URL, {"q": "Vem bedömer min utländska examen?", "partial": "1"})
    count = len(response.context["answer"].results)
    assert f'data-summary="{count} aktörer kan svara på din fråga."' in response.text


def test_the_partial_answer_shows_the_same_error_messages_as_the_page(client):
    question = {"q": "Hur blir jag svetsare? " * 100, "county": "9999"}
    page = client.get(URL, question)
    partial = client.get(URL, {**question, "partial": "1"})
    messages = [str(e) for errors in page.context["form"].errors.values() for e in errors]
    assert len(messages) == 2
    for message in messages:
        assert message in page.text
        assert message in partial.text
    assert "<textarea" not in partial.text
    assert 'data-field="q"' in partial.text and 'data-field="county"' in partial.text


def test_the_page_and_its_partial_are_cached_apart(client):
    question = {"q": "yrkeshögskola"}
    assert "<html" in client.get(URL, question).text
    assert "<html" not in client.get(URL, {**question, "partial": "1"}).text
    assert "<html" in client.get(URL, question).text


def test_the_page_loads_its_script_deferred_and_has_an_empty_live_region(client):
    response = client.get(URL)
    assert 'src="/static/krokarm/wayin.js" defer' in response.text
    assert '<div id="answer-status" class="visually-hidden" role="status"></div>' in response.text
    assert "<script>" not in response.text


# Logging, feedback and sending ---------------------------------------------------------------------


def test_a_submitted_question_is_logged_for_the_dashboard_but_a_question_being_typed_is_not(client):
    from krokarm.insights.models import AskedQuestion

    client.get(URL, {"q": "Var kan jag lä", "partial": "1"})
    assert not AskedQuestion.objects.exists()
    response = client.get(URL, {"q": "Var kan jag läsa sfi?", "county": "2482"})
    asked = AskedQuestion.objects.get()
    assert asked.text == "Var kan jag läsa sfi?" and asked.municipality.code == "2482"
    assert f'name="question" value="{asked.public_id}"' in response.text
    assert "Fick du svar på din fråga?" in response.text


def test_each_answer_offers_to_send_the_question_to_that_actor(client):
    everyone_receives()
    response = client.get(URL, {"q": "Hur validerar jag min svetsarkompetens?", "asker": "individ"})
    first = response.context["answer"].results[0].actor
    query = "q=Hur+validerar+jag+min+svetsarkompetens%3F&amp;asker=individ&amp;place="
    link = f"/fraga/skicka/?{query}&amp;actor={first.slug}"
    assert link in response.text
    assert f"Skicka frågan till {first.name}" in response.text
