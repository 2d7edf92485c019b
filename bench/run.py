"""`make bench`: how fast krokarm serves its main pages with ten times the real catalogue, and routes questions.

Builds a throw-away SQLite database in a temporary directory (migrate, seed, bench_seed,
collectstatic). Times the way in's routing in-process (bench/routing.py) on the real
catalogue and on the scaled one. Then serves the database with gunicorn and production
settings on 127.0.0.1 and measures each page with wrk at a fixed concurrency, twice: asking
for the same URL every time (the page cache answers) and for a new URL every time (the page
is built), and /api/v1/route with the development set's questions in turn. Prints Markdown
tables that are also written to bench/results/<date>.md. `--only routing` times the routing
alone, in well under a minute. See bench/README.md for how to read the tables.

Only the standard library: this runs with the project's own virtualenv and adds no
dependencies (bench/routing.py runs in its own process with Django). wrk comes from Debian
and is installed with apt-get when missing.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
LUA_SCRIPT = BENCH_DIR / "latency.lua"
ROUTING_SCRIPT = BENCH_DIR / "routing.py"
DEVSET = ROOT / "data" / "wayin" / "devset.jsonl"
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"  # never anything else: this tool loads a server as hard as it can

# The targets from the quality-gates issue.
P95_TARGET_MS = 100.0
THROUGHPUT_TARGET = 0.30  # of /healthz's requests per second, measured in the same run
ROUTING_P95_TARGET_MS = 10.0  # per question, in-process, with the real catalogue (issue 4, point 6)
# Other processes using more than this share of the CPUs make a measurement unreliable.
DISTURBED = 0.20


@dataclass(frozen=True)
class Mode:
    key: str
    title: str
    bust: bool  # a new URL for every request, so that the page cache never answers


MODES = [
    Mode("cached", "Cached: the same URL every time, as for a popular page (the page cache answers)", bust=False),
    Mode(
        "uncached",
        "Uncached: a new URL every request, as for searches, rarely seen pages and the first view after a data "
        "change (the page is built every time)",
        bust=True,
    ),
]

HEALTHZ = ("Health check (baseline)", "/healthz")
PAGES: list[tuple[str, str]] = [
    ("Start page", "/"),
    ("Actor list, kind filter, page 3", "/aktorer/?kind=municipality&sida=3"),
    ("Actor list, free-text search", "/aktorer/?q=region"),
    ("Actor profile", "/aktorer/arbetsformedlingen/"),
    ("Responsibility matrix", "/vem-ansvarar-for-vad/"),
    ("API actor list", "/api/v1/actors?kind=agency"),
    ("API actor detail", "/api/v1/actors/arbetsformedlingen"),
]
# Measured with a generated wrk script that asks the development set's questions in turn (route_script()).
ROUTE_API = ("API route, dev-set questions in turn", "/api/v1/route?q=…")
ROUTE_PATH = "/api/v1/route"
PARTS = ("pages", "routing")

# Tables whose size the results record; the first four also get their multiple of the real catalogue,
# found through the synthetic actors' `bench-` slugs.
TABLES = [
    "actors_actor",
    "actors_responsibility",
    "actors_service",
    "actors_membership",
    "actors_responsibility_target_groups",
    "actors_service_target_groups",
    "actors_theme",
    "actors_targetgroup",
    "regions_county",
    "audit_auditentry",
]
REAL_ROWS_SQL = {
    "actors_actor": "SELECT count(*) FROM actors_actor WHERE slug NOT LIKE 'bench-%'",
    "actors_responsibility": "SELECT count(*) FROM actors_responsibility r JOIN actors_actor a ON a.id = r.actor_id "
    "WHERE a.slug NOT LIKE 'bench-%'",
    "actors_service": "SELECT count(*) FROM actors_service s JOIN actors_actor a ON a.id = s.actor_id "
    "WHERE a.slug NOT LIKE 'bench-%'",
    "actors_membership": "SELECT count(*) FROM actors_membership m JOIN actors_actor a ON a.id = m.network_id "
    "WHERE a.slug NOT LIKE 'bench-%'",
}


@dataclass
class Result:
    label: str
    path: str
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int
    alone_ms: float  # median time of one request with nothing else running: the server's cost of the page
    other_cpu: float  # share of all CPUs that processes other than gunicorn, wrk and this script used meanwhile
    ratio: float = 1.0

    @property
    def disturbed(self) -> bool:
        return self.other_cpu > DISTURBED

    def passed(self) -> bool:
        within_targets = self.p95_ms <= P95_TARGET_MS and self.ratio >= THROUGHPUT_TARGET
        return self.requests > 0 and self.errors == 0 and within_targets

    def verdict(self) -> str:
        if self.requests == 0:
            return "**FAIL** (no response within the run)"
        if self.errors:
            return f"**FAIL** ({self.errors} errors)"
        return "pass" if self.passed() else "**FAIL**"


@dataclass
class RoutingResult:
    """One catalogue's routing times, in-process (bench/routing.py); times per question in ms."""

    label: str
    targeted: bool  # the target is for the real catalogue; the scaled one is shown for how the cost grows
    actors: int
    documents: int
    build_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    first_p95_ms: float  # the warm-up pass: words this process has not seen before
    questions_per_s: float
    routes: int
    index_builds: int  # routers the process used: more than one means the index was rebuilt while measuring
    other_cpu: float

    @property
    def disturbed(self) -> bool:
        return self.other_cpu > DISTURBED

    def passed(self) -> bool:
        if self.routes == 0 or self.index_builds != 1:
            return False
        return not self.targeted or self.p95_ms <= ROUTING_P95_TARGET_MS

    def verdict(self) -> str:
        if self.index_builds != 1:
            return f"**FAIL** (index built {self.index_builds} times)"
        if not self.targeted:
            return "– (no target)"
        return "pass" if self.passed() else "**FAIL**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=PARTS, help="measure only the pages (with wrk) or only the routing")
    parser.add_argument("--scale", type=int, default=10, help="catalogue size as a multiple of the real one")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load before each page")
    parser.add_argument("--passes", type=int, default=5, help="measured routing passes over the development set")
    parser.add_argument(
        "--quiet-wait", type=int, default=60, help="seconds to wait at most for other processes to leave the CPU idle"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, logs)")
    args = parser.parse_args()
    if args.passes < 1:
        parser.error("--passes must be at least 1")
    pages = args.only in (None, "pages")
    routing = args.only in (None, "routing")

    started = time.monotonic()
    wrk = ensure_wrk() if pages else ""
    steps = Steps(total=1 + routing + 3 * pages + 1)
    workdir = Path(tempfile.mkdtemp(prefix="krokarm-bench-"))
    env = bench_environment(workdir)
    database = workdir / "bench.sqlite3"
    real_database = workdir / "real.sqlite3"
    server: subprocess.Popen[bytes] | None = None
    tables: dict[str, list[Result]] = {}
    routed: list[RoutingResult] = []
    route_api: list[Result] = []
    busy_before: float | None = None
    scaled = pages or args.scale > 1  # `--only routing --scale 1` skips the synthetic catalogue
    try:
        steps.next(f"Building the database in {workdir}")
        run_krokarm(["migrate", "--no-input", "-v", "0"], env, timeout=300)
        run_krokarm(["seed"], env, timeout=600)
        if routing:
            copy_database(database, real_database)  # the real catalogue, before bench_seed grows it
            print(f"  copied the real catalogue to {real_database.name}", flush=True)
        if scaled:
            run_krokarm(["bench_seed", "--scale", str(args.scale)], env, timeout=600)
        if pages:
            run_krokarm(["collectstatic", "--no-input", "-v", "0"], env, timeout=300)
        dataset = dataset_size(database)

        if routing:
            steps.next(f"Routing in-process: {args.passes} passes over {DEVSET.relative_to(ROOT)} per catalogue")
            busy_before = wait_for_quiet_cpu(timeout_s=args.quiet_wait)
            catalogues = [("Real catalogue (`krokarm seed`)", real_database, True)]
            if scaled and args.scale > 1:
                catalogues.append((f"{args.scale}× synthetic (`bench_seed --scale {args.scale}`)", database, False))
            for label, catalogue_db, targeted in catalogues:
                routed.append(measure_routing(label, catalogue_db, env, args.passes, targeted=targeted))

        if pages:
            steps.next("Starting gunicorn")
            port = free_port()
            base = f"http://{HOST}:{port}"
            server = start_gunicorn(env, port, workdir / "gunicorn.log")
            wait_until_healthy(server, base + HEALTHZ[1], workdir / "gunicorn.log", timeout_s=60)
            print(f"  serving {base}", flush=True)

            steps.next("Checking that every page answers 200, and timing it alone (cached, uncached)")
            busy = wait_for_quiet_cpu(timeout_s=args.quiet_wait)
            busy_before = busy if busy_before is None else busy_before
            alone: dict[tuple[str, bool], float] = {}
            for _label, path in [HEALTHZ, *PAGES]:
                size, alone[path, False] = time_alone(base + path, bust=False)
                _size, alone[path, True] = time_alone(base + path, bust=True)
                print(f"  {path}: 200, {size / 1024:.1f} KiB, alone {alone[path, False]:.1f} ms, "
                      f"uncached {alone[path, True]:.1f} ms", flush=True)  # fmt: skip
            route_paths = route_paths_of(DEVSET)
            warm_workers(base, route_paths, workdir / "gunicorn.log")  # each worker builds its own routing index
            size, alone[ROUTE_API[1], True] = time_alone(base + route_paths[0], bust=True)
            print(f"  {ROUTE_API[1]}: 200, {size / 1024:.1f} KiB, uncached {alone[ROUTE_API[1], True]:.1f} ms")

            steps.next(
                f"Measuring: {args.connections} connections, {args.warmup} s warm-up + {args.duration} s per page"
            )
            baseline = measure(wrk, HEALTHZ, base, args, alone[HEALTHZ[1], False], server.pid, bust=False)
            for mode in MODES:
                print(f"  {mode.key}:", flush=True)
                tables[mode.key] = [baseline]
                for page in PAGES:
                    result = measure(wrk, page, base, args, alone[page[1], mode.bust], server.pid, bust=mode.bust)
                    result.ratio = result.requests_per_s / baseline.requests_per_s if baseline.requests_per_s else 0.0
                    tables[mode.key].append(result)
            print("  routing:", flush=True)
            script = route_script(workdir, route_paths)
            route_page = (ROUTE_API[0], ROUTE_PATH)  # wrk's URL; the script asks the questions
            result = measure(
                wrk, route_page, base, args, alone[ROUTE_API[1], True], server.pid, bust=True, script=script
            )
            result.path = ROUTE_API[1]
            result.ratio = result.requests_per_s / baseline.requests_per_s if baseline.requests_per_s else 0.0
            route_api = [baseline, result]
    except subprocess.CalledProcessError as exc:
        print(f"\nbench: `{' '.join(map(str, exc.cmd))}` failed with exit status {exc.returncode}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            stop(server)
        if args.keep:
            print(f"  kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    steps.next("Results")
    report = render_report(
        tables, routed, route_api, dataset, args, time.monotonic() - started, busy_before or 0.0, scaled=scaled
    )
    print(report)
    RESULTS_DIR.mkdir(exist_ok=True)
    # A partial run does not overwrite the day's full report.
    suffix = f"-{args.only}" if args.only else ""
    results_file = RESULTS_DIR / f"{dt.date.today().isoformat()}{suffix}.md"
    results_file.write_text(report, encoding="utf-8")
    print(f"Written to {results_file.relative_to(ROOT)}")
    measured: list[Result | RoutingResult] = [*(r for rows in tables.values() for r in rows), *route_api, *routed]
    return 0 if all(r.passed() for r in measured) else 1


# -- setting up ---------------------------------------------------------------------------------


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


class Steps:
    """Numbered progress headings: `== 2/6 Starting gunicorn`."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def next(self, text: str) -> None:
        self.done += 1
        step(f"{self.done}/{self.total} {text}")


def run_krokarm(command: list[str], env: dict[str, str], *, timeout: float) -> None:
    print(f"  $ krokarm {' '.join(command)}", flush=True)
    subprocess.run([str(BIN / "krokarm"), *command], env=env, cwd=ROOT, check=True, timeout=timeout)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite database (also of what is still in its WAL file)."""
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def ensure_wrk() -> str:
    """wrk's path, installing Debian's package first if it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    step("Installing wrk (apt-get install -y wrk)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, timeout=600).returncode != 0:
        # A fresh container has no package lists yet.
        subprocess.run(["apt-get", "update", "-q"], env=env, timeout=600, check=True)
        subprocess.run(install, env=env, timeout=600, check=True)
    found = shutil.which("wrk")
    if not found:
        sys.exit("bench: wrk is not installed and apt-get could not install it (try: sudo apt-get install wrk)")
    return found


def bench_environment(workdir: Path) -> dict[str, str]:
    """Production settings (see docs/operations.md) against the throw-away database."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "KROKARM_VAR_DIR": str(workdir),
        "DEBUG": "0",
        "HTTPS": "0",  # nothing terminates TLS on loopback; with HTTPS=1 every page would be a redirect
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "LOG_LEVEL": "WARNING",
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"), "krokarm.wsgi", "--workers", "2", "--bind", f"{HOST}:{port}",
        "--error-logfile", str(log),
    ]  # fmt: skip
    print(f"  $ {' '.join(command[:6])}", flush=True)
    # krokarm logs to stderr (an error's traceback too): into the same file, so that tail(log) shows it.
    with log.open("ab") as output:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


def wait_until_healthy(server: subprocess.Popen[bytes], url: str, log: Path, *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench: gunicorn exited with status {server.returncode}:\n{tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    sys.exit(f"bench: {url} did not answer 200 within {timeout_s:.0f} s:\n{tail(log)}")


def time_alone(url: str, *, bust: bool, times: int = 5) -> tuple[int, float]:
    """(body size, median ms) of `times` GETs one after another, after checking for a 200 that is no redirect.

    With `bust`, each request has its own `_bench=` parameter (as latency.lua adds), so none is cached.
    """
    durations = []
    size = 0
    page = url
    for n in range(times + 1):  # the first request only warms up
        if bust:
            url = f"{page}{'&' if '?' in page else '?'}_bench=alone{n}"
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                size = len(response.read())
                if response.status != 200 or response.geturl() != url:
                    sys.exit(f"bench: {url} answered {response.status} (ended at {response.geturl()})")
        except urllib.error.HTTPError as exc:
            sys.exit(f"bench: {url} answered {exc.code}")
        durations.append((time.perf_counter() - began) * 1000)
    return size, statistics.median(durations[1:])


def cpu_busy(seconds: float = 2.0) -> float:
    """The share of all CPUs that was busy over `seconds`, from /proc/stat (0.0 where it cannot be read)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return idle, sum(fields)

    try:
        idle_a, total_a = sample()
        time.sleep(seconds)
        idle_b, total_b = sample()
    except (OSError, ValueError, IndexError):
        return 0.0
    return 1 - (idle_b - idle_a) / max(total_b - total_a, 1)


def wait_for_quiet_cpu(*, timeout_s: float, threshold: float = DISTURBED) -> float:
    """Wait (at most `timeout_s`) until the CPUs are mostly idle; returns the last busy share.

    gunicorn is idle here, so anything busy is another process (a test suite, a browser):
    it would take CPU from the server and make every page look slower than it is.
    """
    deadline = time.monotonic() + timeout_s
    busy = cpu_busy()
    while busy > threshold and time.monotonic() < deadline:
        print(f"  other processes keep {busy:.0%} of the CPUs busy; waiting for them …", flush=True)
        busy = cpu_busy(5.0)
    if busy > threshold:
        print(f"  warning: measuring anyway with {busy:.0%} of the CPUs busy elsewhere; results will be slower")
    return busy


def wait_until_idle(base: str, *, timeout_s: float = 120) -> None:
    """Wait until gunicorn has worked through the requests wrk left queued when it stopped.

    Sync workers still answer requests whose client has gone, so a slow page can leave
    seconds of work behind that would otherwise be counted against the next page.
    /healthz queues behind them: when it answers quickly twice in a row, the server is idle.
    """
    deadline = time.monotonic() + timeout_s
    quick = 0
    while time.monotonic() < deadline and quick < 2:
        began = time.perf_counter()
        with contextlib.suppress(OSError), urllib.request.urlopen(base + HEALTHZ[1], timeout=timeout_s):
            pass
        quick = quick + 1 if time.perf_counter() - began < 0.05 else 0
    if quick < 2:
        print(f"  warning: the server was still busy after {timeout_s:.0f} s", flush=True)


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets gunicorn's master stop its workers; SIGKILL only if it does not within 10 s."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    print("  gunicorn stopped", flush=True)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# -- measuring ----------------------------------------------------------------------------------


def run_wrk(
    wrk: str, url: str, connections: int, seconds: int, *, bust: bool, script: Path = LUA_SCRIPT
) -> dict[str, Any]:
    # One wrk thread: 16 connections are easy for it, and it leaves the second core to gunicorn.
    command = [
        wrk, "--threads", "1", "--connections", str(connections), "--duration", f"{seconds}s",
        "--timeout", "10s", "--script", str(script), url, "--", "bust" if bust else "same",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            parsed: dict[str, Any] = json.loads(line.removeprefix("BENCH_JSON "))
            return parsed
    raise RuntimeError(f"wrk printed no result for {url}:\n{done.stdout}\n{done.stderr}")


def measure(
    wrk: str,
    page: tuple[str, str],
    base: str,
    args: argparse.Namespace,
    alone_ms: float,
    server_pid: int,
    *,
    bust: bool,
    script: Path = LUA_SCRIPT,
) -> Result:
    label, path = page
    print(f"    {path} …", end="", flush=True)
    if args.warmup > 0:
        run_wrk(wrk, base + path, args.connections, args.warmup, bust=bust, script=script)
        wait_until_idle(base)
    before = cpu_ticks(server_pid)
    raw = run_wrk(wrk, base + path, args.connections, args.duration, bust=bust, script=script)
    after = cpu_ticks(server_pid)
    wait_until_idle(base)
    errors = raw["errors"]
    result = Result(
        label=label,
        path=path,
        requests_per_s=float(raw["requests"]) / (float(raw["duration_us"]) / 1e6),
        p50_ms=float(raw["p50_us"]) / 1000,
        p95_ms=float(raw["p95_us"]) / 1000,
        p99_ms=float(raw["p99_us"]) / 1000,
        requests=int(raw["requests"]),
        alone_ms=alone_ms,
        other_cpu=other_share(before, after),
        # Closed connections are how gunicorn's sync workers end every response; they are not failures.
        errors=int(errors["status"]) + int(errors["timeout"]) + int(errors["connect"]),
    )
    note = f", {result.errors} errors {errors}" if result.errors or not result.requests else ""
    if result.disturbed:
        note += f" (other processes used {result.other_cpu:.0%} of the CPUs meanwhile)"
    print(f" {result.requests_per_s:.0f} req/s, p95 {result.p95_ms:.1f} ms{note}", flush=True)
    return result


def measure_routing(label: str, database: Path, env: dict[str, str], passes: int, *, targeted: bool) -> RoutingResult:
    """Route the development set in a fresh process (bench/routing.py) against `database`."""
    print(f"  {label} …", end="", flush=True)
    command = [str(BIN / "python"), str(ROUTING_SCRIPT), "--questions", str(DEVSET), "--passes", str(passes)]
    before = cpu_ticks(-1)  # no server runs: everything but this script and its children is "other"
    done = subprocess.run(
        command, env={**env, "DATABASE_URL": f"sqlite:///{database}"}, cwd=ROOT, capture_output=True, text=True,
        timeout=1800,
    )  # fmt: skip
    after = cpu_ticks(-1)
    if done.returncode != 0:
        print(f"\n{done.stdout}{done.stderr}", file=sys.stderr)
        raise subprocess.CalledProcessError(done.returncode, command)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_ROUTING ")), None)
    if line is None:
        raise RuntimeError(f"bench/routing.py printed no result:\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.removeprefix("BENCH_ROUTING "))
    result = RoutingResult(
        label=label,
        targeted=targeted,
        actors=int(raw["actors"]),
        documents=int(raw["documents"]),
        build_s=float(raw["build_s"]),
        p50_ms=float(raw["p50_ms"]),
        p95_ms=float(raw["p95_ms"]),
        p99_ms=float(raw["p99_ms"]),
        max_ms=float(raw["max_ms"]),
        first_p95_ms=float(raw["first_pass"]["p95_ms"]),
        questions_per_s=float(raw["questions_per_s"]),
        routes=int(raw["routes"]),
        index_builds=int(raw["index_builds"]),
        other_cpu=other_share(before, after),
    )
    note = f" (other processes used {result.other_cpu:.0%} of the CPUs meanwhile)" if result.disturbed else ""
    print(
        f" index built in {result.build_s:.2f} s; p50 {result.p50_ms:.2f} ms, p95 {result.p95_ms:.2f} ms, "
        f"p99 {result.p99_ms:.2f} ms, {result.questions_per_s:.0f} questions/s{note}",
        flush=True,
    )
    return result


def route_paths_of(devset: Path) -> list[str]:
    """/api/v1/route?q=… for every question of the development set, with its region and asker."""
    paths = []
    for line in devset.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            query = {"q": row["q"], "region": row.get("region"), "asker": row.get("asker")}
            params = urllib.parse.urlencode({k: v for k, v in query.items() if v}, quote_via=urllib.parse.quote)
            paths.append(f"{ROUTE_PATH}?{params}")
    return paths


def warm_workers(base: str, paths: list[str], log: Path, requests: int = 4, attempts: int = 3) -> None:
    """Ask `requests` questions at once, so that every gunicorn worker builds its routing index now.

    A sync worker that is building takes no other request, so the others go to the idle worker.
    A build that outlasts gunicorn's worker timeout (30 s: at 10× data on a busy machine) ends in a
    500 and a new worker; the question is then asked again, `attempts` times at most.
    """

    def fetch(path: str) -> None:
        url = f"{base}{path}&_bench=warm"
        for attempt in range(1, attempts + 1):
            try:
                with urllib.request.urlopen(url, timeout=300) as response:
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                if exc.code < 500 or attempt == attempts:
                    sys.exit(f"bench: {url} answered {exc.code}:\n{tail(log)}")
                print(f"  warning: {ROUTE_PATH} answered {exc.code} while building the index; asking again", flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=requests) as pool:
        list(pool.map(fetch, paths[:requests]))


def route_script(workdir: Path, paths: list[str]) -> Path:
    """A wrk script that asks the development set's questions in turn, each URL new (see latency.lua)."""
    script = workdir / "route.lua"
    quoted = "\n".join(f'  "{path}",' for path in paths)  # urlencode leaves no quote or backslash
    script.write_text(
        "-- Generated by bench/run.py: /api/v1/route with the development set's questions in turn, each with\n"
        "-- its own _bench=<n> so that the page cache never answers. done() comes from latency.lua.\n"
        f"dofile({json.dumps(str(LUA_SCRIPT), ensure_ascii=False)})\n"
        f"local paths = {{\n{quoted}\n}}\n"
        "local counter = 0\n"
        "init = function(args) end\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format(nil, paths[(counter - 1) % #paths + 1] .. "&_bench=" .. counter)\n'
        "end\n",
        encoding="utf-8",
    )
    return script


def cpu_ticks(server_pid: int) -> tuple[int, int, int]:
    """(busy, total) clock ticks of all CPUs, and the ticks used by us: gunicorn, wrk and this script.

    wrk and the setup commands are finished children, so os.times() counts them; gunicorn's
    workers are its master's children, read from /proc. On a machine without /proc this
    returns zeros and the "other CPU" column reads 0 %.
    """
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    except (OSError, ValueError, IndexError):
        return 0, 0, 0
    tick = os.sysconf("SC_CLK_TCK")
    mine = os.times()
    ours = round((mine.user + mine.system + mine.children_user + mine.children_system) * tick)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # Fields after the command name, which is in parentheses and may hold spaces.
            rest = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        pid, ppid = int(stat.parent.name), int(rest[1])
        if server_pid in (pid, ppid):
            ours += int(rest[11]) + int(rest[12])  # utime + stime
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    return busy, sum(fields), ours


def other_share(before: tuple[int, int, int], after: tuple[int, int, int]) -> float:
    busy, total, ours = (b - a for a, b in zip(before, after, strict=True))
    return max(0.0, (busy - ours) / total) if total > 0 else 0.0


# -- reporting ----------------------------------------------------------------------------------


def dataset_size(database: Path) -> list[tuple[str, int, int | None]]:
    """(table, rows, real rows or None) for the tables the benchmark reads."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        sizes = []
        for table in TABLES:
            rows = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # table names are constants above
            real = db.execute(REAL_ROWS_SQL[table]).fetchone()[0] if table in REAL_ROWS_SQL else None
            sizes.append((table, int(rows), None if real is None else int(real)))
    return sizes


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    versions = ", ".join(f"{name} {_version(name)}" for name in ("Django", "gunicorn"))
    return {
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU": cpu,
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "Software": f"Python {platform.python_version()}, {versions}, SQLite {sqlite3.sqlite_version}",
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def results_table(results: list[Result]) -> list[str]:
    lines = [
        "| Page | URL | req/s | p50 (ms) | p95 (ms) | p99 (ms) | vs /healthz | Result | alone (ms) | other CPU |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for r in results:
        mark = " †" if r.disturbed else ""
        lines.append(
            f"| {r.label}{mark} | `{r.path}` | {r.requests_per_s:.0f} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
            f"{r.p99_ms:.1f} | {r.ratio:.0%} | {r.verdict()} | {r.alone_ms:.1f} | {r.other_cpu:.0%} |"
        )
    return lines


def routing_table(results: list[RoutingResult]) -> list[str]:
    lines = [
        "| Catalogue | actors | documents | index build (s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | questions/s "
        "| first pass p95 (ms) | Result | other CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in results:
        mark = " †" if r.disturbed else ""
        lines.append(
            f"| {r.label}{mark} | {r.actors} | {r.documents} | {r.build_s:.2f} | {r.p50_ms:.2f} | {r.p95_ms:.2f} | "
            f"{r.p99_ms:.2f} | {r.max_ms:.2f} | {r.questions_per_s:.0f} | {r.first_p95_ms:.2f} | {r.verdict()} | "
            f"{r.other_cpu:.0%} |"
        )
    return lines


def render_report(
    tables: dict[str, list[Result]],
    routed: list[RoutingResult],
    route_api: list[Result],
    dataset: list[tuple[str, int, int | None]],
    args: argparse.Namespace,
    seconds: float,
    busy_before: float,
    *,
    scaled: bool,
) -> str:
    now = dt.datetime.now().astimezone()
    command = "`make bench` (`.venv/bin/python bench/run.py`)"
    if sys.argv[1:]:
        command = f"`.venv/bin/python bench/run.py {' '.join(sys.argv[1:])}`"
    lines = [f"# krokarm benchmark, {now:%Y-%m-%d %H:%M %Z}", ""]
    if tables:
        lines += [
            f"Command: {command}. "
            f"gunicorn, 2 sync workers, SQLite, DEBUG=0; wrk, {args.connections} connections, "
            f"{args.warmup} s warm-up + {args.duration} s per page, on the same machine. "
            f"Total run time {seconds:.0f} s.",
            "",
            f"Targets: p95 ≤ {P95_TARGET_MS:.0f} ms at {args.connections} connections, and at least "
            f"{THROUGHPUT_TARGET:.0%} of /healthz's requests per second. *alone*: median time of one request with "
            "nothing else running. *other CPU*: share of the CPUs other processes used during the measurement.",
        ]
        for mode in MODES:
            lines += ["", f"## {mode.title}", ""]
            lines += results_table(tables[mode.key])
    else:
        lines.append(f"Command: {command}. Total run time {seconds:.0f} s.")
    if routed:
        questions = routed[0].routes // args.passes
        lines += [
            "",
            "## Routing (the way in), in-process",
            "",
            f"`get_router().route(q, county_code=region, asker=asker)` for each of the {questions} questions of "
            f"`{DEVSET.relative_to(ROOT)}`, in a fresh process per catalogue (`bench/routing.py`): the first "
            "`get_router()` builds the index (*index build*: the database read and the index, paid once per "
            "process and again after each change to the catalogue), one unmeasured pass warms the per-word "
            f"caches (*first pass p95*: words the process had not seen), then {args.passes} measured passes "
            f"({routed[0].routes} questions), each question timed alone and as a new one (the memory of whole "
            "texts is emptied before each). Target: p95 ≤ "
            f"{ROUTING_P95_TARGET_MS:.0f} ms per question with the real catalogue. The synthetic catalogue copies "
            "every actor, so it holds each actor's own duties many times over, which real growth would not: it "
            "shows how the cost grows with the index and has no target.",
            "",
        ]
        lines += routing_table(routed)
    if route_api:
        lines += [
            "",
            "## Routing through gunicorn (uncached)",
            "",
            f"`GET /api/v1/route?q=…&region=…&asker=…` with the development set's questions in turn, each URL new "
            f"(so the page cache never answers), against the {args.scale}× catalogue, with wrk as above; same "
            "targets as the pages.",
            "",
        ]
        lines += results_table(route_api)
    measured: list[Result | RoutingResult] = [*(r for rows in tables.values() for r in rows), *route_api, *routed]
    if any(r.disturbed for r in measured):
        lines += [
            "",
            f"† Other processes used more than {DISTURBED:.0%} of the CPUs while this row was measured: "
            "its figures are too pessimistic. Run again on a quiet machine.",
        ]
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine().items()]
    lines.append(f"- CPU busy with other processes just before measuring: {busy_before:.0%}")
    seeded = f"`krokarm seed` + `krokarm bench_seed --scale {args.scale}`" if scaled else "`krokarm seed`"
    lines += ["", f"## Dataset ({seeded})", ""]
    lines += ["| Table | Rows | × real |", "| --- | ---: | ---: |"]
    for table, rows, real in dataset:
        multiple = f"{rows / real:.1f}" if real else ""
        lines.append(f"| {table} | {rows} | {multiple} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
