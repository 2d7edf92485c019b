"""The public pages: the programme list, a programme, the matrix and the county page's programmes. Everything
is public and read-only: anonymous visitors and signed-in members see the same, and only GET is allowed."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import member_of
from krokarm.funding.models import Programme
from krokarm.funding.tests.factories import make_programme, make_theme

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"funding:{name}", args=args)


def test_the_list_groups_the_programmes_by_fund(client: Any) -> None:
    response = client.get(url("list"))
    assert response.status_code == 200
    text = response.text
    assert text.index("Regionalfonden (ERUF)") < text.index("Socialfonden (ESF+)") < text.index("Interreg</h2>")
    assert "Regionalfonden i Övre Norrland" in text and "Fonden för en rättvis omställning" in text
    assert "ESF+ programområde D" in text  # the parts are listed under ESF+
    assert "Obekräftat" in text  # the Interreg programmes
    assert url("export-csv") in text and url("export-json") in text


def test_the_list_filters_on_county_and_theme(client: Any) -> None:
    gotland = client.get(url("list"), {"lan": "gotlands-lan"}).text
    assert 'href="/finansiering/fonden-for-en-rattvis-omstallning/"' in gotland
    assert 'href="/finansiering/regionalfonden-stockholm/"' not in gotland
    sami = client.get(url("list"), {"tema": "samiska-fragor"}).text
    assert "Interreg Aurora" in sami and "Interreg Europe" not in sami
    assert "Rensa filtren" in sami


def test_unknown_filters_are_reported_in_swedish_and_all_programmes_shown(client: Any) -> None:
    response = client.get(url("list"), {"lan": "atlantis", "tema": "rymdfart"})
    assert response.status_code == 200
    assert "Välj ett län i listan." in response.text and "Välj ett tema i listan." in response.text
    assert "Regionalfonden i Stockholm" in response.text


def test_a_filter_nothing_matches_shows_a_way_on(client: Any) -> None:
    theme = make_theme()
    response = client.get(url("list"), {"tema": theme.slug})
    assert "Inga program matchar" in response.text
    assert f'href="{url("list")}"' in response.text


def test_the_detail_page_links_the_authority_the_counties_and_the_source(client: Any) -> None:
    response = client.get(url("detail", "fonden-for-en-rattvis-omstallning"))
    assert response.status_code == 200
    text = response.text
    assert 'href="/aktorer/tillvaxtverket/"' in text
    assert 'href="/regioner/gotlands-lan/"' in text and 'href="/regioner/skane-lan/"' not in text
    assert "Företag:" in text and "söker direkt" in text
    assert "Individer:" in text and "genom projekt" in text
    assert "https://eufonder.se/" in text
    assert "Obekräftat" not in text


def test_the_detail_page_of_an_interreg_programme_has_the_unconfirmed_box(client: Any) -> None:
    text = client.get(url("detail", "interreg-central-baltic")).text
    assert 'class="unconfirmed" role="note"' in text
    assert "Egentliga Finlands förbund" in text  # a foreign authority, as text


def test_the_detail_page_of_esf_plus_shows_its_areas_and_regions_with_their_own_reach(client: Any) -> None:
    text = client.get(url("detail", "esf-plus")).text
    assert "ESF+ programområde D" in text and "ESF+ i Sydsverige" in text
    area = client.get(url("detail", "esf-plus-d")).text
    assert 'href="/finansiering/esf-plus/"' in area  # the breadcrumb back to ESF+
    assert "Norrbottens län" in area and "Skåne län" not in area


def test_an_unknown_programme_is_a_404_in_swedish(client: Any) -> None:
    response = client.get(url("detail", "marshallplanen"))
    assert response.status_code == 404
    assert "Det finns inget EU-program med den adressen." in response.text


def test_the_matrix_is_an_accessible_table_with_the_gap_list(client: Any) -> None:
    theme = make_theme()
    make_programme(themes=[theme.slug], counties=["uppsala-lan"], reach={"individer": "genom_projekt"})
    response = client.get(url("matrix"))
    assert response.status_code == 200
    text = response.text
    assert "<caption>" in text and 'scope="col"' in text and 'scope="row"' in text
    gaps = text[text.index('id="luckor"') : text.index("Sammanfattning per tema")]
    assert f"{theme.name}:</strong>" in gaps and "Företag nås inte" in gaps
    assert "Genom projekt" in text and "Söker direkt" in text  # words, not symbols


def test_the_matrix_filters_on_county_and_theme(client: Any) -> None:
    text = client.get(url("matrix"), {"lan": "stockholms-lan", "tema": "klimat-energi-och-miljo"}).text
    table = text[text.index("Program och målgrupper") :]
    assert 'href="/finansiering/regionalfonden-stockholm/"' in table
    assert 'href="/finansiering/regionalfonden-ovre-norrland/"' not in table
    assert 'href="/finansiering/fonden-for-en-rattvis-omstallning/"' not in table


def test_the_matrix_reports_unknown_filters(client: Any) -> None:
    text = client.get(url("matrix"), {"lan": "atlantis"}).text
    assert "Välj ett län i listan." in text


def test_a_signed_in_member_sees_the_same_public_pages(client: Any) -> None:
    with zeal_ignore():
        client.force_login(member_of("csn", Affiliation.Role.ADMIN, email="admin@csn.se"))
    for path in (url("list"), url("matrix"), url("detail", "esf-plus"), url("export-csv")):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("name", "args"),
    [("list", ()), ("matrix", ()), ("detail", ("esf-plus",)), ("export-csv", ()), ("export-json", ())],
)
def test_the_pages_allow_only_get(client: Any, name: str, args: tuple[str, ...]) -> None:
    assert client.post(url(name, *args)).status_code == 405


def test_the_list_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    client.get(url("list"))  # fills the cached filter choices
    make_programme(themes=["samiska-fragor"], counties=["skane-lan"], reach={"foretag": "direkt"})
    # data version (twice: the page cache's and the filter choices'), county, programmes, their counties and
    # reach, parts and the parts' counties and reach
    with django_assert_max_num_queries(9):
        client.get(url("list"), {"lan": "skane-lan"})


def test_the_detail_page_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    # data version, programme, themes, counties, reach, parts and the parts' themes, counties and reach; +2 for
    # when the programme was checked and by whom (krokarm.audit.provenance: its reference record, then the newest
    # confirmation)
    with django_assert_max_num_queries(12):
        client.get(url("detail", "esf-plus"))


def test_the_matrix_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    client.get(url("matrix"))
    for _n in range(3):
        make_programme(themes=["validering"], counties=["skane-lan"], reach={"individer": "genom_projekt"})
    # data version, county, theme, programmes, their themes, counties and reach, all themes
    with django_assert_max_num_queries(10):
        client.get(url("matrix"), {"lan": "skane-lan", "tema": "kompetensforsorjning"})


def test_the_county_page_lists_its_eu_programmes(client: Any) -> None:
    text = client.get(reverse("regions:detail", args=["gotlands-lan"])).text
    assert "EU-program 2021–2027" in text
    assert 'href="/finansiering/fonden-for-en-rattvis-omstallning/"' in text
    assert 'href="/finansiering/regionalfonden-stockholm/"' not in text


def test_the_open_data_page_links_the_programme_exports(client: Any) -> None:
    text = client.get(reverse("actors:data")).text
    assert url("export-csv") in text and url("export-json") in text


def test_programme_pages_use_their_slug_as_address() -> None:
    programme = Programme.objects.get(slug="esf-plus-a")
    assert programme.get_absolute_url() == "/finansiering/esf-plus-a/"
    assert str(programme) == programme.name


def test_a_theme_of_one_esf_area_lists_esf_plus_with_that_area(client: Any) -> None:
    text = client.get(url("list"), {"tema": "landsbygd-och-lokal-service"}).text
    assert 'href="/finansiering/esf-plus/"' in text  # through programme area D
    assert 'href="/finansiering/regionalfonden-stockholm/"' not in text


def test_the_detail_page_says_when_the_programme_was_checked_against_its_source(client: Any) -> None:
    from django.template.defaultfilters import date

    from krokarm.audit.models import ReferenceRecord
    from krokarm.funding.models import Programme

    programme = Programme.objects.get(slug="esf-plus")
    checked = ReferenceRecord.objects.get(target_type="funding.programme", target_id=str(programme.pk)).checked_on
    host = programme.source_url.split("/")[2].removeprefix("www.")

    text = client.get(url("detail", "esf-plus")).text

    assert f'Kontrollerad {date(checked, "j F Y")} mot <a href="{programme.source_url}">källan på {host}</a>' in text
