"""Browser journeys: a live gunicorn server and Debian's chromium driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from e2e.live_data import STAFF, STAFF_TOTP_KEY, fresh_totp_code
from e2e.server import prepare, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags this workplace's machines need: no sandbox as root, and no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The live site's environment: its database is migrated, seeded and holds live_data; `run_in_live` reads it."""
    var_dir: Path = tmp_path_factory.mktemp("live")
    return prepare(var_dir, ["shell", "-c", STAFF_SCRIPT])


@pytest.fixture(scope="session")
def live_url(live_env: dict[str, str]) -> Iterator[str]:
    with serve(live_env) as base:
        yield base


STAFF_SCRIPT = "from e2e.live_data import main; main()"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_url, locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def staff_cookies(browser: Browser, live_url: str) -> list[Any]:
    """The staff user's signed-in session, made once: a one-time code can be used only once, so every
    staff page of the run shares this session instead of signing in again."""
    context = browser.new_context(base_url=live_url, locale="sv-SE")
    sign_in(context.new_page(), STAFF[0], totp_key=STAFF_TOTP_KEY)
    cookies = list(context.cookies())
    context.close()
    return cookies


@pytest.fixture
def staff_page(page: Page, staff_cookies: list[Any]) -> Page:
    page.context.add_cookies(staff_cookies)
    page.goto("/")
    return page


def sign_in(page: Page, username: str, password: str = STAFF[1], then: str = "/", totp_key: str | None = None) -> Page:
    """Sign in through the sign-in page; with `totp_key`, also give the one-time code the user's app shows."""
    page.goto(f"/logga-in/?next={then}")
    page.get_by_label("E-postadress eller användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    if totp_key:
        page.get_by_label("Engångskod").fill(fresh_totp_code(totp_key))
        page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"**{then}")
    return page


def pytest_collection_modifyitems(items: list[Any]) -> None:
    # The browser journeys run last: the fast suite reports first.
    items.sort(key=lambda item: "e2e" in str(item.fspath))
