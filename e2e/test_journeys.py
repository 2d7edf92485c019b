"""The main journeys, as user stories, in a real browser against a live server."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_a_jobseeker_with_a_foreign_degree_finds_who_assesses_it(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Vad gäller din fråga?").fill("Vem bedömer min utländska examen i ekonomi?")
    page.get_by_role("button", name="Visa vem som ansvarar").click()
    expect(page.get_by_role("heading", name="De här kan hjälpa dig")).to_be_visible()
    page.get_by_role("link", name="Universitets- och högskolerådet").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Universitets- och högskolerådet")
    expect(page.locator("main")).to_contain_text("Utländsk utbildning")


def test_someone_in_skelleftea_learns_that_their_municipality_runs_sfi(page: Page) -> None:
    page.goto("/fraga/")
    page.get_by_label("Din fråga").fill("var kan man plugga svenska för invandrare i Skellefteå")
    page.get_by_label("Jag är … (frivilligt)").select_option("individ")
    page.get_by_role("button", name="Visa vem som ansvarar").click()
    answers = page.locator("ol.answers > li")
    expect(answers.first).to_contain_text("Skellefteå")
    expect(page.locator("main")).to_contain_text("Varför")


def test_a_visitor_searches_the_directory_by_name(page: Page) -> None:
    page.goto("/aktorer/")
    page.get_by_label("Sök på namn, ort eller uppdrag").fill("utländsk utbildning")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("status")).to_contain_text("hittades")
    expect(page.get_by_role("link", name="Universitets- och högskolerådet")).to_be_visible()


def test_an_official_sees_who_leads_each_skills_topic_and_where_there_are_overlaps(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Vem ansvarar för vad?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vem ansvarar för vad?")
    expect(page.get_by_role("table")).to_contain_text("Yrkeshögskola")
    page.get_by_role("link", name="Läs översikten som text").click()
    expect(page).to_have_url(re.compile("#as-text$"))
    expect(page.locator("#topic-yrkeshogskola ~ dl")).to_contain_text("MYH")


def test_an_official_switches_the_matrix_to_another_strategic_area(page: Page) -> None:
    page.goto("/vem-ansvarar-for-vad/")
    page.get_by_label("Strategiskt område").select_option("tillganglighet")
    page.get_by_role("button", name="Visa området").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Tillgänglighet")


def test_a_regional_coordinator_finds_the_municipalities_of_their_county(page: Page) -> None:
    page.goto("/regioner/")
    page.get_by_role("link", name="Skåne län").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skåne län")
    page.get_by_role("link", name="Malmö", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Malmö")
    expect(page.locator("main")).to_contain_text("1280")


def test_a_visitor_narrows_the_actor_list_with_filters_and_pages_through_it(page: Page) -> None:
    page.goto("/aktorer/")
    page.get_by_label("Typ av aktör").select_option("municipality")
    page.get_by_label("Län").select_option("vastra-gotalands-lan")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("status")).to_contain_text("49 aktörer hittades")
    page.get_by_role("link", name="Nästa sida").click()
    expect(page.get_by_label("Typ av aktör")).to_have_value("municipality")
    expect(page.locator("main")).to_contain_text("Sida 2 av 2")


def test_a_bad_filter_is_explained_and_the_summary_links_to_the_field(page: Page) -> None:
    page.goto("/aktorer/?kind=rymdstyrelse")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Välj en typ av aktör i listan.")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Typ av aktör")).to_be_focused()


def test_a_researcher_downloads_the_directory_as_csv(page: Page) -> None:
    page.goto("/data/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Aktörer (CSV)").click()
    path = download.value.path()
    text = path.read_text(encoding="utf-8-sig")
    assert text.startswith("slug,kind,name")
    assert text.count("\n") > 380


def test_an_english_speaker_switches_language_and_back(page: Page) -> None:
    page.goto("/regioner/")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regions and counties")
    page.get_by_role("link", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regioner och län")


def test_every_page_works_without_javascript(browser, live_url: str) -> None:
    context = browser.new_context(base_url=live_url, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto("/aktorer/")
    page.get_by_label("Sök på namn, ort eller uppdrag").fill("Gotland")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("link", name="Region Gotland")).to_be_visible()
    context.close()
