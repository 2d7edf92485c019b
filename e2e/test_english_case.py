"""Issue 17: someone whose browser prefers English asks in English, sends the question to Arbetsförmedlingen and
follows it in English, while Arbetsförmedlingen's officer works on it in Swedish — as a user story."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from e2e.conftest import sign_in
from e2e.live_data import OFFICERS
from e2e.server import run_in_live

ASKER_EMAIL = "english-asker@example.com"
# The header's link, "Aviseringar (3 olästa)" ("olästa" is for screen readers, which may read a space before ")").
UNREAD = re.compile(r"^Aviseringar(?: \((\d+) olästa ?\))?$")


def mail_to(env: dict[str, str], address: str) -> list[dict[str, Any]]:
    """The e-mail the live site has queued in its outbox for `address`, oldest first. Nothing sends it in the
    browser journeys (no worker runs): the outbox row is the message the worker would hand to the mail server."""
    code = (
        "import json\n"
        "from krokarm.outbox.models import Message\n"
        "rows = Message.objects.order_by('pk').values('recipients', 'subject', 'body', 'language', 'purpose')\n"
        f"print(json.dumps([row for row in rows if {address!r} in row['recipients']]))\n"
    )
    return list(json.loads(run_in_live(env, code).strip().splitlines()[-1]))


def unread_notifications(page: Page) -> int:
    """The unread count the header's "Aviseringar" link shows (none shown: 0)."""
    name = page.locator(".header-links").get_by_role("link", name=UNREAD).inner_text()
    found = UNREAD.match(" ".join(name.split()))
    assert found, name
    return int(found.group(1) or 0)


def test_an_english_question_is_sent_accepted_and_forwarded_in_english(
    browser: Browser, live_url: str, live_env: dict[str, str]
) -> None:
    # Arbetsförmedlingen's officer is signed in, in Swedish, before the question arrives.
    officer_context = browser.new_context(base_url=live_url, locale="sv-SE")
    officer_context.set_default_timeout(10_000)
    officer = sign_in(officer_context.new_page(), OFFICERS["arbetsformedlingen"], then="/inkorg/")
    unread_before = unread_notifications(officer)

    # A browser that prefers English (Accept-Language: en-GB) gets the question page in English.
    asker_context = browser.new_context(base_url=live_url, locale="en-GB")
    asker_context.set_default_timeout(10_000)
    asker = asker_context.new_page()
    asker.goto("/fraga/")
    expect(asker.locator("html")).to_have_attribute("lang", "en")
    expect(asker.get_by_role("heading", level=1)).to_have_text("Who can answer your question?")
    asker.get_by_label("Your question").fill("I lost my job and need help finding a new one")
    asker.get_by_role("button", name="Show who is responsible").click()

    # The answer is in English: its heading, and why Arbetsförmedlingen is offered, by its English topic name.
    expect(asker.get_by_role("heading", name="Who can help you")).to_be_visible()
    af = asker.locator(".answers > li").filter(has=asker.get_by_role("heading", name="Arbetsförmedlingen", exact=True))
    expect(af).to_contain_text("Recruitment and matching:")
    expect(af).to_contain_text("Why: topic Recruitment and matching.")
    af.get_by_role("link", name="Send your question to Arbetsförmedlingen").click()

    # The send form, in English, with the question kept and Arbetsförmedlingen chosen; the asker leaves an address.
    expect(asker.get_by_role("heading", level=1)).to_have_text("Send your question")
    expect(asker.get_by_label("Your question")).to_have_value("I lost my job and need help finding a new one")
    expect(asker.get_by_label("Arbetsförmedlingen")).to_be_checked()
    asker.get_by_label("Your email address (optional)").fill(ASKER_EMAIL)
    asker.get_by_role("button", name="Send question").click()

    # A reference and a status page.
    expect(asker.get_by_role("heading", name="Your question has been sent")).to_be_visible()
    heading = asker.get_by_role("heading", level=1).inner_text()
    found = re.fullmatch(r"Your question, case (VI-\d{4}-\d{6})", heading)
    assert found, heading
    reference, status_url = found.group(1), asker.url.split("?")[0]
    expect(asker.locator("main")).to_contain_text("Arbetsförmedlingen has received your question.")
    expect(asker.locator(".facts")).to_contain_text("Waiting to be accepted")

    # The officer is told in the app: one more unread notification, which leads to the case.
    officer.reload()
    assert unread_notifications(officer) == unread_before + 1
    officer.locator(".header-links").get_by_role("link", name=UNREAD).click()
    notice = officer.get_by_role("link", name=f"Ny fråga till Arbetsförmedlingen: ärende {reference}")
    expect(officer.locator(".notification.unread").filter(has=notice)).to_be_visible()
    # The case is in the inbox, waiting.
    officer.goto("/inkorg/")
    expect(officer.locator("tr").filter(has_text=reference)).to_contain_text("Väntar på att tas emot")
    officer.get_by_role("link", name=reference).click()
    expect(officer.locator("main")).to_contain_text("I lost my job and need help finding a new one")
    officer.get_by_role("button", name="Ta emot ärendet").click()
    expect(officer.locator(".facts")).to_contain_text("Handläggs")

    # Accepting queues an e-mail to the asker, in the language they asked in, after the receipt.
    mail = mail_to(live_env, ASKER_EMAIL)
    assert [message["purpose"] for message in mail] == ["case.submitted", "case.accepted"], mail
    accepted = mail[1]
    assert accepted["language"] == "en", accepted
    assert accepted["subject"] == f"Your question has been accepted ({reference})", accepted
    assert "Arbetsförmedlingen has accepted your question and is working on it." in accepted["body"], accepted
    assert mail[0]["subject"] == f"Your question has been sent ({reference})", mail[0]
    assert urlsplit(status_url).path in mail[0]["body"], mail[0]  # after settings.SITE_URL

    # The officer forwards it to CSN with a reason; Arbetsförmedlingen no longer holds it.
    reason = "Your question is also about student finance, which CSN decides on."
    officer.get_by_label("Skicka vidare till").select_option(label="Centrala studiestödsnämnden")
    officer.get_by_label("Varför skickar ni vidare?").fill(reason)
    officer.get_by_role("button", name="Skicka vidare").click()
    expect(officer.get_by_role("status")).to_contain_text(f"Ärende {reference} har skickats vidare")
    expect(officer.get_by_role("link", name=reference)).to_have_count(0)
    # "Skickade vidare" still lists it: where it went, who holds it now, and that it waits there.
    officer.get_by_role("link", name="Skickade vidare").click()
    expect(officer).to_have_url(re.compile(r"visa=vidare"))
    row = officer.locator("tr").filter(has_text=reference)
    expect(row).to_contain_text("I lost my job and need help finding a new one")
    expect(row.locator("td").nth(2)).to_have_text("Centrala studiestödsnämnden")
    expect(row.locator("td").nth(3)).to_have_text("Centrala studiestödsnämnden")
    expect(row.locator("td").nth(4)).to_have_text("Väntar på att tas emot")
    officer_context.close()

    # The asker's status page, in English, says who has the question now and why.
    asker.goto(status_url)
    expect(asker.locator(".facts")).to_contain_text("Waiting to be accepted")
    expect(asker.locator(".facts")).to_contain_text("Centrala studiestödsnämnden")
    history = asker.locator(".timeline")
    expect(history).to_contain_text("Arbetsförmedlingen accepted the question.")
    expect(history).to_contain_text(
        f"Arbetsförmedlingen forwarded the question to Centrala studiestödsnämnden. Reason: {reason}"
    )
    forwarded = mail_to(live_env, ASKER_EMAIL)[-1]
    assert forwarded["purpose"] == "case.forwarded", forwarded
    assert forwarded["subject"] == f"Your question has been forwarded ({reference})", forwarded
    assert "Arbetsförmedlingen has forwarded your question to Centrala studiestödsnämnden" in forwarded["body"]
    asker_context.close()
