"""`make bench`: Quartier's throughput next to a minimal Django app, in one run.

1. A fresh SQLite database var/bench.sqlite3 with `seed_demo` + `seed_bench`.
2. SQL queries per page (bench/query_counts.py, Django's test client).
3. Quartier and bench/minimal_app.py, each served by gunicorn (2 workers, DEBUG
   off) on its own loopback port.
4. wrk against each page, alternating Quartier and the minimal app, round after
   round, so that both see the same machine load; the ratio of the two is the
   figure that counts (absolute requests/s swing with the machine).
5. The table is printed and written into docs/benchmarks.md between the markers.

Environment: BENCH_DURATION (seconds per wrk run, default 6), BENCH_ROUNDS
(default 2), BENCH_CONNECTIONS (default 8), BENCH_SKIP_SEED=1 reuses the database.
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
DB = REPO / "var" / "bench.sqlite3"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

DURATION = int(os.environ.get("BENCH_DURATION", "6"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WARMUP = 2
TARGET_RATIO = 0.5

ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
    "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef",
    "SECURE_SSL_REDIRECT": "off",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": f"sqlite:///{DB}",
    "LOG_LEVEL": "ERROR",
}


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
    target: list[Run] = field(default_factory=list)
    reference: list[Run] = field(default_factory=list)
    uncached: list[Run] = field(default_factory=list)

    def mean(self, runs: list[Run], attr: str) -> float:
        return statistics.fmean(getattr(run, attr) for run in runs)

    @property
    def ratio(self) -> float:
        """Mean of the per-round ratios: each pair ran back to back."""
        return statistics.fmean(
            t.rps / r.rps for t, r in zip(self.target, self.reference, strict=True)
        )

    @property
    def uncached_ratio(self) -> float:
        return statistics.fmean(
            u.rps / r.rps for u, r in zip(self.uncached, self.reference, strict=True)
        )


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
    DB.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo")
    say(manage("seed_bench").strip())
    say(f"Database ready in {time.monotonic() - started:.0f} s: {DB.relative_to(REPO)}")


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
        f"{gunicorn.__version__}, SQLite {sqlite3.sqlite_version}; {wrk_version}"
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
    if os.environ.get("BENCH_SKIP_SEED") != "1" or not DB.exists():
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

    quartier_port, minimal_port, uncached_port = free_port(), free_port(), free_port()
    servers = [
        serve("quartier.wsgi:application", quartier_port, []),
        serve("minimal_app:application", minimal_port, ["--pythonpath", "bench"]),
        # The same Quartier without the guests' page cache: what signed-in people
        # and the first guest after a change get.
        serve(
            "quartier.wsgi:application", uncached_port, [], {"ANON_CACHE_SECONDS": "0"}
        ),
    ]
    try:
        quartier = f"http://127.0.0.1:{quartier_port}"
        minimal = f"http://127.0.0.1:{minimal_port}/"
        wait_until_up(f"{quartier}/healthz", servers[0])
        wait_until_up(minimal, servers[1])
        uncached = f"http://127.0.0.1:{uncached_port}"
        wait_until_up(f"{uncached}/healthz", servers[2])
        say(
            f"Measuring {len(pages)} pages, {ROUNDS} × {DURATION} s each against "
            f"Quartier and the minimal app (wrk -t2 -c{CONNECTIONS})"
        )
        for page in pages:
            wrk(quartier + page.path, WARMUP, page.cookie)
            wrk(uncached + page.path, WARMUP, page.cookie)
            wrk(minimal, WARMUP)
            for _round in range(ROUNDS):
                page.target.append(wrk(quartier + page.path, DURATION, page.cookie))
                page.reference.append(wrk(minimal, DURATION))
                page.uncached.append(wrk(uncached + page.path, DURATION, page.cookie))
            say(
                f"  {page.label:<24} {page.mean(page.target, 'rps'):7.0f} req/s "
                f"vs {page.mean(page.reference, 'rps'):7.0f}  → {page.ratio:4.0%}"
                f"  ({page.queries} queries, HTTP {page.status})"
            )
    finally:
        for server in servers:
            stop(server)

    # Memory of the HSDS import (issue 11): 10 MB files, each in a fresh process.
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
        f"gunicorn with 2 sync workers each, DEBUG off, SQLite; wrk -t2 "
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
        "HSDS import (`bench/hsds_import.py`, peak resident memory of a fresh "
        "process that imports the file as the upload view does; target under "
        "300 MB):",
        "",
        *(f"- {line}" for line in hsds_import),
    ]
    say("")
    say("\n".join(result))
    write_doc(result)
    say(
        f"\nWritten to {DOC.relative_to(REPO)} "
        f"(whole run {time.monotonic() - started:.0f} s)."
    )
    short = [page.label for page in pages if page.ratio < TARGET_RATIO]
    if short:
        say(f"Below the 50 % target: {', '.join(short)}.")


if __name__ == "__main__":
    main()
