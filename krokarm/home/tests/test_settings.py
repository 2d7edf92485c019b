"""Production configuration: with the documented variables set, Django's deploy check passes."""

import os
import subprocess
import sys
from typing import Any

from django.conf import settings


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "krokarm", "check", "--deploy", "--fail-level", "WARNING"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k8Jq2-vZ9xL4mT7pW1sR6yN3bF0hC5dG8aE2uK7jQ4wX9zV1-long-enough-random-key",
    "ALLOWED_HOSTS": "krokarm.example.se",
}


def test_the_deploy_check_passes_with_debug_off_a_strong_key_and_allowed_hosts():
    result = run_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_fails_on_the_development_key():
    result = run_check({**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_the_default_database_is_an_sqlite_file_under_var_in_wal_mode(tmp_path):
    script = (
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); "
        "print(connection.vendor, cursor.fetchone()[0], connection.settings_dict['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "krokarm.settings", "KROKARM_VAR_DIR": str(tmp_path / "var")})
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    vendor, mode, name = result.stdout.split()
    assert (vendor, mode) == ("sqlite", "wal")
    assert name == str(tmp_path / "var" / "krokarm.sqlite3")


def hsts_header(tmp_path: Any, env: dict[str, str]) -> str:
    """The Strict-Transport-Security header of a request over HTTPS, with production settings and `env`."""
    script = (
        "import django; django.setup(); from django.test import Client; "
        "print(Client().get('/healthz', secure=True).headers.get('Strict-Transport-Security', 'none'))"
    )
    names = ("DATABASE_URL", "HTTPS", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
    clean = {k: v for k, v in os.environ.items() if k not in names}
    clean.update({**PRODUCTION, "ALLOWED_HOSTS": "testserver", "KROKARM_VAR_DIR": str(tmp_path / "var")})
    clean.update({"DJANGO_SETTINGS_MODULE": "krokarm.settings", **env})
    result = subprocess.run([sys.executable, "-c", script], env=clean, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_covers_this_host_only_unless_the_operator_opts_in(tmp_path: Any) -> None:
    assert hsts_header(tmp_path, {}) == "max-age=31536000"


def test_include_subdomains_and_preload_are_sent_when_the_operator_turns_them_on(tmp_path: Any) -> None:
    opted_in = {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    assert hsts_header(tmp_path, opted_in) == "max-age=31536000; includeSubDomains; preload"
