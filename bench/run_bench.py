"""`make bench`: Quartier's throughput next to a minimal Django app, in one run.

1. A fresh SQLite database var/bench.sqlite3 with `seed_demo` + `seed_bench`.
2. SQL queries per page (bench/query_counts.py, Django's test client).
3. Quartier and bench/minimal_app.py, each served by gunicorn (2 workers, DEBUG
   off) on its own loopback port.
4. wrk against each page, alternating Quartier and the minimal app, round after
   round, so that both see the same machine load; the ratio of the two is the
   figure that counts (absolute requests/s swing with the machine).
5. The table is printed and written into docs/benchmarks.md between the markers.

Environment: BENCH_DURATION (seconds per wrk run, default 4), BENCH_ROUNDS
(default 2), BENCH_CONNECTIONS (default 8), BENCH_SKIP_SEED=1 reuses the database,
BENCH_DATABASE_FILE another SQLite file (default var/bench.sqlite3),
BENCH_PAGES_MATCHING=<regex> measures only the pages whose label or path matches
(and leaves docs/benchmarks.md alone).

Every page is measured for guests (page cache on and off) and signed in without the
cache (issue 19): Musterstadt, Kleinstadt (about 100 rows of each kind) and, for the
contribution list and the register, page 500 — see `signed_in_table`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DB = Path(os.environ.get("BENCH_DATABASE_FILE", REPO / "var" / "bench.sqlite3"))
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

DURATION = int(os.environ.get("BENCH_DURATION", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WARMUP = 2
TARGET_RATIO = 0.5
# Issue 19: signed in and uncached, every page at >= 20 % of the minimal view (API
# lists 30 %), within 1.5x of Kleinstadt and of page 1, p99 under 10x p50.
SIGNED_IN_TARGET, API_TARGET, FLAT_TARGET, TAIL_TARGET = 0.2, 0.3, 1.5, 10.0
MATCHING = os.environ.get("BENCH_PAGES_MATCHING", "")

ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
    "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef",
    "SECURE_SSL_REDIRECT": "off",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": f"sqlite:///{DB}",
    "LOG_LEVEL": "ERROR",
}
# BENCH_DATABASE=postgres: the database of DATABASE_URL instead (a throw-away server:
# `BENCH_DATABASE=postgres scripts/with_postgres.sh .venv/bin/python bench/run_bench.py`),
# seeded afresh every run. BENCH_SEED_ARGS passes sizes to seed_bench (smoke runs).
POSTGRES = os.environ.get("BENCH_DATABASE", "sqlite") == "postgres"
if POSTGRES:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "BENCH_DATABASE=postgres needs DATABASE_URL (scripts/with_postgres.sh)"
        )
    ENV["DATABASE_URL"] = os.environ["DATABASE_URL"]
ENGINE = "PostgreSQL" if POSTGRES else "SQLite"
SEED_ARGS = os.environ.get("BENCH_SEED_ARGS", "").split()


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass
class Page:
    label: str
    path: str
    status: int
    queries: int
    small_path: str
    small_status: int
    small_queries: int
    cookie: str = ""
    signed_in_cookie: str = ""
    signed_in_queries: int = 0
    klein_path: str = ""
    klein_cookie: str = ""
    klein_status: int = 0
    klein_queries: int = 0
    deep_path: str = ""
    deep_queries: int = 0
    target: list[Run] = field(default_factory=list)
    reference: list[Run] = field(default_factory=list)
    uncached: list[Run] = field(default_factory=list)
    # Uncached and signed in (the page's own login, else a resident): Musterstadt,
    # Kleinstadt, and page 500 where the list has one.
    signed_in: list[Run] = field(default_factory=list)
    kleinstadt: list[Run] = field(default_factory=list)
    deep: list[Run] = field(default_factory=list)

    def mean(self, runs: list[Run], attr: str) -> float:
        return statistics.fmean(getattr(run, attr) for run in runs) if runs else 0.0

    @staticmethod
    def per_round(top: list[Run], bottom: list[Run]) -> float:
        """Mean of the per-round ratios of requests/s: each pair ran back to back."""
        if not top or not bottom:
            return float("nan")
        return statistics.fmean(
            t.rps / b.rps if b.rps else float("nan")
            for t, b in zip(top, bottom, strict=True)
        )

    @property
    def ratio(self) -> float:
        return self.per_round(self.target, self.reference)

    @property
    def uncached_ratio(self) -> float:
        return self.per_round(self.uncached, self.reference)

    @property
    def signed_in_ratio(self) -> float:
        return self.per_round(self.signed_in, self.reference)

    @property
    def has_kleinstadt(self) -> bool:
        """Kleinstadt's twin exists: another path that answers like Musterstadt's."""
        return (
            bool(self.klein_path)
            and self.klein_path != self.path
            and self.klein_status == self.status
        )

    @property
    def size_ratio(self) -> float:
        """Time of a Musterstadt request over Kleinstadt's (requests/s inverted)."""
        return self.per_round(self.kleinstadt, self.signed_in)

    @property
    def deep_ratio(self) -> float:
        """Time of page 500 over page 1."""
        return self.per_round(self.signed_in, self.deep)

    @property
    def tail(self) -> float:
        """p99 / p50 of the signed-in runs."""
        p50 = self.mean(self.signed_in, "p50_ms")
        return self.mean(self.signed_in, "p99_ms") / p50 if p50 else float("nan")

    @property
    def is_api(self) -> bool:
        return "/api/" in self.path or self.label.lower().startswith("api")

    @property
    def target_ratio(self) -> float:
        return API_TARGET if self.is_api else SIGNED_IN_TARGET


def say(text: str) -> None:
    print(text, flush=True)


def manage(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(BIN / "quartier"), *args],
        cwd=REPO,
        env=env or ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"quartier {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database() -> None:
    if not POSTGRES:
        DB.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo")
    say(manage("seed_bench", *SEED_ARGS).strip())
    where = "PostgreSQL (DATABASE_URL)" if POSTGRES else DB
    say(f"Database ready in {time.monotonic() - started:.0f} s: {where}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(
    app: str, port: int, extra: list[str], env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            *extra,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env={**ENV, **(env or {})},
        start_new_session=True,
    )


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server for {url} ended with exit code {server.returncode}.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"No answer from {url} within 60 s.")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def wrk(url: str, seconds: int, cookie: str = "") -> Run:
    result = subprocess.run(
        [
            "wrk",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses:\s+(\d+)",
        r"Socket errors:.*?timeout (\d+)",
    ):
        match = re.search(pattern, out)
        if match:
            errors += int(match.group(1))
    return Run(rps, p50, p99, errors)


def measure(page: Page, quartier: str, uncached: str, minimal: str) -> None:
    """Round after round, back to back: the guest's cached page, the minimal view,
    the guest's uncached page, then signed in (uncached): Musterstadt, Kleinstadt
    and page 500. A page that needs a login is the same for guests and signed-in
    people, so it runs once for those columns."""
    own_login = bool(page.cookie)
    signed_in = page.signed_in_cookie or page.cookie
    wrk(quartier + page.path, WARMUP, page.cookie)
    wrk(minimal, WARMUP)
    if not own_login:
        wrk(uncached + page.path, WARMUP)
        wrk(uncached + page.path, WARMUP, signed_in)
    for _round in range(ROUNDS):
        target = wrk(quartier + page.path, DURATION, page.cookie)
        page.target.append(target)
        page.reference.append(wrk(minimal, DURATION))
        if own_login:
            page.uncached.append(target)
            page.signed_in.append(target)
        else:
            page.uncached.append(wrk(uncached + page.path, DURATION))
            page.signed_in.append(wrk(uncached + page.path, DURATION, signed_in))
        if page.has_kleinstadt:
            page.kleinstadt.append(
                wrk(uncached + page.klein_path, DURATION, page.klein_cookie)
            )
        if page.deep_path:
            page.deep.append(wrk(uncached + page.deep_path, DURATION, signed_in))


FLOOR_DB = DB.parent / "bench-floor.sqlite3"


def prepare_floor() -> str:
    """A fresh database for bench/signed_in_floor_app.py and its session cookie."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{FLOOR_DB}{suffix}").unlink(missing_ok=True)
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / "signed_in_floor_app.py"), "prepare"],
        cwd=REPO,
        env={**ENV, "BENCH_FLOOR_DATABASE": str(FLOOR_DB)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def measure_floor(floor: str, cookie: str, minimal: str) -> tuple[list[Run], list[Run]]:
    """Bare Django signed in (bench/signed_in_floor_app.py) and the minimal view,
    back to back, round after round."""
    wrk(floor, WARMUP, cookie)
    wrk(minimal, WARMUP)
    runs: list[Run] = []
    reference: list[Run] = []
    for _round in range(ROUNDS):
        runs.append(wrk(floor, DURATION, cookie))
        reference.append(wrk(minimal, DURATION))
    return runs, reference


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        if match:
            cpu = match.group(1).strip()
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if match:
            memory = f", {int(match.group(1)) / 1024 / 1024:.0f} GiB RAM"
    system = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'PRETTY_NAME="(.+)"', os_release.read_text())
        if match:
            system = match.group(1)
    import django
    import gunicorn

    wrk_version = (
        subprocess.run(
            ["wrk", "--version"], capture_output=True, text=True, check=False
        )
        .stdout.split("[")[0]
        .strip()
        or "wrk"
    )
    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory}; {system}; Python "
        f"{platform.python_version()}, Django {django.__version__}, gunicorn "
        f"{gunicorn.__version__}, "
        + (ENGINE if POSTGRES else f"SQLite {sqlite3.sqlite_version}")
        + f"; {wrk_version}"
    )


def table(pages: list[Page], reference_label: str) -> list[str]:
    lines = [
        "| page | status | queries (Musterstadt / Beispielheim) | requests/s "
        "| p50 ms | p99 ms | minimal app requests/s | ratio | ≥ 50 % "
        "| without page cache: requests/s | p50 ms | ratio |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for page in pages:
        errors = sum(run.errors for run in page.target)
        status = str(page.status) + (f", {errors} errors" if errors else "")
        lines.append(
            f"| {page.label} `{page.path}` | {status} "
            f"| {page.queries} / {page.small_queries} "
            f"| {page.mean(page.target, 'rps'):.0f} "
            f"| {page.mean(page.target, 'p50_ms'):.1f} "
            f"| {page.mean(page.target, 'p99_ms'):.1f} "
            f"| {page.mean(page.reference, 'rps'):.0f} "
            f"| {page.ratio:.0%} | {'yes' if page.ratio >= TARGET_RATIO else '**no**'} "
            f"| {page.mean(page.uncached, 'rps'):.0f} "
            f"| {page.mean(page.uncached, 'p50_ms'):.1f} "
            f"| {page.uncached_ratio:.0%} |"
        )
    return lines


def _pct(value: float) -> str:
    return "–" if value != value else f"{value:.0%}"  # NaN: not measured


def _times(value: float) -> str:
    return "–" if value != value else f"{value:.2f}×"


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def signed_in_table(pages: list[Page], floor: float = float("nan")) -> list[str]:
    """Issue 19's figures: each page uncached and signed in, as a ratio to the
    minimal view in the same round; that ratio over the bare-Django floor's
    (`floor`, bench/signed_in_floor_app.py); Musterstadt's time over Kleinstadt's;
    page 500's time over page 1's; p99 over p50; and whether each meets its target."""
    lines = [
        "| page | queries signed in (Musterstadt / Kleinstadt / page 500) | "
        "signed in: "
        "requests/s | p50 ms | ratio | target | of the Django floor "
        "| Musterstadt / Kleinstadt time "
        "| page 500 / page 1 time | p99 / p50 | at target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in pages:
        ratio = page.signed_in_ratio
        size = page.size_ratio if page.has_kleinstadt else float("nan")
        deep = page.deep_ratio if page.deep_path else float("nan")
        tail = page.tail
        failing = []
        if not ratio >= page.target_ratio:
            failing.append("ratio")
        if size == size and size > FLAT_TARGET:
            failing.append("size")
        if deep == deep and deep > FLAT_TARGET:
            failing.append("depth")
        if not tail < TAIL_TARGET:
            failing.append("p99")
        errors = sum(run.errors for run in page.signed_in + page.kleinstadt)
        queries = (
            f"{page.signed_in_queries} / "
            + (str(page.klein_queries) if page.has_kleinstadt else "–")
            + (f" / {page.deep_queries}" if page.deep_path else "")
        )
        lines.append(
            f"| {page.label} `{page.path}`{f' ({errors} errors)' if errors else ''} "
            f"| {queries} "
            f"| {page.mean(page.signed_in, 'rps'):.0f} "
            f"| {page.mean(page.signed_in, 'p50_ms'):.1f} "
            f"| {_pct(ratio)} | {page.target_ratio:.0%} "
            f"| {_pct(ratio / floor if floor else float('nan'))} "
            f"| {_times(size)} | {_times(deep)} | {_times(tail)} "
            f"| {_mark(not failing)}"
            + (f" ({', '.join(failing)})" if failing else "")
            + " |"
        )
    return lines


def write_doc(result: list[str]) -> None:
    block = "\n".join([START, *result, END])
    if DOC.exists() and START in (text := DOC.read_text()) and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        DOC.write_text(before + block + after)
        return
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(f"# Benchmarks\n\nWritten by `make bench`.\n\n{block}\n")


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    started = time.monotonic()
    # German, as people see it: a fresh clone has no compiled catalogues.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from quartier.core.catalogues import compile_stale as c; c()",
        ],
        cwd=REPO,
        check=True,
    )
    if POSTGRES or os.environ.get("BENCH_SKIP_SEED") != "1" or not DB.exists():
        prepare_database()
    manage("collectstatic", "--noinput", "-v", "0")

    counted = json.loads(
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "query_counts.py")],
            cwd=REPO,
            env={
                **ENV,
                "ALLOWED_HOSTS": "127.0.0.1,testserver",
                "ANON_CACHE_SECONDS": "0",
            },
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    pages = [Page(**entry) for entry in counted["pages"]]
    floor_cookie = prepare_floor()

    quartier_port, minimal_port, uncached_port = free_port(), free_port(), free_port()
    floor_port = free_port()
    servers = [
        serve("quartier.wsgi:application", quartier_port, []),
        serve("minimal_app:application", minimal_port, ["--pythonpath", "bench"]),
        # The same Quartier without the guests' page cache: what signed-in people
        # and the first guest after a change get.
        serve(
            "quartier.wsgi:application", uncached_port, [], {"ANON_CACHE_SECONDS": "0"}
        ),
        # Bare Django signed in: the floor of any signed-in page on this stack.
        serve(
            "signed_in_floor_app:application",
            floor_port,
            ["--pythonpath", "bench"],
            {"BENCH_FLOOR_DATABASE": str(FLOOR_DB)},
        ),
    ]
    floor = Page("Bare Django, signed in (floor)", "/", 200, 3, "", 0, 0)
    try:
        quartier = f"http://127.0.0.1:{quartier_port}"
        minimal = f"http://127.0.0.1:{minimal_port}/"
        wait_until_up(f"{quartier}/healthz", servers[0])
        wait_until_up(minimal, servers[1])
        uncached = f"http://127.0.0.1:{uncached_port}"
        wait_until_up(f"{uncached}/healthz", servers[2])
        floor_url = f"http://127.0.0.1:{floor_port}/"
        wait_until_up(floor_url, servers[3])
        floor.signed_in, floor.reference = measure_floor(
            floor_url, floor_cookie, minimal
        )
        say(
            f"  {floor.label:<24} {floor.mean(floor.signed_in, 'rps'):7.0f} req/s "
            f"vs {floor.mean(floor.reference, 'rps'):7.0f}  → {floor.signed_in_ratio:4.0%}"
        )
        say(
            f"Measuring {len(pages)} pages, {ROUNDS} × {DURATION} s each against "
            f"Quartier and the minimal app (wrk -t2 -c{CONNECTIONS})"
        )
        for page in pages:
            measure(page, quartier, uncached, minimal)
            say(
                f"  {page.label:<24} {page.mean(page.target, 'rps'):7.0f} req/s "
                f"vs {page.mean(page.reference, 'rps'):7.0f}  → {page.ratio:4.0%}; "
                f"signed in {page.signed_in_ratio:4.0%}"
                f"  ({page.queries} queries, HTTP {page.status})"
            )
    finally:
        for server in servers:
            stop(server)

    # Memory of the HSDS import (issue 11): 10 MB files, each in a fresh process.
    hsds_import: list[str] = []
    if not MATCHING:
        say("Measuring the HSDS import (bench/hsds_import.py)")
        hsds_import = (
            subprocess.run(
                [sys.executable, str(REPO / "bench" / "hsds_import.py")],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[:-1]
        )
        say("\n".join(hsds_import))

    when = dt.datetime.now(dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    result = [
        f"Run of {when} on {machine()}.",
        "",
        f"gunicorn with 2 sync workers each, DEBUG off, {ENGINE}; wrk -t2 "
        f"-c{CONNECTIONS}, {ROUNDS} rounds of {DURATION} s per page, Quartier and "
        "the minimal app alternating. Ratio = Quartier's requests/s divided by the "
        "minimal app's in the same round (mean over the rounds). Queries counted "
        "with Django's test client as an anonymous visitor. Guests' pages are "
        "cached for ANON_CACHE_SECONDS (30 s, quartier/core/pagecache.py); the "
        "last three columns are the same pages with that cache off, as signed-in "
        "people and the first guest after a change get them.",
        "",
        *table(pages, "minimal app"),
        "",
        "**Signed in and uncached** (issue 19): the same pages with the page cache "
        "off and a session cookie — the page's own login where the label says so, "
        "else the demo's resident `bewohnerin@musterstadt.example`. Ratio to the "
        "minimal view in the same round (target 20 %, API lists 30 %); "
        "Musterstadt / Kleinstadt = the time of a request on Musterstadt's bench data "
        "over the same page of `kleinstadt` (about 100 rows of each kind; target at "
        "most 1.5×, – where the page has no Kleinstadt twin); page 500 / page 1 = the "
        "same for the keyset page 500 (target at most 1.5×); p99 / p50 of the "
        "signed-in runs (target under 10×).",
        "",
        f"The floor: bare Django signed in (bench/signed_in_floor_app.py: the session "
        f"and the user read from the database, CSRF, one template extending a layout "
        f"with 20 rows read by the ORM, nothing of Quartier) ran at "
        f"{floor.mean(floor.signed_in, 'rps'):.0f} requests/s, "
        f"**{_pct(floor.signed_in_ratio)}** of the minimal view (p50 "
        f"{floor.mean(floor.signed_in, 'p50_ms'):.1f} ms). A signed-in page of "
        f'Quartier does that and its own work on top; "of the Django floor" = '
        f"a page's ratio over the floor's.",
        "",
        *signed_in_table(pages, floor.signed_in_ratio),
    ]
    if hsds_import:
        result += [
            "",
            "HSDS import (`bench/hsds_import.py`, peak resident memory of a fresh "
            "process that imports the file as the upload view does; target under "
            "300 MB):",
            "",
            *(f"- {line}" for line in hsds_import),
        ]
    say("")
    say("\n".join(result))
    if MATCHING or POSTGRES:  # a partial run must not replace the whole table
        say(f"\nOnly pages matching {MATCHING!r}: docs/benchmarks.md left as it was.")
    else:
        write_doc(result)
        say(f"\nWritten to {DOC.relative_to(REPO)}.")
    say(f"Whole run {time.monotonic() - started:.0f} s.")
    short = [page.label for page in pages if page.ratio < TARGET_RATIO]
    if short:
        say(f"Below the 50 % target: {', '.join(short)}.")


if __name__ == "__main__":
    main()
