"""The line chart of an indicator's measurements (SVG, laid out here; the template
`impact/_series_chart.html` draws it with the data table below it). Drawn on the
server, no JavaScript; with many points (ten years of monthly values) the polyline
stays one element and the table is the accessible form of the same numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

WIDTH = 640
HEIGHT = 260
LEFT = 56
RIGHT = 16
TOP = 16
BOTTOM = 40


@dataclass
class Series:
    title: str
    points: str = ""  # "x,y x,y …" of the polyline
    dots: list[tuple[float, float]] = field(default_factory=list)
    target_y: float | None = None
    ticks: list[tuple[float, str]] = field(default_factory=list)  # y, label
    years: list[tuple[float, str]] = field(default_factory=list)  # x, label
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM


def layout(title: str, measurements: Sequence[Any], target: Any = None) -> Series:
    from quartier.impact.progress import number

    chart = Series(title=title)
    if not measurements:
        return chart
    values = [float(m.value) for m in measurements]
    if target is not None:
        values.append(float(target))
    low = min(0.0, min(values))
    high = max(values) or 1.0
    if high == low:
        high = low + 1
    first = measurements[0].date.toordinal()
    last = measurements[-1].date.toordinal()
    days = max(1, last - first)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(day: Any) -> float:
        return round(LEFT + plot_w * (day.toordinal() - first) / days, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - (value - low) / (high - low)), 1)

    coords = [(x(m.date), y(float(m.value))) for m in measurements]
    chart.points = " ".join(f"{a},{b}" for a, b in coords)
    if len(coords) <= 40:
        chart.dots = coords
    if target is not None:
        chart.target_y = y(float(target))
    chart.ticks = [(y(v), number(round(v, 2))) for v in (low, (low + high) / 2, high)]
    seen = set()
    for m in measurements:
        if m.date.year not in seen:
            seen.add(m.date.year)
            chart.years.append((x(m.date), str(m.date.year)))
    if len(chart.years) > 8:  # every other year on a long series
        chart.years = chart.years[::2]
    return chart
