"""Comments on a responsibility, as people use them in a browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

# A seeded responsibility of Arbetsförmedlingen that no other journey or page gate comments on.
THREAD = "/kommentarer/ansvar/arbetsformedlingen/prognoser-och-analys/leder/"


def test_an_official_comments_on_a_responsibility_sees_the_counter_and_closes_the_thread(staff_page: Page) -> None:
    page = staff_page
    page.goto("/aktorer/arbetsformedlingen/")
    page.locator("section.responsibility", has_text="Prognoser").get_by_role("link", name="Kommentarer (0)").click()
    expect(page).to_have_url(re.compile(THREAD))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommentarer")
    expect(page.get_by_role("link", name="Så hanterar vi personuppgifter").first).to_be_visible()

    box = page.get_by_label("Din kommentar")
    expect(page.locator("#kommentar-text-counter")).to_have_text("300 tecken kvar")
    box.fill("a\u030a" * 10)  # å typed as a + combining ring: ten characters, not twenty
    expect(page.locator("#kommentar-text-counter")).to_have_text("290 tecken kvar")
    box.fill("Prognoserna hjälper oss i regionens kompetensplanering – tack!")
    page.get_by_role("button", name="Publicera kommentaren").click()
    expect(page.get_by_text("Din kommentar är publicerad.")).to_be_visible()
    expect(page.locator("ol.comments")).to_contain_text("Prognoserna hjälper oss")

    page.get_by_role("button", name="Stäng tråden för fler kommentarer").click()
    expect(page.get_by_text("Stängd för fler kommentarer").first).to_be_visible()
    expect(page.get_by_label("Din kommentar")).to_have_count(0)
    page.goto("/aktorer/arbetsformedlingen/")
    expect(page.get_by_role("link", name="Kommentarer (1)")).to_have_count(1)


def test_an_anonymous_visitor_reads_comments_and_is_asked_to_sign_in_to_write(page: Page) -> None:
    page.goto("/kommentarer/ansvar/arbetsformedlingen/rekrytering-och-matchning/leder/")
    expect(page.get_by_text("Du måste vara inloggad för att kommentera")).to_be_visible()
    expect(page.get_by_label("Din kommentar")).to_have_count(0)
    page.locator(".sign-in-needed").get_by_role("link", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/logga-in/\?next=/kommentarer/ansvar/"))
