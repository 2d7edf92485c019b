"""Valid HTML is a gate: the Nu HTML Checker (vnu-jar) reports zero errors on every page and state."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

from playwright.sync_api import Page

from e2e.pages import PAGES, STAFF_PAGES

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(files: list[Path]) -> list[dict[str, object]]:
    if not VNU.exists():
        raise RuntimeError("vnu.jar is missing: run `npm ci` (make test does)")
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java is missing: apt-get install default-jre-headless")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return list(json.loads(result.stderr or '{"messages": []}')["messages"])


def download(live_url: str, path: str, target: Path) -> None:
    request = urllib.request.Request(live_url + path, headers={"Accept-Language": "sv"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        body = error.read()
    target.write_bytes(body)


def test_every_page_is_valid_html(live_url: str, tmp_path: Path) -> None:
    files = []
    for number, path in enumerate(PAGES.values()):
        target = tmp_path / f"page-{number}.html"
        download(live_url, path, target)
        files.append(target)
    messages = check(files)
    names = {f"file:{file}": path for file, path in zip(files, PAGES.values(), strict=True)}
    errors = [f"{names.get(str(m.get('url')), m.get('url'))}: {m.get('message')}" for m in messages]
    assert errors == []


def test_every_staff_page_is_valid_html(staff_page: Page, tmp_path: Path) -> None:
    files = []
    for number, path in enumerate(STAFF_PAGES.values()):
        target = tmp_path / f"staff-page-{number}.html"
        response = staff_page.request.get(path)  # the signed-in session's cookies, the server's own HTML
        assert response.ok, path
        target.write_bytes(response.body())
        files.append(target)
    names = {f"file:{file}": path for file, path in zip(files, STAFF_PAGES.values(), strict=True)}
    errors = [f"{names.get(str(m.get('url')), m.get('url'))}: {m.get('message')}" for m in check(files)]
    assert errors == []


def test_the_checker_does_report_invalid_html(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=sv><title>x</title><p><div></p>", encoding="utf-8")
    assert check([broken]) != []


def test_the_api_documentation_loads_nothing_from_other_sites(live_url: str) -> None:
    with urllib.request.urlopen(live_url + "/api/v1/docs", timeout=30) as response:
        html = response.read().decode("utf-8")
    assert "/static/ninja/swagger-ui-bundle." in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
