"""A question travels in the address (/fraga/?q=…), so no log the project configures may keep the query string:
gunicorn's access log, the development server's request log and the documented proxy format. The text is kept
only where the personal-data page says, for as long as it says."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
IN_ADDRESS = "/fraga/?q=Kim+Andersson+19800101-1234&asker=person"
SECRETS = ("Kim", "Andersson", "19800101-1234")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **headers: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_gunicorn_started_from_the_repository_logs_the_path_without_the_question(tmp_path: Path) -> None:
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    port = _free_port()
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "krokarm.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(access_log),
            "--error-logfile",
            str(error_log),
        ],
        cwd=ROOT,  # where the systemd unit, the benchmark and the drill start it: gunicorn.conf.py is read from here
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        _get(base + "/healthz?q=Kim+Andersson")
        _get(base + IN_ADDRESS, Referer=base + "/fraga/?q=19800101-1234+Andersson")
    finally:
        server.terminate()
        server.wait(timeout=30)

    logged = access_log.read_text()
    assert '"GET /fraga/ HTTP/1.1"' in logged  # the request is logged, by its path
    assert '"GET /healthz HTTP/1.1"' in logged
    for secret in SECRETS:
        assert secret not in logged
        assert secret not in error_log.read_text()


def test_the_development_servers_request_log_drops_the_question() -> None:
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    keep = Keep()
    logger = logging.getLogger("django.server")
    logger.addHandler(keep)
    try:
        # What Django's runserver calls for every request, with the request line as it arrived.
        handler = SimpleNamespace(request=None, log_date_time_string=lambda: "06/Dec/2026 12:00:00")
        WSGIRequestHandler.log_message(handler, '"%s" %s %s', f"GET {IN_ADDRESS} HTTP/1.1", "200", "5120")  # type: ignore[arg-type]
    finally:
        logger.removeHandler(keep)

    assert records == ['"GET /fraga/ HTTP/1.1" 200 5120']


def test_the_documented_proxy_log_format_has_the_path_and_never_the_query_string() -> None:
    operations = (ROOT / "docs" / "operations.md").read_text()
    blocks = re.findall(r"```nginx\n(.*?)```", operations, flags=re.S)
    formats = [block for block in blocks if "log_format" in block]
    assert formats, "docs/operations.md documents the proxy's log format"
    for block in formats:
        assert "$uri" in block
        for variable in ("$request ", '$request"', "$request_uri", "$args", "$arg_", "$query_string", "$http_referer"):
            assert variable not in block


@pytest.mark.django_db
def test_the_personal_data_page_says_where_a_question_is_kept_and_for_how_long(client: Client) -> None:
    days = {"INSIGHTS_TEXT_RETENTION_DAYS": 123, "CASE_RETENTION_DAYS": 45, "CASE_UNANSWERED_RETENTION_DAYS": 234}
    with override_settings(**days):
        page = client.get(reverse("home:personal-data")).content.decode()
    assert "Om du ställer en fråga" in page
    assert "Efter 123 dagar raderas frågans text" in page
    assert "webbläsares historik" in page
    assert "frågans text hamnar aldrig i någon logg" in page
    assert "45 dagar efter att du fått svar" in page
    assert "Får du aldrig något svar raderas det 234 dagar efter det senaste som hände i ärendet" in page
