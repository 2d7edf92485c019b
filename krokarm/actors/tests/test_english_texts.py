"""English names and descriptions of themes and target groups, and English summaries of actors."""

from io import StringIO

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from krokarm.actors.models import Actor, TargetGroup, Theme
from krokarm.audit.models import AuditEntry
from krokarm.lib.links import host

pytestmark = pytest.mark.django_db


def test_every_theme_and_target_group_in_the_files_has_an_english_name_and_description():
    for name in ("themes.yaml", "target_groups.yaml"):
        for entry in yaml.safe_load((settings.DATA_DIR / name).read_text(encoding="utf-8")):
            assert entry.get("name_en"), f"{name} {entry['slug']}: no name_en"
            assert entry.get("description_en"), f"{name} {entry['slug']}: no description_en"
            assert entry["name_en"] != entry["name"], entry["slug"]


def test_the_seed_loads_the_english_names():
    assert Theme.objects.get(slug="arbetstillstand").name_en == "Work permits and recruitment from outside the EU"
    assert TargetGroup.objects.get(slug="arbetsgivare").name_en == "Employers"
    assert not Theme.objects.filter(name_en="").exists()
    assert not TargetGroup.objects.filter(description_en="").exists()


def test_the_seed_loads_english_summaries_and_pages_and_runs_again_without_changes():
    uhr = Actor.objects.get(slug="uhr")
    assert uhr.english_url == "https://www.uhr.se/en/start/"
    assert "foreign qualifications" in uhr.summary_en
    assert uhr.name == "Universitets- och högskolerådet"
    before = AuditEntry.objects.count()
    out = StringIO()
    call_command("seed", stdout=out)
    assert "0 created, 0 updated, 0 deleted" in out.getvalue()
    assert AuditEntry.objects.count() == before


def test_an_english_page_is_on_the_actors_own_site():
    for actor in Actor.objects.exclude(english_url=""):
        assert actor.summary_en, actor.slug
        assert host(actor.english_url).removeprefix("www.") == host(actor.website).removeprefix("www."), actor.slug


def test_the_in_language_filter_shows_the_english_name_only_in_english():
    template = Template("{% load actor_tags %}{{ theme|in_language:'name' }}")
    theme = Theme.objects.get(slug="validering")
    with translation.override("en"):
        assert template.render(Context({"theme": theme})) == "Validation of prior learning"
    with translation.override("sv"):
        assert template.render(Context({"theme": theme})) == "Validering"


def test_the_actor_page_in_english_shows_its_english_summary_and_a_link_to_its_english_page(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    csn = Actor.objects.get(slug="csn")
    html = client.get(csn.get_absolute_url()).text
    assert csn.summary_en.split(".")[0] in html
    assert f'<a href="{csn.english_url}" hreflang="en">' in html
    assert f"<h1>{csn.name}</h1>" in html
    assert 'lang="sv"' in html  # the Swedish mandate is marked as Swedish


def test_the_actor_page_in_english_says_when_the_details_are_only_in_swedish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    skolverket = Actor.objects.get(slug="skolverket")
    assert not skolverket.summary_en
    with translation.override("en"):
        line = gettext("Uppgifterna om den här organisationen finns bara på svenska.")
    assert line in client.get(skolverket.get_absolute_url()).text


def test_the_actor_page_in_swedish_shows_no_english_summary(client):
    csn = Actor.objects.get(slug="csn")
    html = client.get(csn.get_absolute_url()).text
    assert csn.english_url not in html
    assert csn.summary_en.split(".")[0] not in html


def test_the_matrix_in_english_names_the_area_and_its_topics_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("actors:matrix"), {"omrade": "kompetensforsorjning"}).text
    assert "Skills supply and skills development throughout the country" in html
    assert '<th scope="row">Validation of prior learning</th>' in html
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    swedish = client.get(reverse("actors:matrix"), {"omrade": "kompetensforsorjning"}).text
    assert '<th scope="row">Validering</th>' in swedish


@pytest.mark.parametrize("path", ["/aktorer/", "/finansiering/", "/sok/", "/behov/", "/strategier/"])
def test_the_theme_filters_name_the_themes_in_english_for_english_speakers_and_in_swedish_for_others(client, path):
    area = Theme.objects.filter(parent=None).exclude(name_en="").first()
    assert area is not None
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    assert f">{area.name_en}</option>" in english.content.decode()
    swedish = client.get(path, HTTP_ACCEPT_LANGUAGE="sv")  # the same data version: the cached choices serve both
    assert f">{area.name}</option>" in swedish.content.decode()
    assert f">{area.name_en}</option>" not in swedish.content.decode()
