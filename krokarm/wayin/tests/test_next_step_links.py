"""The answer's next step on the question page: its link text names its destination, a service's name links only
to that service's own page, and the service is for the asker (GitHub issue 16, point 4)."""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from krokarm.actors.models import Actor, Service
from krokarm.lib.links import host
from krokarm.wayin.routing import ASKER_GROUP

pytestmark = pytest.mark.django_db
URL = reverse("wayin:ask")


def ask(client, q, asker=""):
    response = client.get(URL, {"q": q, "asker": asker})
    assert response.status_code == 200
    return response


def devset_questions(every=4):
    lines = (settings.DATA_DIR / "wayin" / "devset.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[::every] if line.strip()]


def test_a_service_link_says_the_service_and_shows_its_host(client):
    response = ask(client, "Var hittar jag lediga jobb i Platsbanken?")
    assert (
        '<a href="https://arbetsformedlingen.se/platsbanken">Platsbanken '
        '<span class="muted">(arbetsformedlingen.se)</span></a>'
    ) in response.text


def test_a_link_to_an_actors_website_names_the_actor_not_a_service(client):
    response = ask(client, "Var hittar jag lediga jobb i Platsbanken?")
    migration = next(r for r in response.context["answer"].results if r.actor.slug == "migrationsverket")
    assert migration.next_step.website
    assert (
        '<a href="https://www.migrationsverket.se">Webbplatsen för Migrationsverket '
        '<span class="muted">(migrationsverket.se)</span></a>'
    ) in response.text


def test_studera_nu_links_to_its_own_site_not_to_uhr(client):
    response = ask(client, "Var kan jag läsa om högskoleutbildningar?", "individ")
    assert '<a href="https://www.studera.nu">studera.nu <span class="muted">(studera.nu)</span></a>' in response.text
    assert '<a href="https://www.uhr.se">studera.nu' not in response.text


def test_a_person_asking_where_to_study_is_not_sent_to_a_state_grant_page(client):
    response = ask(client, "Var kan jag studera till undersköterska?", "individ")
    steps = [r.next_step for r in response.context["answer"].results if r.next_step]
    assert steps
    assert not [s.url for s in steps if "statsbidrag" in s.url]


@pytest.mark.parametrize("case", devset_questions(), ids=lambda case: case["id"])
def test_every_next_step_goes_where_its_text_says_and_fits_the_asker(client, case):
    response = ask(client, case["q"], case["asker"] or "")
    answer = response.context["answer"]
    group = ASKER_GROUP.get(answer.asker or "")
    for result in answer.results:
        step = result.next_step
        if step is None or not step.url:
            continue
        if step.website:
            # In the answer's language: an English question gets "Website of …".
            with translation.override(response.context["answer_language"]):
                text = gettext("Webbplatsen för %(actor)s") % {"actor": result.actor.name}
            assert step.url == result.actor.website
        else:
            text = step.label
            services = Service.objects.filter(name=step.label, url=step.url)
            actors = (
                [result.actor.slug]
                if result.actor.slug
                else list(Actor.objects.filter(kind=result.actor.kind).values_list("slug", flat=True)[:1])
            )
            service = services.filter(actor__slug__in=actors).first()
            assert service is not None, f"{step.label} links {step.url}, which is not that service's own page"
            # A service's name never links its actor's home page (a site that is the service itself, such as
            # studera.nu or verksamt.se, is not its actor's home page).
            home_page = urlsplit(step.url).path in ("", "/") and step.host == host(result.actor.website)
            assert not home_page, f"{step.label} links its actor's home page"
            groups = set(service.target_groups.values_list("slug", flat=True))
            assert group is None or not groups or group in groups, f"{answer.asker} was offered {step.label}"
        link = f'<a href="{escape(step.url)}">{escape(text)} <span class="muted">({escape(step.host)})</span></a>'
        assert link in response.text
