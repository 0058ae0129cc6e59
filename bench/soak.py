"""`make soak`: the locust scenario (bench/locustfile.py) against the production
set-up (scripts/with_production.sh: nginx, two gunicorn servers, PostgreSQL, Redis,
the task worker), then three checks and a report.

    PROD_SEED=bench scripts/with_production.sh .venv/bin/python bench/soak.py --minutes 20

1. Seeding: through `quartier shell` with the installation's environment
   ($QUARTIER_PROD_DIR/env) it creates a personal API token for a resident and
   collects what the scenario needs (public contributions, meetings, neighbourhoods,
   the seeded accounts and the rooms each may book) into a JSON file.
2. Load: locust, headless, in a subprocess, for the given time. Meanwhile the
   resident memory (VmRSS from /proc/<pid>/status) of every process of the set-up
   is sampled every 5 s: the process named in each `<name>.pid` of
   $QUARTIER_PROD_DIR plus all its descendants (a gunicorn master with its workers,
   PostgreSQL with its backends, nginx with its workers).
3. Checks: no answer 5xx; no lost write (every write the server accepted is looked
   up in the database afterwards, through `quartier shell`); memory growth from the
   end of the warm-up to the end of the run under 10 % per process.

"Start" for memory is the first sample after the warm-up: a minute for runs of four
minutes or more, a quarter of the run for shorter ones (`--warmup` overrides). The
first minute fills the gunicorn workers' imports and caches, PostgreSQL's buffers
and Redis' page cache; growth after that is what a leak would show.

Output: the figures on stdout; with `--doc`, the "Soak" section of
docs/benchmarks.md is replaced (between its markers); with `--json PATH`, the
figures as JSON (used by tests/production/test_soak.py). Exit status 1 when a check
fails (`--memory report` only reports the growth instead of failing on it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- soak:start -->", "<!-- soak:end -->"
MARK = "SOAK-JSON "
PROCESSES = ("nginx", "app1", "app2", "worker", "postgres", "redis")
SAMPLE_SECONDS = 5
GROWTH_LIMIT = 0.10

SEED = r"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.conf import settings
from quartier.accounts.services import token_create
from quartier.core.gate import may_view, view_perm_of
from quartier.core.models import Municipality, Neighborhood
from quartier.core.predicates import is_coordinator
from quartier.demo.people import DEMO_PASSWORD
from quartier.forums.models import Meeting
from quartier.participation.models import Contribution
from quartier.rooms.models import Room

slug = "musterstadt"
m = Municipality.objects.get(slug=slug)
User = get_user_model()
anon = AnonymousUser()
def users(emails):
    return [u for u in User.objects.filter(email__in=emails, is_active=True)]
residents = users([f"{n}@musterstadt.example" for n in ("bewohnerin", "jury", "nachbar", "partner")])
coordinators = [u for u in users(["koordination@musterstadt.example", "kowalski@musterstadt.example"]) if is_coordinator.test(u, m)]
# The bench data books its rooms solid for five weeks: people ask for the others.
rooms = list(Room.objects.of(m).exclude(slug__startswith="bench-raum"))
bookable = {u.email: [r.slug for r in rooms if u.has_perm("rooms.book_room", r)] for u in residents}
meeting_perm = view_perm_of(Meeting)
meetings = [x.pk for x in Meeting.objects.of(m).order_by("-starts_at")[:200] if may_view(anon, x, meeting_perm)][:40]
areas = list(Neighborhood.objects.of(m).order_by("pk"))
_, raw = token_create(user=residents[0], name="soak " + RUN)
from quartier.directory.models import Service
services = Service.objects.of(m).count()
print(MARK + json.dumps({
    "run": RUN,
    "slug": slug,
    "password": DEMO_PASSWORD,
    "residents": [u.email for u in residents],
    "coordinators": [u.email for u in coordinators],
    "bookable": bookable,
    "contributions": list(Contribution.objects.of(m).public().order_by("-pk").values_list("pk", flat=True)[:300]),
    "meetings": meetings,
    "neighborhood_ids": [a.pk for a in areas],
    "neighborhood_slugs": [a.slug for a in areas],
    "api_token": raw,
    "min_fill_seconds": settings.PARTICIPATION_MIN_FILL_SECONDS,
    "hsds_pages": max(1, min(20, services // 50)),
}))
"""

VERIFY = r"""
import json, os, re
from quartier.participation.models import Contribution, Response, Support
from quartier.rooms.models import Booking

with open(os.environ["SOAK_WRITES"], encoding="utf-8") as handle:
    writes = json.load(handle)
pattern = re.compile(r"soak-" + re.escape(RUN) + r"-\d+")
def tokens(queryset, field):
    found = set()
    for text in queryset.filter(**{field + "__contains": "soak-" + RUN + "-"}).values_list(field, flat=True):
        found.update(pattern.findall(text))
    return found
present = {
    "contribution": tokens(Contribution.objects.all(), "title"),
    "answer": tokens(Response.objects.all(), "text"),
    "booking": tokens(Booking.objects.all(), "purpose"),
}
supports = set(Support.objects.filter(user__isnull=False).values_list("user__email", "contribution_id"))
confirmed = set(Booking.objects.filter(pk__in=[w["booking"] for w in writes if w["kind"] == "approval"], status="confirmed").values_list("pk", flat=True))
lost = []
for w in writes:
    kind = w["kind"]
    if kind in present:
        ok = w["token"] in present[kind]
    elif kind == "support":
        ok = (w["email"], w["contribution"]) in supports
    elif kind == "approval":
        ok = w["booking"] in confirmed
    else:
        ok = False
    if not ok:
        lost.append(w)
print(MARK + json.dumps({"checked": len(writes), "lost": lost}))
"""


SIZES = r"""
import json
from django.db import connection
result = {"vendor": connection.vendor, "tables": []}
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        result["database_bytes"] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables"
            " ORDER BY 2 DESC LIMIT 15"
        )
        for name, size in cursor.fetchall():
            cursor.execute('SELECT count(*) FROM "%s"' % name.replace('"', ""))
            result["tables"].append({"table": name, "bytes": size, "rows": cursor.fetchone()[0]})
print(MARK + json.dumps(result))
"""


def say(text: str = "") -> None:
    print(text, flush=True)


def shell(code: str, run: str, extra_env: dict[str, str] | None = None) -> Any:
    """Run Python in `quartier shell` with the installation's environment; return
    the JSON it prints after MARK."""
    prod_dir = os.environ["QUARTIER_PROD_DIR"]
    program = f"RUN = {run!r}\nMARK = {MARK!r}\n{code}"
    env = {**os.environ, **(extra_env or {}), "SOAK_CODE": program}
    command = (
        f'set -a; . "{prod_dir}/env"; set +a; '
        f'exec "{BIN}/quartier" shell --no-startup --no-imports -c "$SOAK_CODE"'
    )
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    sys.exit(
        f"quartier shell failed ({result.returncode}):\n{result.stdout}{result.stderr}"
    )


# --- Memory -------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _cpu_ticks(pid: int) -> int:
    """User and system time of the process and of its children it has reaped (a
    PostgreSQL backend that ended counts in the postmaster's), in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return sum(int(value) for value in fields[11:15])


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def roots() -> dict[str, int]:
    prod_dir = Path(os.environ["QUARTIER_PROD_DIR"])
    found = {}
    for name in PROCESSES:
        pid_file = prod_dir / f"{name}.pid"
        if pid_file.exists():
            first = pid_file.read_text().split()
            if first and first[0].isdigit():
                found[name] = int(first[0])
    return found


def sample(pids: dict[str, int]) -> dict[str, dict[str, int]]:
    """Per process of the set-up: RSS in KiB of it and its descendants, and how
    many processes that is."""
    tree = _children()
    result = {}
    for name, root in pids.items():
        stack, total, count, ticks = [root], 0, 0, 0
        while stack:
            pid = stack.pop()
            rss = _rss_kib(pid)
            if rss:
                total += rss
                count += 1
                ticks += _cpu_ticks(pid)
            stack.extend(tree.get(pid, []))
        result[name] = {"kib": total, "processes": count, "ticks": ticks}
    return result


class Sampler(threading.Thread):
    def __init__(self, pids: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.samples: list[tuple[float, dict[str, dict[str, int]]]] = []
        self.stop = threading.Event()
        self.started = time.monotonic()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append((time.monotonic() - self.started, sample(self.pids)))
            self.stop.wait(SAMPLE_SECONDS)


def memory_rows(
    samples: list[tuple[float, dict[str, dict[str, int]]]],
    warmup: float,
    requests: int,
) -> list[dict[str, Any]]:
    """Memory from the end of the warm-up to the end; CPU over the whole run, per
    request (the load model in docs/operations.md scales it to a host)."""
    after = [s for s in samples if s[0] >= warmup] or samples[-1:]
    first, start, end = samples[0], after[0], samples[-1]
    hz = os.sysconf("SC_CLK_TCK")
    rows = []
    for name in start[1]:
        a, b = start[1][name]["kib"], end[1].get(name, {}).get("kib", 0)
        peak = max(s[1].get(name, {}).get("kib", 0) for s in after)
        cpu = (end[1].get(name, {}).get("ticks", 0) - first[1][name]["ticks"]) / hz
        rows.append(
            {
                "process": name,
                "processes": end[1].get(name, {}).get("processes", 0),
                "start_mib": a / 1024,
                "end_mib": b / 1024,
                "peak_mib": peak / 1024,
                "growth": (b - a) / a if a else 0.0,
                "cpu_s": cpu,
                "cpu_ms_per_request": 1000 * cpu / requests if requests else 0.0,
                "start_s": start[0],
                "end_s": end[0],
            }
        )
    return rows


# --- Load ---------------------------------------------------------------------


def run_locust(
    config: dict[str, Any], seconds: int, users: int, spawn_rate: float, work: Path
) -> tuple[list[dict[str, str]], dict[str, Any]]:
    config_path = work / "config.json"
    config_path.write_text(json.dumps(config))
    results_path = work / "results.json"
    command = [
        str(BIN / "locust"),
        "-f",
        str(REPO / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        os.environ["QUARTIER_PROD_URL"].rstrip("/"),
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "15",
        "--csv",
        str(work / "soak"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    env = {
        **os.environ,
        "SOAK_CONFIG": str(config_path),
        "SOAK_RESULTS": str(results_path),
    }
    result = subprocess.run(command, cwd=REPO, env=env, check=False)
    if result.returncode != 0 or not results_path.exists():
        sys.exit(f"locust failed with status {result.returncode}")
    with open(work / "soak_stats.csv", encoding="utf-8") as handle:
        stats = list(csv.DictReader(handle))
    return stats, json.loads(results_path.read_text())


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    system = platform.platform(terse=True)
    try:
        release = dict(
            line.split("=", 1)
            for line in Path("/etc/os-release").read_text().splitlines()
            if "=" in line
        )
        system = release.get("PRETTY_NAME", system).strip('"')
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {round(mem_kib / 1024 / 1024)} GiB RAM; "
        f"{system}; Python {platform.python_version()}"
    )


def report(figures: dict[str, Any]) -> str:
    f = figures
    lines = [
        f"Run of {f['date']} on {f['machine']}.",
        "",
        f"{f['seconds'] // 60} min {f['seconds'] % 60} s, {f['users']} simulated people "
        f"(spawned {f['spawn_rate']}/s; weights: guests 12, residents 4, coordinators "
        f"2, HSDS client 1, API client 1), data: PROD_SEED={f['seed']}. "
        f"{f['requests']} requests, {f['rps']:.1f} requests/s overall, "
        f"{f['server_errors']} answers 5xx. Writes accepted: {f['writes_checked']}, "
        f"lost: {len(f['lost'])}; refused (rate limit, slot taken, decided "
        f"meanwhile): {sum(f['refused'].values())} {dict(sorted(f['refused'].items()))}.",
        "",
        "| page kind | requests | failures | 5xx | requests/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in f["kinds"]:
        lines.append(
            f"| {row['kind']} | {row['requests']} | {row['failures']} | {row['5xx']} "
            f"| {row['rps']:.2f} | {row['p50']:.0f} | {row['p95']:.0f} "
            f"| {row['p99']:.0f} | {row['max']:.0f} |"
        )
    lines += [
        "",
        f"Memory (RSS of each process with its children; start = after the warm-up of "
        f"{f['warmup']} s, end = the last sample of the run) and CPU time over the "
        "whole run (user + system, per request of the run):",
        "",
        "| process | processes | start MiB | end MiB | peak MiB | growth "
        "| CPU s | CPU ms per request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in f["memory"]:
        lines.append(
            f"| {row['process']} | {row['processes']} | {row['start_mib']:.1f} "
            f"| {row['end_mib']:.1f} | {row['peak_mib']:.1f} | {row['growth']:+.1%} "
            f"| {row['cpu_s']:.0f} | {row['cpu_ms_per_request']:.2f} |"
        )
    db = f["database"]
    if db.get("tables"):
        lines += [
            "",
            f"PostgreSQL after the run: {db['database_bytes'] / 2**20:.0f} MiB in all; "
            "the largest tables (pg_total_relation_size: rows, indexes, TOAST):",
            "",
            "| table | rows | MiB | bytes per row |",
            "|---|---:|---:|---:|",
        ]
        for t in db["tables"]:
            lines.append(
                f"| {t['table']} | {t['rows']} | {t['bytes'] / 2**20:.1f} "
                f"| {t['bytes'] / max(t['rows'], 1):.0f} |"
            )
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if START not in doc:
        sys.exit(f"{DOC} has no {START} … {END} block")
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float)
    length.add_argument("--seconds", type=int)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--warmup", type=int, help="seconds (default: see above)")
    parser.add_argument("--memory", choices=("check", "report"), default="check")
    parser.add_argument("--doc", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--seed-name", default=os.environ.get("PROD_SEED", "?"))
    args = parser.parse_args()
    seconds = args.seconds or int((args.minutes or 20) * 60)
    warmup = (
        args.warmup
        if args.warmup is not None
        else (60 if seconds >= 240 else seconds // 4)
    )
    for name in ("QUARTIER_PROD_URL", "QUARTIER_PROD_DIR"):
        if not os.environ.get(name):
            sys.exit(f"{name} is not set: run me under scripts/with_production.sh")

    run = uuid.uuid4().hex[:8]
    say(f"soak {run}: seeding")
    config = shell(SEED, run)
    pids = roots()
    say(f"soak {run}: processes {pids}")
    say(f"soak {run}: {args.users} people for {seconds} s (warm-up {warmup} s)")
    sampler = Sampler(pids)
    sampler.start()
    with tempfile.TemporaryDirectory(prefix="quartier-soak-") as tmp:
        work = Path(tmp)
        started = time.monotonic()
        stats, results = run_locust(config, seconds, args.users, args.spawn_rate, work)
        elapsed = time.monotonic() - started
        sampler.stop.set()
        sampler.join()
        writes_path = work / "writes.json"
        writes_path.write_text(json.dumps(results["accepted"]))
        say(f"soak {run}: checking {len(results['accepted'])} accepted writes")
        verified = shell(VERIFY, run, {"SOAK_WRITES": str(writes_path)})
    sizes = shell(SIZES, run)

    statuses = results["statuses"]
    kinds = []
    total = None
    for row in stats:
        if row["Name"] == "Aggregated":
            total = row
            continue
        codes = statuses.get(row["Name"], {})
        kinds.append(
            {
                "kind": row["Name"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "5xx": sum(n for code, n in codes.items() if int(code) >= 500),
                "statuses": codes,
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "max": float(row["Max Response Time"] or 0),
            }
        )
    kinds.sort(key=lambda k: -k["requests"])
    server_errors = sum(
        n
        for codes in statuses.values()
        for code, n in codes.items()
        if int(code) >= 500
    )
    # Status 0: no answer at all (connection refused or reset), as bad as a 5xx.
    no_answer = sum(codes.get("0", 0) for codes in statuses.values())
    memory = memory_rows(
        sampler.samples, warmup, int(total["Request Count"]) if total else 0
    )
    figures = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "seed": args.seed_name,
        "seconds": seconds,
        "elapsed": elapsed,
        "warmup": warmup,
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "requests": int(total["Request Count"]) if total else 0,
        "rps": float(total["Requests/s"]) if total else 0.0,
        "server_errors": server_errors,
        "no_answer": no_answer,
        "writes_checked": verified["checked"],
        "writes_by_kind": _count(results["accepted"]),
        "lost": verified["lost"],
        "refused": results["refused"],
        "kinds": kinds,
        "memory": memory,
        "samples": len(sampler.samples),
        "database": sizes,
    }
    text = report(figures)
    say()
    say(text)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    if args.doc:
        write_doc(text)
        say(f"\nwritten to {DOC.relative_to(REPO)}")

    failed = []
    if server_errors or no_answer:
        failed.append(f"{server_errors} answers 5xx, {no_answer} without answer")
    if verified["lost"]:
        failed.append(f"{len(verified['lost'])} lost writes: {verified['lost'][:5]}")
    grown = [m for m in memory if m["growth"] >= GROWTH_LIMIT]
    if grown and args.memory == "check":
        failed.append(
            "memory grew 10 % or more: "
            + ", ".join(f"{m['process']} {m['growth']:+.1%}" for m in grown)
        )
    for problem in failed:
        say(f"FAILED: {problem}")
    return 1 if failed else 0


def _count(writes: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for write in writes:
        counts[write["kind"]] = counts.get(write["kind"], 0) + 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
