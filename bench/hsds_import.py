"""The HSDS import's peak memory and time for 10 MB files (issue 11; target: the
worker stays under 300 MB). Part of `make bench`; alone:

    .venv/bin/python bench/hsds_import.py [megabytes [case …]]

Each case runs in a fresh process against a fresh SQLite database (migrated once),
the way the upload view runs an import: read the file, parse it, check and write
everything in one transaction. Reports the peak resident memory of that process
(ru_maxrss, Django and the app included), the memory before the import, and the
time. The last line of the output is JSON (for bench/run_bench.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MB = 300

ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
    "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef",
    "SECURE_SSL_REDIRECT": "off",
    "DJANGO_SETTINGS_MODULE": "quartier.settings",
    "LOG_LEVEL": "ERROR",
    "HSDS_IMPORT_BACKGROUND_ROWS": "1000000",
}

# Writes the case's file (outside the measured process): argv = case, MB, path.
MAKE = r"""
import json, sys
import django
django.setup()
from pathlib import Path
from quartier.hsds import bench
from quartier.hsds.parsing import max_containers, max_values

case, size, path = sys.argv[1], int(float(sys.argv[2]) * 2**20), Path(sys.argv[3])
if case == "services":
    content, count = bench.sample_file(size)
elif case == "tiny":
    content, count = bench.tiny_entries_file(size), size // 3
else:  # the heaviest file the value and container limits let through
    content, count = bench.limit_file(max_values(), max_containers(), size)
path.write_bytes(content)
print(count)
"""

# Runs in the measured process, as the upload view does: argv = file, entries.
CASE = r"""
import json, resource, sys, time
import django
django.setup()
from pathlib import Path
from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.hsds.models import ImportJob
from quartier.hsds.parsing import ParseError
from quartier.hsds.tasks import parse, run_job

content, count = Path(sys.argv[1]).read_bytes(), int(sys.argv[2])
municipality = MunicipalityFactory(name="Musterstadt", slug="musterstadt")
user = UserFactory(email="koordination@bench.example")
MembershipFactory(user=user, municipality=municipality, role="coordinator")

def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20

before = rss_mb()
started = time.monotonic()
job = ImportJob(municipality=municipality, format="json", filename="bench.json",
                created_by=user)
try:
    records = parse(job, content)
except ParseError as exc:
    outcome = f"refused at upload: {exc}"
else:
    job.total = len(records)
    job.save()
    run_job(job, records)
    outcome = f"{job.status}, {job.error_count} errors, {job.summary}"
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"bytes": len(content), "entries": count,
                  "before_mb": round(before), "peak_mb": round(peak),
                  "seconds": round(seconds, 1), "outcome": outcome[:160]}))
"""


def python(script: str, *args: str, database: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env={**ENV, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"hsds import bench {args} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1]


def run(case: str, megabytes: float, database: Path) -> dict:
    file = database.with_suffix(".json")
    count = python(MAKE, case, str(megabytes), str(file), database=database)
    result = json.loads(python(CASE, str(file), count, database=database))
    file.unlink()
    return {"case": case, **result}


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "migrated.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"],
            cwd=REPO,
            env={**ENV, "DATABASE_URL": f"sqlite:///{template}"},
            check=True,
        )
        results = []
        for case in sys.argv[2:] or ("services", "tiny", "at-the-limits"):
            database = Path(folder) / f"{case}.sqlite3"
            database.write_bytes(template.read_bytes())
            result = run(case, megabytes, database)
            results.append(result)
            print(
                f"HSDS import, {result['bytes'] / 2**20:.1f} MB of {case} "
                f"({result['entries']:,} entries): peak {result['peak_mb']} MB "
                f"(before the import {result['before_mb']} MB), "
                f"{result['seconds']} s — {result['outcome']}",
                flush=True,
            )
    over = [r for r in results if r["peak_mb"] >= TARGET_MB]
    print(f"Target under {TARGET_MB} MB: {'missed' if over else 'met'}.")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
