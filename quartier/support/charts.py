"""The radar chart of a Quartiers-Check round (SVG drawn server-side, like
core/charts.py): one axis per recommendation, the team result 0–4 on it, the
previous round as a second outline. The template include
"support/includes/radar_chart.html" shows the same numbers in a table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

SIZE = 440
CENTRE = SIZE / 2
RADIUS = 150
TOP = 4


@dataclass(frozen=True)
class Axis:
    label: str
    title: str
    value: float | None
    previous: float | None
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass
class RadarChart:
    title: str
    axes: list[Axis] = field(default_factory=list)
    rings: list[str] = field(default_factory=list)  # polygon points per scale step
    points: str = ""
    previous_points: str = ""
    size: int = SIZE
    has_previous: bool = False


def _point(i: int, n: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    r = RADIUS * value / TOP
    return round(CENTRE + r * math.cos(angle), 1), round(
        CENTRE + r * math.sin(angle), 1
    )


def _outline(values: Sequence[float | None]) -> str:
    n = len(values)
    return " ".join("{},{}".format(*_point(i, n, v or 0)) for i, v in enumerate(values))


def radar_chart(
    title: str,
    rows: Sequence[tuple[str, str, float | None]],
    previous: dict[str, float | None] | None = None,
) -> RadarChart:
    """Lay out a radar chart; `rows` are (key, title, value 0–4 or None), `previous`
    the values of the round before by key."""
    n = max(1, len(rows))
    chart = RadarChart(title=title, has_previous=bool(previous))
    for step in range(1, TOP + 1):
        chart.rings.append(_outline([step] * n))
    for i, (key, name, value) in enumerate(rows):
        x, y = _point(i, n, TOP)
        lx, ly = _point(i, n, TOP + 0.55)
        anchor = (
            "middle" if abs(lx - CENTRE) < 10 else "start" if lx > CENTRE else "end"
        )
        chart.axes.append(
            Axis(
                label=key,
                title=name,
                value=value,
                previous=(previous or {}).get(key),
                x=x,
                y=y,
                label_x=lx,
                label_y=round(ly + 4, 1),
                anchor=anchor,
            )
        )
    chart.points = _outline([a.value for a in chart.axes])
    if previous:
        chart.previous_points = _outline([a.previous for a in chart.axes])
    return chart
