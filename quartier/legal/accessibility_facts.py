"""What the platform knows about its own accessibility limits, for the statement.

Each `Fact` names a feature with an accessibility risk (maps, charts, PDFs, …), what
may not work, the alternative Quartier offers, and a `check` that walks the code and
templates and returns what contradicts the claim. legal/tests/test_accessibility_facts.py
runs every check, so the statement's generated section ("known limitations") claims
only what the tests verify: a new map without its list, a chart without its table or
a PDF without an HTML page fails the suite instead of making the statement untrue.

A new module that adds such a feature declares it here (the check names the file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

PACKAGE = Path(__file__).resolve().parent.parent  # quartier/


@dataclass(frozen=True)
class Fact:
    key: str
    feature: Any  # lazy translated
    limitation: Any
    alternative: Any
    check: Callable[[Fact], list[str]]  # → problems; empty when the claim holds
    uses: dict[str, str] = field(default_factory=dict)  # file → evidence (regex)


def templates() -> Iterator[tuple[str, str]]:
    """(path below quartier/, source) of every template of every app."""
    for path in sorted(PACKAGE.glob("**/templates/**/*.html")):
        yield str(path.relative_to(PACKAGE)), path.read_text(encoding="utf-8")


def python_sources() -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.glob("**/*.py")):
        relative = path.relative_to(PACKAGE)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        yield str(relative), path.read_text(encoding="utf-8")


# The files that define the markers (and this registry) are not uses of them.
DEFINITIONS = {
    "templates/includes/map.html",
    "core/pdf.py",
    "legal/accessibility_facts.py",
}


def _declared_uses(
    fact: Fact,
    marker: str,
    sources: Iterator[tuple[str, str]],
    *,
    evidence_in_file: bool = True,
) -> tuple[list[str], set[str]]:
    """Every file using `marker` must be declared in `fact.uses`, and (for
    templates) its evidence, the alternative, must be found in it. Returns the
    problems and the files found. (A declared file that is gone claims nothing.)"""
    problems = []
    found = set()
    for name, source in sources:
        if name in DEFINITIONS or marker not in source:
            continue
        found.add(name)
        evidence = fact.uses.get(name)
        if evidence is None:
            problems.append(f"{name} uses {marker} but declares no alternative")
        elif evidence_in_file and not re.search(evidence, source):
            problems.append(f"{name}: the alternative ({evidence!r}) is missing")
    return problems, found


def check_maps(fact: Fact) -> list[str]:
    problems, _found = _declared_uses(fact, "includes/map.html", templates())
    # The map is hidden until its script runs: without JavaScript only the list shows.
    source = (PACKAGE / "templates/includes/map.html").read_text(encoding="utf-8")
    if not re.search(r"<div class=\"q-map\"[^>]*\bhidden\b", source, re.S):
        problems.append("includes/map.html is no longer hidden without JavaScript")
    return problems


def check_charts(fact: Fact) -> list[str]:
    problems = []
    chart = (PACKAGE / "templates/includes/bar_chart.html").read_text(encoding="utf-8")
    if "<table" not in chart:
        problems.append("includes/bar_chart.html renders no data table")
    for name, source in templates():
        if name == "templates/includes/bar_chart.html":
            continue
        for include in re.findall(
            r"\{%\s*include\s+\"includes/bar_chart\.html\"[^%]*%\}", source
        ):
            if "hide_table" in include and "<table" not in source:
                problems.append(f"{name} hides a chart's table and shows none")
        # Charts drawn by hand (compass, matrix, diagrams) need their table too;
        # decorative icons (aria-hidden) carry no information and need none.
        graphics = [
            tag
            for tag in re.findall(r"<svg\b[^>]*>", source)
            if 'aria-hidden="true"' not in tag
        ]
        if graphics and "<table" not in source:
            problems.append(f"{name} draws an SVG graphic without a data table")
    return problems


def _url_patterns(patterns: Any = None, namespace: str = "") -> Iterator[Any]:
    """(name with namespace, callback) of every URL pattern."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _url_patterns(entry.url_patterns, full)
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            yield (f"{namespace}:{name}" if namespace else name), entry.callback


def check_pdfs(fact: Fact) -> list[str]:
    patterns = list(_url_patterns())
    names = {name for name, _callback in patterns}
    mounted = mounted_paths(
        {getattr(callback, "__module__", "") for _name, callback in patterns}
    )
    # Only modules whose views people can reach hand out PDFs.
    reachable = (
        (name, source)
        for name, source in python_sources()
        if name.removesuffix(".py").replace("/", ".") in mounted
    )
    problems, found = _declared_uses(
        fact, "pdf_response(", reachable, evidence_in_file=False
    )
    for name in sorted(found):
        url_name = fact.uses.get(name)
        if url_name and url_name not in names:
            problems.append(f"{name}: the HTML page {url_name} does not exist")
    return problems


def mounted_paths(modules: set[str]) -> set[str]:
    """ "quartier.funds.views.applications" → "funds.views.applications"."""
    return {m.removeprefix("quartier.") for m in modules}


def check_images(fact: Fact) -> list[str]:
    problems = []
    for name, source in templates():
        for tag in re.findall(r"<img\b[^>]*>", source, re.S):
            if not re.search(r"\salt=", tag):
                problems.append(f"{name}: an image without a text alternative")
    return problems


def check_uploads(fact: Fact) -> list[str]:
    from django.apps import apps
    from django.db import models

    problems = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and not isinstance(
                model_field, models.ImageField
            ):
                key = f"{model._meta.label}.{model_field.name}"
                if key not in fact.uses:
                    problems.append(f"{key}: an upload not named in the statement")
    return problems


FACTS: list[Fact] = [
    Fact(
        key="maps",
        feature=_("Maps"),
        limitation=_(
            "Maps cannot be used with a screen reader or the keyboard alone, and "
            "they need JavaScript."
        ),
        alternative=_(
            "Every map is an addition: the same places and contributions are listed "
            "beside it as text with name and address; without JavaScript only the "
            "list is shown. In forms, the place can be typed as an address."
        ),
        check=check_maps,
        uses={
            "directory/templates/directory/location_list.html": (
                r"\{% for location in page\.object_list %\}"
            ),
            "directory/templates/directory/_results.html": (
                r"\{% for service in page\.object_list %\}"
            ),
            "directory/templates/directory/location_detail.html": (
                r"location\.address_line"
            ),
            "directory/templates/directory/service_detail.html": (
                r"\{% for location in locations %\}"
            ),
            "participation/templates/participation/contribution_list.html": (
                r"\{% for c in page\.object_list %\}"
            ),
            "participation/templates/participation/contribution_detail.html": (
                r"contribution\.address"
            ),
            "participation/templates/participation/_contribution_fields.html": (
                r"form\.address"
            ),
        },
    ),
    Fact(
        key="charts",
        feature=_("Charts and diagrams"),
        limitation=_(
            "Charts are graphics; their bars and colours alone do not reach everyone."
        ),
        alternative=_(
            "Every chart and diagram has a table with the same numbers right below it."
        ),
        check=check_charts,
    ),
    Fact(
        key="pdfs",
        feature=_("PDF documents"),
        limitation=_(
            "PDF documents (decision letters, reports, the printed directory, posters "
            "and the paper form) are tagged for screen readers, but PDF readers "
            "differ in what they support."
        ),
        alternative=_(
            "The same content is available as a web page: the application with its "
            "decision, the report, the directory of offerings and the online form."
        ),
        check=check_pdfs,
        uses={
            "funds/views/applications.py": "funds:application",
            "directory/views/printing.py": "directory:list",
            "participation/views/paper_form.py": "participation:new",
            "participation/views/posters.py": "participation:new",
            "legal/records_of_processing.py": "legal:records_of_processing",
            "reports/views.py": "reports:detail",
        },
    ),
    Fact(
        key="images",
        feature=_("Photos"),
        limitation=_(
            "Photos that residents and organisations upload have a text alternative "
            "that names what they belong to, but it does not describe the picture."
        ),
        alternative=_(
            "The text of the contribution, room or report says what matters; the "
            "photo only adds to it."
        ),
        check=check_images,
    ),
    Fact(
        key="uploads",
        feature=_("Uploaded documents"),
        limitation=_(
            "Documents that people upload (a fund's guideline as PDF, receipts of a "
            "proof of use, files for an import) are shown as they were uploaded and "
            "may not be accessible."
        ),
        alternative=_(
            "A fund's guideline can also be written as text on the fund's page; if "
            "you cannot read a document, use the feedback form below and we send "
            "you its content in another form."
        ),
        check=check_uploads,
        uses={
            "funds.Fund.guideline_file": "",
            "funds.Receipt.file": "",
            "hsds.ImportJob.file": "",
        },
    ),
]


def verified_facts() -> list[Fact]:
    """The facts the statement shows (every one is checked by the test suite)."""
    return list(FACTS)
