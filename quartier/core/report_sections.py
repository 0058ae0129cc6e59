"""Report sections: what each module says in a report to the council, a funder or
the public (the `reports` app, docs/reports.md).

Every app that has something to report offers its section in its own
`report_sections.py` (forums: decisions; funds: money and funded projects; …); the
registry imports those modules by name once (like Django's admin.py and
core/indicator_sources.py), so neither core nor `reports` imports the apps and a
new module joins by adding the file.

A section has a key ("<app>.<name>"), a label, an order, the audiences it suits
by default (AUDIENCES) and `build(municipality, period_start, period_end,
neighbourhoods, user)` → SectionContent: headings, paragraphs, figures (label and
value), tables (caption, header, rows) and bar charts (drawn with core/charts.py
and always shown with their data table), plus the sources ("Quelle: …, Stand …").

Rules every section keeps (reports/tests/test_sections.py walks the registry):
- it reads what `user` may see (for a public report the reports app passes an
  anonymous user), and names no person beyond what the public pages show;
- its queries are bounded: their number does not grow with the data;
- its content is plain JSON (strings and numbers), so a report keeps the content
  as of its generation.
`estimate(municipality, start, end)` (optional) says how many rows the section
reads, so that large reports run as a background task.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

COUNCIL = "council"
FUNDER = "funder"
PUBLIC = "public"
AUDIENCES = [
    (COUNCIL, _("Municipal council")),
    (FUNDER, _("Funders")),
    (PUBLIC, _("The public")),
]
ALL_AUDIENCES = frozenset({COUNCIL, FUNDER, PUBLIC})


def number(value: Any) -> str:
    """A number as a German reader expects it (1.234; 12,5)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return formats.number_format(value, force_grouping=True)


def money(value: Any) -> str:
    return f"{formats.number_format(value or 0, 2, force_grouping=True)} €"


def day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class SectionContent:
    """What a section says, in order, as JSON-ready blocks."""

    def __init__(self, key: str, title: Any) -> None:
        self.key = key
        self.title = str(title)
        self.blocks: list[dict[str, Any]] = []
        self.sources: list[str] = []

    def heading(self, text: Any) -> SectionContent:
        self.blocks.append({"kind": "heading", "text": str(text)})
        return self

    def paragraph(self, text: Any) -> SectionContent:
        self.blocks.append({"kind": "paragraph", "text": str(text)})
        return self

    def figures(self, rows: Iterable[tuple[Any, Any]]) -> SectionContent:
        """Key figures: (label, value) pairs; numbers are formatted here."""
        items = [
            {
                "label": str(label),
                "value": number(value)
                if isinstance(value, int | float)
                else str(value),
            }
            for label, value in rows
        ]
        if items:
            self.blocks.append({"kind": "figures", "items": items})
        return self

    def table(
        self, caption: Any, header: Sequence[Any], rows: Iterable[Sequence[Any]]
    ) -> SectionContent:
        self.blocks.append(
            {
                "kind": "table",
                "caption": str(caption),
                "header": [str(h) for h in header],
                "rows": [
                    [number(c) if isinstance(c, int | float) else str(c) for c in row]
                    for row in rows
                ],
            }
        )
        return self

    def chart(
        self,
        title: Any,
        rows: Iterable[tuple[Any, float]],
        *,
        unit: Any = "",
        headers: Sequence[Any] = (),
        max_value: float | None = None,
    ) -> SectionContent:
        """A bar chart; the report shows it as SVG with its data table and uses the
        title as the chart's alternative text."""
        self.blocks.append(
            {
                "kind": "chart",
                "title": str(title),
                "unit": str(unit),
                "headers": [str(h) for h in headers],
                "max_value": max_value,
                "rows": [[str(label), float(value)] for label, value in rows],
            }
        )
        return self

    def source(self, module: Any, as_of: datetime.date) -> SectionContent:
        self.sources.append(
            gettext("Source: %(module)s, as of %(date)s")
            % {"module": module, "date": day(as_of)}
        )
        return self

    @property
    def empty(self) -> bool:
        return not self.blocks

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "blocks": self.blocks,
            "sources": self.sources,
        }


@dataclass(frozen=True)
class ReportSection:
    key: str  # "<app>.<name>", unique
    label: Any  # lazy translated
    order: int
    # (municipality, period_start, period_end, neighbourhoods, user) → SectionContent
    build: Callable[..., SectionContent]
    audiences: frozenset[str] = field(default=ALL_AUDIENCES)
    # (municipality, start, end) → how many rows the section reads (about).
    estimate: Callable[..., int] | None = None


_SECTIONS: dict[str, ReportSection] = {}
_discovered = False


def register(*sections: ReportSection) -> None:
    """Add an app's sections (called when its `report_sections` module is imported)."""
    for section in sections:
        if not section.audiences <= ALL_AUDIENCES:
            raise ValueError(f"{section.key}: unknown audience")
        _SECTIONS[section.key] = section


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("report_sections")


def sections() -> list[ReportSection]:
    """Every registered section, in report order."""
    _discover()
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def get(key: str) -> ReportSection | None:
    _discover()
    return _SECTIONS.get(key)


def defaults_for(audience: str) -> list[str]:
    """The keys of the sections chosen by default for an audience."""
    return [s.key for s in sections() if audience in s.audiences]


def in_neighbourhoods(neighbourhoods: Sequence[Any], lookup: str) -> dict[str, Any]:
    """A filter keyword for `lookup` (e.g. "neighborhood__in"), or none when the
    report covers the whole municipality."""
    return {lookup: list(neighbourhoods)} if neighbourhoods else {}
