"""The traffic light of an indicator towards its target, and the words that say
what it shows (never colour alone; docs/impact.md, "The traffic light").

progress = (latest − baseline) / (target − baseline): the share of the way from the
baseline to the target covered so far (works for "less is better" too, since then
target − baseline is negative). expected = the share of the time from the baseline
date to the target date that has passed on the latest measurement's day.

- reached: progress ≥ 1 (the target is met);
- on track: progress ≥ expected − 0.1;
- somewhat behind: progress ≥ expected − 0.25;
- clearly behind: otherwise;
- no light without a measurement. Without a baseline, the first measurement is the
  baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

REACHED = "reached"
ON_TRACK = "on-track"
BEHIND = "behind"
FAR_BEHIND = "far-behind"
NONE = "none"

TOLERANCE = 0.10
BEHIND_LIMIT = 0.25


@dataclass(frozen=True)
class Light:
    state: str
    label: str  # one or two words: "Auf Kurs"
    text: str  # the whole sentence

    @property
    def css(self) -> str:
        return f"q-light q-light--{self.state}"


def number(value: Any) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return formats.number_format(int(value), force_grouping=True)
    return formats.number_format(value.normalize(), force_grouping=True)


def light(indicator: Any, measurements: Sequence[Any]) -> Light:
    """The light of `indicator`, given its measurements in date order."""
    target_day = formats.date_format(indicator.target_date, "SHORT_DATE_FORMAT")
    unit = indicator.unit
    if not measurements:
        return Light(
            NONE,
            _("No measurement yet"),
            _("No measurement yet; target: %(target)s %(unit)s by %(day)s.")
            % {
                "target": number(indicator.target_value),
                "unit": unit,
                "day": target_day,
            },
        )
    latest = measurements[-1]
    if indicator.baseline_value is not None:
        base, base_day = indicator.baseline_value, indicator.baseline_date
    else:
        base, base_day = measurements[0].value, measurements[0].date
    target = indicator.target_value
    down = indicator.direction == "down"
    reached = latest.value <= target if down else latest.value >= target
    span = target - base
    if reached:
        progress = 1.0
    elif span == 0:
        progress = 0.0
    else:
        progress = min(0.99, float((latest.value - base) / span))
    total_days = (indicator.target_date - base_day).days if base_day else 0
    if total_days <= 0:
        expected = 1.0
    else:
        expected = min(1.0, max(0.0, (latest.date - base_day).days / total_days))
    values = {
        "value": number(latest.value),
        "target": number(target),
        "unit": unit,
        "day": target_day,
    }
    if down:
        status = _("now %(value)s %(unit)s, target %(target)s or less by %(day)s")
    else:
        status = _("%(value)s of %(target)s %(unit)s reached, target by %(day)s")
    status = status % values
    if progress >= 1:
        state, label = REACHED, _("Target reached")
    elif progress >= expected - TOLERANCE:
        state, label = ON_TRACK, _("On track")
    elif progress >= expected - BEHIND_LIMIT:
        state, label = BEHIND, _("Somewhat behind")
    else:
        state, label = FAR_BEHIND, _("Clearly behind")
    return Light(state, label, f"{label}: {status}")
