"""Simple, accessible SVG charts drawn server-side (no JavaScript).

Every chart is shown next to a data table with the same numbers; the SVG itself is
`aria-hidden` or labelled as an image with a short title, so screen readers get the
table. Use with the template include "includes/bar_chart.html":

    {% include "includes/bar_chart.html" with chart=chart %}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    y: float
    width: float
    text_x: float


@dataclass
class BarChart:
    """A horizontal bar chart: one bar per (label, value)."""

    title: str
    bars: list[Bar] = field(default_factory=list)
    width: int = 640
    height: int = 0
    label_width: int = 220
    unit: str = ""
    max_value: float = 0.0
    headers: Sequence[Any] = ()


BAR_HEIGHT = 22
GAP = 8


def bar_chart(
    title: str,
    rows: Iterable[tuple[str, float]],
    *,
    unit: str = "",
    max_value: float | None = None,
    headers: Sequence[Any] = (),
    number_format: str = "{:g}",
) -> BarChart:
    """Lay out a bar chart; `max_value` fixes the scale (e.g. 100 for percentages)."""
    rows = list(rows)
    top = max_value if max_value is not None else max((v for _, v in rows), default=0)
    top = top or 1
    chart = BarChart(title=title, unit=unit, max_value=top, headers=headers)
    plot = chart.width - chart.label_width - 70
    for i, (label, value) in enumerate(rows):
        width = max(0.0, plot * float(value) / float(top))
        chart.bars.append(
            Bar(
                label=str(label),
                value=value,
                display=number_format.format(value) + (f" {unit}" if unit else ""),
                y=i * (BAR_HEIGHT + GAP),
                width=round(width, 1),
                text_x=round(chart.label_width + width + 6, 1),
            )
        )
    chart.height = max(1, len(rows)) * (BAR_HEIGHT + GAP)
    return chart
