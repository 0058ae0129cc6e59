"""Statistics of the compass, pure functions without Django (docs/compass.md).

Definitions (all on the 0–100 scale):

- **median**: the middle of the sorted values; with an even count the mean of the
  two middle values.
- **quartiles** Q1 and Q3: linear interpolation between the sorted values
  x[0] … x[n-1] at position h = (n − 1) · p, p = 0.25 or 0.75, i.e.
  Q = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋]). This is the "inclusive" method
  (Python's `statistics.quantiles(method="inclusive")`, Excel's QUARTILE.INC, R's
  type 7). With p = 0.5 it gives the median above.
- **spread** = interquartile range IQR = Q3 − Q1 (the middle half of the answers);
  min and max are reported beside it.
- **gap** = median(Soll) − median(Ist): positive means "further towards the right
  pole", negative "further towards the left pole".
- **divergence** of a field = the largest difference between the medians of the
  perspectives, computed separately for Ist and Soll; a field is ranked by the
  larger of the two.

Empty input gives None everywhere (never 0: "no answer" is not "the left pole").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


def _sorted(values: Iterable[float]) -> list[float]:
    return sorted(float(v) for v in values)


def quantile(values: Iterable[float], p: float) -> float | None:
    """The p-quantile (0 ≤ p ≤ 1) by linear interpolation (inclusive method)."""
    if not 0 <= p <= 1:
        raise ValueError("p must lie between 0 and 1")
    data = _sorted(values)
    if not data:
        return None
    h = (len(data) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (h - lo) * (data[hi] - data[lo])


def median(values: Iterable[float]) -> float | None:
    data = _sorted(values)
    n = len(data)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return data[middle]
    return (data[middle - 1] + data[middle]) / 2


@dataclass(frozen=True)
class Summary:
    """Count, median, quartiles, spread (IQR), minimum and maximum of some values."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None

    @property
    def iqr(self) -> float | None:
        if self.q1 is None or self.q3 is None:
            return None
        return self.q3 - self.q1


def summarise(values: Iterable[float]) -> Summary:
    data = _sorted(values)
    if not data:
        return Summary(0, None, None, None, None, None)
    return Summary(
        n=len(data),
        median=median(data),
        q1=quantile(data, 0.25),
        q3=quantile(data, 0.75),
        minimum=data[0],
        maximum=data[-1],
    )


def summarise_counts(counts: Mapping[int, int] | Mapping[float, int]) -> Summary:
    """The Summary of the values a tally holds ({value: how many times}): the same
    numbers as `summarise` of the values written out, computed from at most one
    entry per value (a 0–100 scale has 101), however many answers there are."""
    items = sorted((float(v), n) for v, n in counts.items() if n > 0)
    total = sum(n for _v, n in items)
    if not total:
        return Summary(0, None, None, None, None, None)

    def at(k: int) -> float:
        """The k-th smallest value (from 0)."""
        for value, n in items:
            if k < n:
                return value
            k -= n
        return items[-1][0]

    def quantile_of(p: float) -> float:
        h = (total - 1) * p
        lo = math.floor(h)
        hi = min(lo + 1, total - 1)
        low = at(lo)
        return low + (h - lo) * (at(hi) - low)

    middle = total // 2
    return Summary(
        n=total,
        median=at(middle) if total % 2 else (at(middle - 1) + at(middle)) / 2,
        q1=quantile_of(0.25),
        q3=quantile_of(0.75),
        minimum=items[0][0],
        maximum=items[-1][0],
    )


def gap(current: float | None, target: float | None) -> float | None:
    """Soll − Ist of two medians (None when either is missing)."""
    if current is None or target is None:
        return None
    return target - current


def divergence(medians: Sequence[float | None]) -> float | None:
    """The largest difference between the given medians; None with fewer than two."""
    present = [m for m in medians if m is not None]
    if len(present) < 2:
        return None
    return max(present) - min(present)


def larger(a: float | None, b: float | None) -> float | None:
    """The larger of two optional numbers (the ranking key of a field)."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)
