"""A production-like krokarm on loopback for the browser journeys.

A fresh database, migrated and seeded with the real reference data, served by
gunicorn with DEBUG off and collected static files: what a visitor gets, minus
TLS. The live site follows the suite's backend: with DATABASE_URL pointing at
PostgreSQL it gets its own database (the suite's name + "_live", created anew);
otherwise an SQLite file in a temporary folder. It never touches the test database.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fresh_postgres_url(url: str) -> str:
    """Drop and create `<name>_live` on the server of `url`; return its URL."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_live"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return parts._replace(path=f"/{name}").geturl()


def environment(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = fresh_postgres_url(url)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "krokarm.settings",
            "KROKARM_VAR_DIR": str(var_dir),
            "DEBUG": "0",
            "HTTPS": "0",  # loopback: nothing terminates TLS in front of the app
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",  # no mail server here
            "CASE_SEND_RATE": "60/m",  # every journey sends from 127.0.0.1
        }
    )
    return env


def prepare(var_dir: Path, *commands: list[str]) -> dict[str, str]:
    env = environment(var_dir)
    steps = [["migrate", "--no-input", "-v", "0"], ["seed", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]]
    for step in [*steps, *commands]:
        subprocess.run([sys.executable, "-m", "krokarm", *step], env=env, cwd=ROOT, check=True, timeout=600)
    return env


def run_in_live(env: dict[str, str], code: str) -> str:
    """Run Python `code` in `krokarm shell` on the live site's database (`env` from `prepare`); return what it
    printed. For what a browser cannot see, such as the e-mail waiting in the outbox."""
    command = [sys.executable, "-m", "krokarm", "shell", "-v", "0", "-c", code]
    result = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=120)
    return result.stdout


@contextmanager
def serve(env: dict[str, str], workers: int = 2, timeout: float = 60.0) -> Iterator[str]:
    """Run gunicorn until the block ends; yields the base URL once /healthz answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "krokarm.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start on {base}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
