"""`{% compass_group_row g %}`: one row of a field's results table (a perspective,
or all of them), written in Python instead of an `{% include %}` with nine
`floatformat`s per row.

The results page of a round draws a table per tension field with a row per
perspective: ~50 rows and ~420 `floatformat:"-1"` per request, a fifth of the page's
time (issue 19). The markup is the one the include wrote; the numbers are Django's
`floatformat:"-1"`, kept per value and language in the process (the numbers of a
0–100 scale repeat: medians and quartiles are whole or half points).
"""

from __future__ import annotations

import threading
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_NUMBERS: dict[tuple[Any, ...], str] = {}
_NUMBERS_MAX = 4096
_lock = threading.Lock()


def number(value: Any) -> str:
    """`value|floatformat:"-1"` in the current language, kept per value."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(floatformat(value, "-1"))
    key = (type(value), value, get_language())
    done = _NUMBERS.get(key)
    if done is None:
        done = str(floatformat(value, "-1"))
        with _lock:
            if len(_NUMBERS) >= _NUMBERS_MAX:
                _NUMBERS.clear()
            _NUMBERS[key] = done
    return done


def _part(summary: Any, name: str) -> str:
    """`summary.name|floatformat:"-1"` as the template read it: missing is empty."""
    return number(getattr(summary, name, "") if summary is not None else "")


_CELL = '<td class="kern-table__cell kern-table__cell--numeric">'
_WIDE = '<td class="kern-table__cell kern-table__cell--numeric q-nowrap">'


@register.simple_tag
def compass_group_row(g: Any) -> SafeString:
    """The row of one group (compass.results.Group): label, assessments, median,
    middle half and range of "is" and "should", and the gap."""
    cells = [
        '<tr class="kern-table__row"><th scope="row" class="kern-table__header">'
        f"{conditional_escape(g.label)}</th>\n",
        f"{_CELL}{conditional_escape(formats.localize(g.n))}</td>\n",
    ]
    for summary in (g.current, g.target):
        cells.append(f"{_CELL}{_part(summary, 'median')}</td>\n")
        cells.append(
            f"{_WIDE}{_part(summary, 'q1')}–{_part(summary, 'q3')} "
            f"({_part(summary, 'iqr')})</td>\n"
        )
        cells.append(
            f"{_WIDE}{_part(summary, 'minimum')}–{_part(summary, 'maximum')}</td>\n"
        )
    cells.append(f"{_CELL}{number(g.gap)}</td></tr>\n")
    return mark_safe("".join(cells))  # noqa: S308 - every value escaped above
