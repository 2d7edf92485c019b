"""`make drill`: krokarm under the faults that used to lose people's work, each measured from the outside.

A fresh PostgreSQL database, migrated and seeded; gunicorn with two workers (DEBUG off, --timeout 30) and two
`krokarm worker` processes; a real SMTP server (aiosmtpd) and the database both reached through switches this
script controls (up, refusing, or accepting and never answering). Then, one after the other:

1. re-seed after edits made on the web and through the API,
2. 50 pairs of concurrent PATCHes of different fields of one actor,
3. double submits (the same form sent twice at once: a case, a comment, an API POST with an Idempotency-Key),
4. the mail server refusing, then hanging, then back,
5. one table locked for 40 s,
6. the database unreachable, and back.

For each it prints what the user got (status codes, response times), what /healthz said, and **lost: N** — things
people were told were saved that are not there (or changes overwritten), plus duplicates and undelivered mail.
Not part of `make test` (it takes a few minutes and needs PostgreSQL), like `make bench`.

    .venv/bin/python bench/drill.py [--database-url postgres://postgres@127.0.0.1:5432/krokarm_drill]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from e2e.server import free_port  # noqa: E402

BIN = Path(sys.executable).parent
EDITOR = ("drill-redaktor@example.se", "drill-losenord-1234")
REDIS = os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/7")  # the drill empties this database
AF = "arbetsformedlingen"


# A switch in front of a TCP service: up (forwards), refuse (nothing listens), hang (accepts, never answers).


class Switch:
    """A loopback TCP proxy whose mode the drill changes while clients use it."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.mode = "up"
        self.loop = asyncio.new_event_loop()
        self.server: asyncio.base_events.Server | None = None
        self.open: set[asyncio.StreamWriter] = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.set("up")

    def set(self, mode: str) -> None:
        asyncio.run_coroutine_threadsafe(self._set(mode), self.loop).result(10)

    async def _set(self, mode: str) -> None:
        self.mode = mode
        for writer in list(self.open):  # a change of mode breaks what is open, as a network fault would
            writer.close()
        self.open.clear()
        if mode == "refuse":
            if self.server is not None:
                self.server.close()
                await self.server.wait_closed()
                self.server = None
        elif self.server is None:
            self.server = await asyncio.start_server(self._client, "127.0.0.1", self.port, reuse_address=True)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open.add(writer)
        if self.mode == "hang":
            with contextlib.suppress(Exception):
                await reader.read()  # hold the connection, say nothing
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        self.open.add(up_writer)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


# The mail server: aiosmtpd, counting every message by its Message-ID.


class Mailbox:
    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received: list[str] = []
        mailbox = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                text = envelope.content.decode("utf-8", "replace")
                found = re.search(r"^Message-ID:\s*(\S+)", text, re.MULTILINE | re.IGNORECASE)
                mailbox.received.append(found.group(1) if found else f"none-{len(mailbox.received)}")
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


# HTTP from the outside, as a browser or an API client would.


@dataclass
class Hit:
    status: int
    seconds: float
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def csrf(self) -> str:
        return next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method: str, path: str, data: dict[str, Any] | None = None, **headers: str) -> Hit:
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            headers.setdefault("X-CSRFToken", self.csrf())
            headers.setdefault("Referer", self.base + path)
        return fetch(self.opener, method, self.base + path, body, headers)

    def get(self, path: str) -> Hit:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, Any]) -> Hit:
        return self.request("POST", path, data)

    def sign_in(self, username: str, password: str) -> None:
        page = self.get("/logga-in/")
        hit = self.post("/logga-in/", {"username": username, "password": password, **hidden_fields(page.body)})
        if hit.status != 302:
            raise RuntimeError(f"sign-in failed: {hit.status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(opener: Any, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Hit:
    started = time.monotonic()
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with opener.open(request, timeout=60) as response:
            text = response.read().decode("utf-8", "replace")
            return Hit(response.status, time.monotonic() - started, text, dict(response.headers))
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        return Hit(error.code, time.monotonic() - started, text, dict(error.headers or {}))
    except (urllib.error.URLError, OSError) as error:
        return Hit(0, time.monotonic() - started, str(error))


def api(base: str, method: str, path: str, token: str, body: Any = None, **headers: str) -> Hit:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **headers}
    return fetch(urllib.request.build_opener(NoRedirect()), method, base + "/api/v1" + path, data, headers)


def hidden_fields(html: str) -> dict[str, str]:
    found = re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', html)
    return {name: value.replace("&quot;", '"').replace("&amp;", "&") for name, value in found}


def form_values(html: str) -> dict[str, Any]:
    """The values a browser would send from a page's edit form (inputs, textareas, checked boxes, selections)."""
    values: dict[str, Any] = hidden_fields(html)
    for name, value in re.findall(r'<input type="(?:text|url|email)" name="([\w-]+)"[^>]*?value="([^"]*)"', html):
        values[name] = value.replace("&quot;", '"').replace("&amp;", "&")
    for name, value in re.findall(r'<textarea name="([\w-]+)"[^>]*>\n?([^<]*)</textarea>', html):
        values[name] = value.replace("&quot;", '"').replace("&amp;", "&").replace("&#x27;", "'")
    return values


def together(*calls: Callable[[], Hit]) -> list[Hit]:
    barrier = threading.Barrier(len(calls))
    results: list[Hit] = [Hit(0, 0.0)] * len(calls)

    def run(index: int, call: Callable[[], Hit]) -> None:
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def codes(hits: list[Hit]) -> str:
    counts: dict[int, int] = {}
    for hit in hits:
        counts[hit.status] = counts.get(hit.status, 0) + 1
    return ", ".join(f"{n}×{status}" for status, n in sorted(counts.items()))


def slowest(hits: list[Hit]) -> str:
    times = sorted(h.seconds for h in hits)
    if not times:
        return "–"
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"


# The site under test.


@dataclass
class Site:
    base: str
    env: dict[str, str]
    direct_env: dict[str, str]
    database: Switch
    smtp: Switch
    mailbox: Mailbox
    token: str
    processes: list[subprocess.Popen[bytes]]

    def manage(self, *args: str, direct: bool = True, timeout: float = 600) -> str:
        env = self.direct_env if direct else self.env
        done = subprocess.run(
            [sys.executable, "-m", "krokarm", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode:
            raise RuntimeError(f"krokarm {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.direct_env["DATABASE_URL"], autocommit=True) as connection:
            return list(connection.execute(query).fetchall())

    def healthz(self) -> Hit:
        return fetch(urllib.request.build_opener(), "GET", self.base + "/healthz", None, {})


def fresh_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextlib.contextmanager
def site(url: str, var_dir: Path) -> Iterator[Site]:
    fresh_database(url)
    import redis

    redis.Redis.from_url(REDIS).flushdb()  # a page cached by an earlier drill must not answer for this database
    parts = urllib.parse.urlsplit(url)
    database = Switch(parts.port or 5432)
    mailbox = Mailbox()
    smtp = Switch(mailbox.port)
    common = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    common.update(
        {
            "DJANGO_SETTINGS_MODULE": "krokarm.settings",
            "KROKARM_VAR_DIR": str(var_dir),
            "DEBUG": "0",
            "HTTPS": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "REQUIRE_TWO_FACTOR": "0",  # the drill's editor signs in with a password only
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_TIMEOUT": "5",
            "EMAIL_RETRY_FIRST_DELAY": "5",  # seconds: the drill cannot wait for production's backoff
            "EMAIL_RETRY_MAX_DELAY": "20",
            "CASE_SEND_RATE": "10000/h",
            "REDIS_URL": REDIS,
            "DATABASE_STATEMENT_TIMEOUT": "10000",
            "DATABASE_LOCK_TIMEOUT": "5000",
            "DATABASE_CONNECT_TIMEOUT": "3",
            "LOG_LEVEL": "ERROR",
        }
    )
    direct_env = {**common, "DATABASE_URL": url}
    via_switch = parts._replace(netloc=f"{parts.username or 'postgres'}@127.0.0.1:{database.port}").geturl()
    env = {**common, "DATABASE_URL": via_switch}
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for step in (
            ["migrate", "--no-input", "-v", "0"],
            ["collectstatic", "--no-input", "-v", "0"],
            ["seed", "-v", "0"],
        ):
            subprocess.run([sys.executable, "-m", "krokarm", *step], env=direct_env, cwd=ROOT, check=True, timeout=600)
        token = (
            subprocess.run(
                [sys.executable, "-m", "krokarm", "shell", "-c", EDITOR_SCRIPT],
                env=direct_env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
                timeout=120,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        port = free_port()
        gunicorn = [str(BIN / "gunicorn"), "krokarm.wsgi", "--workers", "2", "--timeout", "30"]
        processes.append(
            subprocess.Popen([*gunicorn, "--bind", f"127.0.0.1:{port}", "--log-level", "error"], env=env, cwd=ROOT)
        )
        for _ in range(2):  # two workers: a message must still go out exactly once
            processes.append(subprocess.Popen([sys.executable, "-m", "krokarm", "worker"], env=env, cwd=ROOT))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while fetch(urllib.request.build_opener(), "GET", base + "/healthz", None, {}).status != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield Site(base, env, direct_env, database, smtp, mailbox, token, processes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(20)
        mailbox.controller.stop()


EDITOR_SCRIPT = f"""
from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.actors.models import Actor
from krokarm.api.actions import create_token
user = User.objects.create_user(username={EDITOR[0]!r}, email={EDITOR[0]!r}, password={EDITOR[1]!r})
affiliate(user, Actor.objects.get(slug={AF!r}), Affiliation.Role.EDITOR, source="test")
print(create_token(user, "drill").key)
"""


# The faults.


@dataclass
class Row:
    fault: str
    got: str
    health: str
    lost: int
    note: str = ""


def reseed_after_edits(s: Site) -> Row:
    browser = Browser(s.base)
    browser.sign_in(*EDITOR)
    hits: list[Hit] = []
    page = browser.get(f"/aktorer/{AF}/redigera/")
    values = {**form_values(page.body), "mandate": "Drill: uppdraget skrivet på webben."}
    hits.append(browser.post(f"/aktorer/{AF}/redigera/", values))
    add = browser.get(f"/aktorer/{AF}/redigera/ansvar/nytt/")
    added = {
        **hidden_fields(add.body),
        "theme": "validering",
        "role": "informerar",
        "description": "Drill: ansvar tillagt på webben.",
        "source_url": "https://www.example.se/drill",
    }
    hits.append(browser.post(f"/aktorer/{AF}/redigera/ansvar/nytt/", added))
    hits.append(api(s.base, "PATCH", f"/actors/{AF}", s.token, {"seat": "Drill-säte"}))
    service: dict[str, Any] = {
        "name": "Drill: tjänst via API",
        "description": "",
        "url": "",
        "theme": None,
        "target_groups": [],
    }
    hits.append(api(s.base, "POST", f"/actors/{AF}/services", s.token, service))
    actor = json.loads(api(s.base, "GET", f"/actors/{AF}", s.token).body)
    reference = actor["responsibilities"][0]
    body = {k: reference[k] for k in ("role", "description", "basis", "source_url", "questions", "target_groups")}
    body.update(theme=reference["theme"]["slug"], description="Drill: referensansvar ändrat via API.")
    hits.append(api(s.base, "PUT", f"/actors/{AF}/responsibilities/{reference['id']}", s.token, body))
    output = s.manage("seed", "-v", "1")
    conflicts = output.count("conflict:")
    after = json.loads(api(s.base, "GET", f"/actors/{AF}", s.token).body)
    texts = [r["description"] for r in after["responsibilities"]]
    kept = [
        after["mandate"] == "Drill: uppdraget skrivet på webben.",
        "Drill: ansvar tillagt på webben." in texts,
        after["seat"] == "Drill-säte",
        any(x["name"] == "Drill: tjänst via API" for x in after["services"]),
        "Drill: referensansvar ändrat via API." in texts,
    ]
    return Row(
        "Re-seed after 2 web and 3 API edits",
        f"edits {codes(hits)}; seed reported {conflicts} conflicts (site values kept)",
        s.healthz().status.__str__(),
        kept.count(False),
    )


def concurrent_patches(s: Site, pairs: int = 50) -> Row:
    hits: list[Hit] = []
    lost = 0
    for n in range(pairs):
        seat, mandate = f"Säte {n}", f"Uppdrag {n}"
        pair = together(
            functools.partial(api, s.base, "PATCH", f"/actors/{AF}", s.token, {"seat": seat}),
            functools.partial(api, s.base, "PATCH", f"/actors/{AF}", s.token, {"mandate": mandate}),
        )
        hits += pair
        actor = json.loads(api(s.base, "GET", f"/actors/{AF}", s.token).body)
        lost += (actor["seat"] != seat) + (actor["mandate"] != mandate)
    audit = s.sql(
        "SELECT changes FROM audit_auditentry WHERE target_type = 'actors.actor' AND action = 'actor.updated' "
        "ORDER BY id DESC LIMIT 2"
    )
    logged = {k: v[1] for (changes,) in audit for k, v in changes.items() if k in ("seat", "mandate")}
    mismatch = logged != {"seat": f"Säte {pairs - 1}", "mandate": f"Uppdrag {pairs - 1}"}
    return Row(
        f"{pairs} concurrent PATCH pairs (different fields)",
        f"{codes(hits)}; {slowest(hits)}; audit log {'differs from' if mismatch else 'matches'} what is stored",
        s.healthz().status.__str__(),
        lost + int(mismatch),
    )


def double_submits(s: Site) -> Row:
    hits: list[Hit] = []
    duplicates = 0
    # A case sent twice at once from one page.
    asker = Browser(s.base)
    question = f"Drill {uuid.uuid4().hex[:8]}: hur får jag min utbildning validerad?"
    page = asker.get("/fraga/skicka/?" + urllib.parse.urlencode({"q": question, "actor": AF}))
    form = {**hidden_fields(page.body), "q": question, "actor": AF, "email": "", "website": ""}
    hits += together(lambda: asker.post("/fraga/skicka/", form), lambda: asker.post("/fraga/skicka/", form))
    duplicates += s.sql(f"SELECT count(*) FROM cases_case WHERE question = '{question}'")[0][0] - 1
    # A comment posted twice at once.
    editor = Browser(s.base)
    editor.sign_in(*EDITOR)
    resp_id = json.loads(api(s.base, "GET", f"/actors/{AF}", s.token).body)["responsibilities"][1]["id"]
    key = s.sql(
        f"SELECT a.slug || '/' || t.slug || '/' || r.role FROM actors_responsibility r JOIN actors_actor a "
        f"ON a.id = r.actor_id JOIN actors_theme t ON t.id = r.theme_id WHERE r.id = {resp_id}"
    )[0][0]
    thread = f"/kommentarer/ansvar/{key}/"
    text = f"Drill-kommentar {uuid.uuid4().hex[:8]}"
    page = editor.get(thread)
    comment = {**hidden_fields(page.body), "text": text}
    hits += together(lambda: editor.post(thread + "skriv/", comment), lambda: editor.post(thread + "skriv/", comment))
    duplicates += s.sql(f"SELECT count(*) FROM comments_comment WHERE text = '{text}'")[0][0] - 1
    # An API POST retried with its Idempotency-Key.
    service: dict[str, Any] = {
        "name": f"Drill {uuid.uuid4().hex[:6]}",
        "description": "",
        "url": "",
        "theme": None,
        "target_groups": [],
    }
    key_header = {"Idempotency-Key": uuid.uuid4().hex}
    hits += together(
        lambda: api(s.base, "POST", f"/actors/{AF}/services", s.token, service, **key_header),
        lambda: api(s.base, "POST", f"/actors/{AF}/services", s.token, service, **key_header),
    )
    duplicates += s.sql(f"SELECT count(*) FROM actors_service WHERE name = '{service['name']}'")[0][0] - 1
    return Row(
        "Double submits (case, comment, API POST), each twice at once",
        f"{codes(hits)}; duplicates: {duplicates}",
        s.healthz().status.__str__(),
        0,
        f"duplicates {duplicates}",
    )


def mail_server_trouble(s: Site) -> Row:
    hits: list[Hit] = []
    asker = Browser(s.base)

    def send_case(tag: str) -> Hit:
        question = f"Drill {tag} {uuid.uuid4().hex[:8]}: vem hjälper mig att byta yrke?"
        page = asker.get("/fraga/skicka/?" + urllib.parse.urlencode({"q": question, "actor": AF}))
        form = {**hidden_fields(page.body), "q": question, "actor": AF, "email": "drill@example.se", "website": ""}
        return asker.post("/fraga/skicka/", form)

    def reset() -> Hit:
        page = asker.get("/konto/losenord/")
        return asker.post("/konto/losenord/", {**hidden_fields(page.body), "email": EDITOR[0]})

    before = s.sql("SELECT count(*) FROM outbox_message")[0][0]
    s.smtp.set("refuse")
    hits += [send_case("refuse") for _ in range(5)] + [reset()]
    s.smtp.set("hang")
    hits += [send_case("hang") for _ in range(5)] + [reset()]
    health = s.healthz().status
    time.sleep(12)  # the workers try while the server hangs: every attempt is cut off by EMAIL_TIMEOUT
    s.smtp.set("up")
    expected = s.sql("SELECT count(*) FROM outbox_message")[0][0] - before
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        pending = s.sql("SELECT count(*) FROM outbox_message WHERE status <> 'sent'")[0][0]
        if not pending:
            break
        time.sleep(2)
    delivered = len(s.mailbox.received)
    unique = len(set(s.mailbox.received))
    failed = s.sql("SELECT count(*) FROM outbox_message WHERE status = 'failed'")[0][0]
    return Row(
        "Mail server refusing, then hanging, then back (2 workers)",
        f"{codes(hits)}; {slowest(hits)}; {expected} messages queued, {unique} delivered"
        f" ({delivered - unique} twice), {failed} failed",
        str(health),
        max(0, expected - unique),
        f"duplicates {delivered - unique}",
    )


def locked_table(s: Site, seconds: float = 40) -> Row:
    import psycopg

    hits: dict[str, list[Hit]] = {"page": [], "api": [], "post": []}
    health: list[int] = []
    editor = Browser(s.base)
    editor.sign_in(*EDITOR)
    page = editor.get(f"/aktorer/{AF}/redigera/")
    values = {**form_values(page.body), "mandate": "Drill: sparat under låsningen?"}
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        with psycopg.connect(s.direct_env["DATABASE_URL"]) as connection:
            connection.execute("LOCK TABLE actors_actor IN ACCESS EXCLUSIVE MODE")
            locked.set()
            release.wait(seconds + 60)  # until the last request of the fault has its answer

    holder = threading.Thread(target=hold)
    holder.start()
    if not locked.wait(30):
        raise RuntimeError("could not take the lock on actors_actor within 30 s")
    started = time.monotonic()
    n = 0
    while time.monotonic() - started < seconds:
        n += 1
        page_hit, api_hit, post_hit = together(  # a fresh address each time: no cached page answers
            functools.partial(fetch, urllib.request.build_opener(), "GET", s.base + f"/aktorer/{AF}/?n={n}", None, {}),
            functools.partial(api, s.base, "GET", f"/actors/{AF}?n={n}", s.token),
            lambda: editor.post(f"/aktorer/{AF}/redigera/", values),
        )
        hits["page"].append(page_hit)
        hits["api"].append(api_hit)
        hits["post"].append(post_hit)
        health.append(s.healthz().status)
    held = time.monotonic() - started
    release.set()
    holder.join()
    after = s.healthz().status
    stored = json.loads(api(s.base, "GET", f"/actors/{AF}", s.token).body)["mandate"]
    saved_during = any(h.status == 302 for h in hits["post"])
    lost = int(saved_during and stored != values["mandate"])
    everything = [h for kind in hits.values() for h in kind]
    retry = next((h.headers.get("Retry-After") for h in everything if h.status == 503), None)
    posted = hits["post"][0].body if hits["post"] else ""
    told = "sparades inte" in posted
    got = "; ".join(f"{kind} {codes(kind_hits)}" for kind, kind_hits in hits.items())
    return Row(
        f"Table actors_actor locked for {held:.0f} s",
        f"{got} (Retry-After {retry}; a POST is told it was not saved: {'yes' if told else 'no'}); "
        f"{slowest(everything)} (lock timeout 5 s; 3 requests at once on 2 workers)",
        f"{codes([Hit(c, 0) for c in health])} during, {after} after",
        lost,
    )


def database_unreachable(s: Site, seconds: float = 20) -> Row:
    hits: list[Hit] = []
    api_hits: list[Hit] = []
    health: list[int] = []
    s.database.set("refuse")
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        hits.append(fetch(urllib.request.build_opener(), "GET", s.base + f"/aktorer/{AF}/?n={len(hits)}", None, {}))
        api_hits.append(api(s.base, "GET", f"/actors/{AF}?n={len(api_hits)}", s.token))
        health.append(s.healthz().status)
        time.sleep(1)
    hits += api_hits
    s.database.set("up")
    back = time.monotonic()
    while s.healthz().status != 200 and time.monotonic() - back < 60:
        time.sleep(0.5)
    recovered = time.monotonic() - back
    json_errors = sum(1 for h in api_hits if h.headers.get("Content-Type", "").startswith("application/json"))
    return Row(
        f"Database unreachable for {seconds:.0f} s, then back",
        f"{codes(hits)} (API: {json_errors} of {len(api_hits)} in JSON); {slowest(hits)}",
        f"{codes([Hit(c, 0) for c in health])} during, 200 again {recovered:.1f} s after",
        0,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = os.environ.get("DRILL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/krokarm_drill")
    parser.add_argument("--database-url", default=default, help="a PostgreSQL database the drill may drop")
    options = parser.parse_args()
    import tempfile

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="krokarm-drill-") as folder, site(options.database_url, Path(folder)) as s:
        for fault in (
            reseed_after_edits,
            concurrent_patches,
            double_submits,
            mail_server_trouble,
            locked_table,
            database_unreachable,
        ):
            print(f"… {fault.__name__.replace('_', ' ')}", flush=True)
            row = fault(s)
            print(f"  {row.got} | healthz {row.health} | lost: {row.lost}", flush=True)
            rows.append(row)
    print()
    print("| fault | what the user got | /healthz | lost |")
    print("| --- | --- | --- | ---: |")
    for row in rows:
        print(f"| {row.fault} | {row.got} | {row.health} | {row.lost} |")
    five_hundreds = sum("×500" in r.got for r in rows)
    total_lost = sum(r.lost for r in rows)
    duplicates = sum(int(r.note.split()[-1]) for r in rows if r.note.startswith("duplicates"))
    print(f"\nlost: {total_lost} in all; duplicates: {duplicates}; faults with a 500: {five_hundreds}")
    return 0 if total_lost == 0 and duplicates == 0 and five_hundreds == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
