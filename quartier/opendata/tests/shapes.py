"""The DCAT-AP 3.0 and DCAT-AP.de 3.0 SHACL shapes as one graph, as GovData's
validator combines them (../shared/standards/dcat-ap-de-3.0/README.md): the SEMIC
shapes, the German overrides, the German additions, the controlled-vocabulary and
the deprecation shapes. Test data only: the package never reads ../shared.

`dcat-ap-de-imports.ttl` is not loaded: it only lists owl:imports of vocabularies
on the internet, which tests cannot fetch. What that leaves unchecked offline:
whether a vocabulary value (licence, frequency, theme, file type, …) really exists
in its vocabulary; the catalogue types those values itself with their
skos:inScheme, which the shapes do check.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

SHAPES_DIR = (
    Path(__file__).resolve().parents[3].parent / "shared/standards/dcat-ap-de-3.0"
)
FILES = (
    "dcat-ap-SHACL.ttl",
    "dcat-ap-SHACL-DE.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-controlledvocabularies.ttl",
    "dcat-ap-de-deprecated.ttl",
)


@cache
def shapes() -> Graph:
    graph = Graph()
    for name in FILES:
        graph.parse(SHAPES_DIR / name, format="turtle")
    return graph


def validate(data: Graph) -> tuple[list[str], list[str]]:
    """(violations, warnings) of `data` against the shapes, as readable lines."""
    from pyshacl import validate as shacl_validate
    from rdflib.namespace import RDF, SH

    _conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes(), inference="none", allow_warnings=True
    )
    found: dict[str, list[str]] = {"Violation": [], "Warning": [], "Info": []}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        line = " | ".join(
            str(report.value(result, p) or "")
            for p in (SH.focusNode, SH.resultPath, SH.resultMessage)
        )
        found.setdefault(severity, []).append(line)
    return found["Violation"], found["Warning"]
