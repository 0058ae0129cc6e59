"""One guarded way to read dates, times and ISO weeks from people and clients.

Python's `date` ends on 9999-12-31 and starts on 0001-01-01; a value near either end
overflows as soon as someone adds a day, converts it to UTC or builds the next week's
link (`?week=9999-W52`, `modified_after=0001-01-01T00:00:00` answered 500). Every
date-like parameter and form field therefore goes through this module, which accepts
only values between `DATE_MIN` and `DATE_MAX` and says in plain words what is wrong.

- `parse_date`, `parse_datetime`, `parse_time`, `parse_week`: for query parameters and
  API input. Empty input gives None; anything else is either a value inside the bounds
  or a `ValidationError` with a German message.
- `check_date` / `check_datetime`: the same bounds for values that arrive already
  parsed (Django Ninja schemas, model fields).
- `bound_form_field`: applied by `KernFormMixin` to every date and date-time field of
  every form, so a form cannot forget it (core/tests/test_dates.py walks them all).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import dateparse, formats, timezone
from django.utils.translation import gettext as _

# Wide enough for every real date in a municipality's life (founding years of
# associations, decisions a century ahead are still odd but harmless), far enough
# from Python's ends that adding weeks or converting time zones never overflows.
DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2199, 12, 31)

WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$")


def _out_of_range(
    lower: datetime.date, upper: datetime.date, code: str = "date_range"
) -> ValidationError:
    return ValidationError(
        _("Please enter a date between %(min)s and %(max)s.")
        % {
            "min": formats.date_format(lower, "SHORT_DATE_FORMAT"),
            "max": formats.date_format(upper, "SHORT_DATE_FORMAT"),
        },
        code=code,
    )


def check_date(
    value: datetime.date,
    *,
    min: datetime.date = DATE_MIN,
    max: datetime.date = DATE_MAX,
) -> datetime.date:
    """`value` when it lies between `min` and `max` (inclusive), else ValidationError."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not min <= day <= max:
        raise _out_of_range(min, max)
    return value


def check_datetime(
    value: datetime.datetime,
    *,
    min: datetime.date = DATE_MIN,
    max: datetime.date = DATE_MAX,
) -> datetime.datetime:
    """An aware datetime inside the bounds (naive values are taken as local time).

    The bounds are checked on the calendar date *before* any time-zone arithmetic,
    which is where 0001-01-01T00:00 overflows."""
    check_date(value.date(), min=min, max=max)
    if timezone.is_naive(value):
        try:
            value = timezone.make_aware(value)
        except (ValueError, OverflowError) as exc:  # a gap at a clock change
            raise ValidationError(
                _("This time does not exist here (clock change)."), code="invalid"
            ) from exc
    return value


def parse_date(
    value: Any,
    *,
    min: datetime.date = DATE_MIN,
    max: datetime.date = DATE_MAX,
) -> datetime.date | None:
    """A date from `YYYY-MM-DD`; None when empty; ValidationError otherwise."""
    raw = str(value or "").strip()
    if not raw:
        return None
    try:
        day = dateparse.parse_date(raw)
    except ValueError:
        day = None
    if day is None:
        raise ValidationError(
            _("Please enter a date as YYYY-MM-DD, e.g. 2026-03-31."), code="invalid"
        )
    return check_date(day, min=min, max=max)


def parse_datetime(
    value: Any,
    *,
    min: datetime.date = DATE_MIN,
    max: datetime.date = DATE_MAX,
) -> datetime.datetime | None:
    """An aware datetime from ISO 8601 (a bare date means its midnight, local time).

    A "+" of the offset that arrived as a space (unescaped in a query string) is
    read as "+". None when empty; ValidationError otherwise."""
    raw = str(value or "").strip()
    if not raw:
        return None
    raw = re.sub(r" (\d\d:?\d\d)$", r"+\1", raw)
    moment: datetime.datetime | None
    try:
        moment = dateparse.parse_datetime(raw)
        if moment is None:
            day = dateparse.parse_date(raw)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time.min)
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise ValidationError(
            _(
                "Please enter a date and time as ISO 8601, "
                "e.g. 2026-03-31T18:00:00+02:00."
            ),
            code="invalid",
        )
    # The offset itself may push the UTC instant over an end: check both.
    check_date(moment.date(), min=min, max=max)
    if moment.tzinfo is not None:
        try:
            check_date(moment.astimezone(datetime.UTC).date(), min=min, max=max)
        except OverflowError as exc:
            raise _out_of_range(min, max) from exc
    return check_datetime(moment, min=min, max=max)


def parse_time(value: Any) -> datetime.time | None:
    """A time of day from `HH:MM` or `HH:MM:SS`; None when empty."""
    raw = str(value or "").strip()
    if not raw:
        return None
    try:
        moment = dateparse.parse_time(raw)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError(
            _("Please enter a time as HH:MM, e.g. 18:30."), code="invalid"
        )
    return moment


def parse_week(
    value: Any,
    *,
    min: datetime.date = DATE_MIN,
    max: datetime.date = DATE_MAX,
) -> datetime.date | None:
    """The Monday of ISO week `YYYY-Www`; None when empty; ValidationError otherwise.

    The whole week (Monday to Sunday) and the weeks before and after it must lie
    inside the bounds, so that the page's "previous" and "next" links exist too."""
    raw = str(value or "").strip()
    if not raw:
        return None
    match = WEEK_RE.match(raw)
    monday = None
    if match:
        try:
            monday = datetime.date.fromisocalendar(
                int(match.group(1)), int(match.group(2)), 1
            )
        except ValueError:
            monday = None
    if monday is None:
        raise ValidationError(
            _("Please enter a calendar week as YYYY-Www, e.g. 2026-W14."),
            code="invalid",
        )
    # Arithmetic on the bounds, never on the value: 9999-W52 plus 13 days overflows.
    if not (
        min + datetime.timedelta(days=7) <= monday <= max - datetime.timedelta(days=13)
    ):
        raise _out_of_range(min, max)
    return monday


def message(exc: ValidationError) -> str:
    """The first message of a ValidationError, for a 400 answer or a notice."""
    return str(exc.messages[0]) if exc.messages else str(exc)


class _Bounds:
    """A form field validator: the value's date lies between DATE_MIN and DATE_MAX."""

    def __init__(self, lower: datetime.date, upper: datetime.date) -> None:
        self.lower, self.upper = lower, upper

    def __call__(self, value: Any) -> None:
        if isinstance(value, datetime.date):
            check_date(value, min=self.lower, max=self.upper)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Bounds) and (self.lower, self.upper) == (
            other.lower,
            other.upper,
        )

    def __hash__(self) -> int:
        return hash((self.lower, self.upper))


def bound_form_field(
    field: forms.Field,
    *,
    min: datetime.date = DATE_MIN,
    max: datetime.date = DATE_MAX,
) -> forms.Field:
    """Limit a date or date-time form field to the bounds: a validator for the value
    and `min`/`max` on the widget, so the browser's date picker stops there too."""
    if not isinstance(field, forms.DateField | forms.DateTimeField):
        return field
    validator = _Bounds(min, max)
    if validator not in field.validators:
        field.validators = [*field.validators, validator]
    attrs = field.widget.attrs
    kind = getattr(field.widget, "input_type", None)  # Input pops attrs["type"]
    if kind == "date":
        attrs.setdefault("min", min.isoformat())
        attrs.setdefault("max", max.isoformat())
    elif kind == "datetime-local":
        attrs.setdefault("min", f"{min.isoformat()}T00:00")
        attrs.setdefault("max", f"{max.isoformat()}T23:59")
    return field


def is_bounded(field: forms.Field) -> bool:
    """Whether a form field carries the bounds (for the test that walks all forms)."""
    return any(isinstance(v, _Bounds) for v in field.validators)
