"""The clone is the whole product: README and docs stand alone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_readme_and_docs_never_send_the_reader_outside_the_repository():
    outside = [
        f"{path.name}: {line.strip()}"
        for path in documents()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "../shared" in line or "shared/" in line.replace("docs/", "")
    ]
    assert outside == []


def test_every_link_between_the_documents_leads_to_a_file():
    broken = []
    for path in documents():
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", path.read_text()):
            if not (path.parent / target).exists():
                broken.append(f"{path.name} → {target}")
    assert broken == []


def test_the_readme_says_how_to_run_the_demo_on_another_port_and_reset_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "PORT=" in readme and "HOST=" in readme
    assert "make demo-reset" in readme
    assert "MAP_TILE_URL" in readme
    assert "terminal" in readme  # where the demo's e-mails appear
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndemo-reset:" in makefile
