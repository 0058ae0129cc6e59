"""The OParl schemas ship inside the package (with licence and attribution),
equal the specification copy the project keeps for its tests, and nothing in the
app reads ../shared at run time."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from quartier.oparl import schema
from quartier.oparl.tests.council_server import example

PACKAGE = Path(__file__).resolve().parents[1]
SPEC = Path(settings.BASE_DIR).parent / "shared" / "standards" / "oparl-1.1"
SHARED_READ = re.compile(r"""\.\.[/\\]shared|["']shared/|shared/standards""")


def test_the_shipped_schemas_equal_the_specification():
    shipped = sorted(p.name for p in schema.SCHEMA_DIR.glob("*.json"))
    original = sorted(p.name for p in (SPEC / "schema").glob("*.json"))
    assert shipped == original and len(shipped) == 12
    for name in shipped:
        assert (schema.SCHEMA_DIR / name).read_bytes() == (
            SPEC / "schema" / name
        ).read_bytes()
    folder = PACKAGE / "specification"
    assert (folder / "LICENSE").read_bytes() == (SPEC / "LICENSE").read_bytes()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in readme and "OParl-Initiative" in readme


def test_nothing_in_the_app_reads_shared_at_run_time():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix in (".py", ".html")
        and "tests" not in path.relative_to(PACKAGE).parts
        and SHARED_READ.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_example_of_the_specification_passes_the_lenient_check():
    for name in ("System", "Body", "Organization", "Meeting", "Paper", "Location"):
        assert schema.problems(example(name), name, lenient=True) == [], name


def test_the_strict_check_finds_what_is_wrong():
    paper = example("Paper")
    paper["date"] = "4. April"
    paper["consultation"][0]["authoritative"] = "ja"
    problems = schema.problems(paper, "Paper")
    assert any(p.startswith("date:") for p in problems)
    assert any("authoritative" in p for p in problems)
    assert schema.problems(paper, "Meeting")[0].startswith("not Meeting")
    assert schema.problems({"type": "https://schema.oparl.org/1.1/Paper"}, "Paper")
