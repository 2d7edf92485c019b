"""An actor's profile: mandate, responsibilities, services, contact, county, networks."""

import pytest
from django.urls import reverse

from krokarm.actors.models import Actor

pytestmark = pytest.mark.django_db


def profile(client, slug):
    return client.get(reverse("actors:detail", args=[slug]))


def test_an_agency_profile_shows_mandate_responsibilities_services_and_sources(client):
    actor = Actor.objects.get(slug="arbetsformedlingen")
    response = profile(client, "arbetsformedlingen")
    assert response.status_code == 200
    assert "<h1>Arbetsförmedlingen</h1>" in response.text
    assert actor.mandate[:40] in response.text
    resp = actor.responsibilities.first()
    assert resp.description[:40] in response.text
    assert resp.source_url in response.text
    assert actor.services.first().name in response.text
    assert actor.ministry.name in response.text


def test_a_region_profile_links_to_its_county_and_networks(client):
    response = profile(client, "region-vasterbotten")
    assert reverse("regions:detail", args=["vasterbottens-lan"]) in response.text
    assert "RUS" in response.text


def test_a_network_profile_lists_its_members(client):
    response = profile(client, "rus-natverket")
    assert "Region Norrbotten" in response.text
    assert "samordnare" in response.text


def test_a_ministry_profile_lists_its_agencies(client):
    response = profile(client, "utbildningsdepartementet")
    assert "Myndigheter under departementet" in response.text
    assert "Statens skolverk" in response.text or "Skolverket" in response.text


def test_an_unknown_actor_is_a_swedish_404_with_ways_on(client):
    response = profile(client, "finns-inte")
    assert response.status_code == 404
    assert "Det finns ingen aktör med den adressen." in response.text
    assert reverse("actors:list") in response.text


def test_only_get_is_allowed(client):
    assert client.post(reverse("actors:detail", args=["arbetsformedlingen"])).status_code == 405


# The data version (for the page cache), one query for the actor, then one per related list
# (and one per nested list that is not empty); members only for networks, agencies only for ministries.
# +1 for the change history (the timeline's audit rows with their users and organisations, one query)
# and +1 for the comment counts on the responsibilities (the comments app), +1 for the responsibilities that are
# no longer current (kept because people commented on or follow them). +2 for when the actor, its responsibilities
# and its services were checked and by whom (krokarm.audit.provenance: their reference records, then the newest
# confirmations and site changes, for all of them at once).
@pytest.mark.parametrize(
    "slug, queries",
    [("arbetsformedlingen", 12), ("rus-natverket", 13), ("region-skane", 12), ("utbildningsdepartementet", 12)],
)
def test_a_profile_runs_a_fixed_number_of_queries(client, django_assert_num_queries, slug, queries):
    with django_assert_num_queries(queries):
        profile(client, slug)


def test_a_service_links_its_own_page_with_the_host_and_a_service_without_one_has_no_link(client):
    response = profile(client, "arbetsformedlingen")
    assert (
        '<h3><a href="https://arbetsformedlingen.se/platsbanken">Platsbanken '
        '<span class="muted">(arbetsformedlingen.se)</span></a></h3>'
    ) in response.text
    # Rekryteringsguiden has no page of its own in our data: its name is not linked to anything else.
    assert "<h3>Rekryteringsguiden</h3>" in response.text


def _long_date(day):
    from django.template.defaultfilters import date

    return date(day, "j F Y")


def test_a_profile_says_when_the_mandate_and_each_responsibility_were_checked_and_against_what(client):
    from krokarm.audit.models import ReferenceRecord

    actor = Actor.objects.get(slug="arbetsformedlingen")
    checked = ReferenceRecord.objects.get(target_type="actors.actor", target_id=str(actor.pk)).checked_on
    resp = actor.responsibilities.first()
    host = resp.source_url.split("/")[2].removeprefix("www.")

    text = profile(client, "arbetsformedlingen").text

    assert f'Kontrollerad {_long_date(checked)} mot <a href="{actor.mandate_source_url}">källan på' in text
    assert f'mot <a href="{resp.source_url}">källan på {host}</a>' in text
    assert text.count('class="provenance muted"') >= 1 + actor.responsibilities.count() + actor.services.count()


def test_a_profile_confirmed_by_its_organisation_says_by_whom_and_when(client):
    import datetime

    from django.db import transaction

    from krokarm.audit.actions import record

    actor = Actor.objects.get(slug="arbetsformedlingen")
    with transaction.atomic():
        record(
            "confirmed",
            actor,
            source="web",
            organisation=actor,
            changes={"confirmed_on": [None, "2026-12-07"]},
        )

    text = profile(client, "arbetsformedlingen").text

    assert f"Bekräftad av Arbetsförmedlingen {_long_date(datetime.date(2026, 12, 7))}" in text


def test_a_service_added_on_the_site_says_which_organisation_gave_it(client):
    from django.utils import timezone

    from krokarm.actors import actions
    from krokarm.actors.models import Service

    actor = Actor.objects.get(slug="arbetsformedlingen")
    service = Service(actor=actor)
    actions.save_service(service, {"name": "Testtjänst på webbplatsen"}, target_groups=set(), user=None)

    text = profile(client, "arbetsformedlingen").text

    assert f"Uppgiven av Arbetsförmedlingen {_long_date(timezone.localdate())}" in text
