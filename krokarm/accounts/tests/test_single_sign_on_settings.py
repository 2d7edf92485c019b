"""Single sign-on configured from the environment: whole, or off with `krokarm check` saying what is missing, and
password sign-in working either way. Settings are read when the process starts, so each case is a new process."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

PROVIDER = {
    "OIDC_RP_CLIENT_ID": "krokarm",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://eid.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://eid.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://eid.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://eid.example/jwks",
}
# What Django does on every password sign-in: build each authentication backend in turn.
BACKENDS = (
    "import django; django.setup(); from django.contrib.auth import get_backends; "
    "print(' '.join(type(b).__name__ for b in get_backends()))"
)


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "krokarm.settings", "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_only_a_client_id_fails_the_check_naming_what_is_missing() -> None:
    result = run(["-m", "krokarm", "check"], {"OIDC_RP_CLIENT_ID": "krokarm"})

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "accounts.E001" in output
    for missing in ("OIDC_RP_CLIENT_SECRET", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"):
        assert missing in output


def test_only_a_client_id_leaves_password_sign_in_working() -> None:
    result = run(["-c", BACKENDS], {"OIDC_RP_CLIENT_ID": "krokarm"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["AxesStandaloneBackend", "EmailOrUsernameBackend"]


def test_a_whole_configuration_turns_single_sign_on_on_and_passes_the_check() -> None:
    assert run(["-m", "krokarm", "check"], PROVIDER).returncode == 0
    result = run(["-c", BACKENDS], PROVIDER)
    assert result.stdout.split() == ["AxesStandaloneBackend", "EmailOrUsernameBackend", "SignInWithProvider"]


def test_a_provider_signing_with_the_shared_secret_needs_no_published_keys() -> None:
    env = {**PROVIDER, "OIDC_OP_JWKS_ENDPOINT": "", "OIDC_RP_SIGN_ALGO": "HS256"}
    assert run(["-m", "krokarm", "check"], env).returncode == 0
