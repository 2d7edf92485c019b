"""A question sent through the way in reaches an actor, is forwarded, and is answered — as user stories."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from e2e.conftest import sign_in
from e2e.live_data import OFFICERS


def send_question(page: Page, question: str) -> tuple[str, str]:
    """Ask on the question page, send to the first actor offered; return (reference, status URL)."""
    page.goto("/fraga/")
    page.get_by_label("Din fråga").fill(question)
    page.get_by_role("button", name="Visa vem som ansvarar").click()
    page.get_by_role("link", name=re.compile("^Skicka frågan till Arbetsförmedlingen")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skicka din fråga")
    expect(page.get_by_label("Arbetsförmedlingen")).to_be_checked()
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.get_by_role("heading", name="Din fråga har skickats")).to_be_visible()
    heading = page.get_by_role("heading", level=1).inner_text()
    reference = re.search(r"VI-\d{4}-\d{6}", heading)
    assert reference, heading
    return reference.group(0), page.url.split("?")[0]


def test_a_jobseeker_sends_a_question_which_is_forwarded_and_answered(page: Page, browser: Browser) -> None:
    reference, status_url = send_question(page, "Jag har blivit arbetslös och vill ha hjälp att hitta ett nytt jobb")
    expect(page.locator("main")).to_contain_text("Väntar på att tas emot")

    officer_context = browser.new_context(base_url=page.url.split("/fraga/")[0], locale="sv-SE")
    officer = sign_in(officer_context.new_page(), OFFICERS["arbetsformedlingen"], then="/inkorg/")
    officer.get_by_role("link", name=reference).click()
    officer.get_by_role("button", name="Ta emot ärendet").click()
    expect(officer.locator("main")).to_contain_text("Handläggs")
    officer.get_by_label("Skicka vidare till").select_option(label="Centrala studiestödsnämnden")
    officer.get_by_label("Varför skickar ni vidare?").fill("Frågan gäller också studiemedel, som CSN beslutar om.")
    officer.get_by_role("button", name="Skicka vidare").click()
    expect(officer.get_by_role("status")).to_contain_text(f"Ärende {reference} har skickats vidare")
    officer_context.close()

    page.goto(status_url)
    expect(page.locator("main")).to_contain_text("skickade frågan vidare till Centrala studiestödsnämnden")
    expect(page.locator("main")).to_contain_text("studiemedel, som CSN beslutar om")

    csn_context = browser.new_context(base_url=page.url.split("/fraga/")[0], locale="sv-SE")
    csn = sign_in(csn_context.new_page(), OFFICERS["csn"], then="/inkorg/")
    csn.get_by_role("link", name=reference).click()
    csn.get_by_label("Svar till den som frågade").fill("Du kan söka studiemedel för att studera på komvux.")
    csn.get_by_role("button", name="Skicka svaret och avsluta ärendet").click()
    expect(csn.locator("main")).to_contain_text("Besvarat")
    csn_context.close()

    page.goto(status_url)
    expect(page.get_by_role("heading", name="Svar från Centrala studiestödsnämnden")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Du kan söka studiemedel för att studera på komvux.")


def test_an_officer_of_another_actor_cannot_open_the_case(page: Page, browser: Browser) -> None:
    reference, _ = send_question(page, "Hur får jag hjälp att hitta jobb när jag är arbetslös?")
    other = browser.new_context(base_url=page.url.split("/fraga/")[0], locale="sv-SE")
    csn = sign_in(other.new_page(), OFFICERS["csn"], then="/inkorg/")
    expect(csn.get_by_role("link", name=reference)).to_have_count(0)
    response = csn.goto(f"/inkorg/{reference}/")
    assert response is not None and response.status == 404
    other.close()
