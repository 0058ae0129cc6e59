"""The one guarded way to read dates (quartier/core/dates.py) and its use by every
form (issue 11, "Dates and weeks")."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from quartier.core import dates
from quartier.core.forms import KernForm, KernFormMixin


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("2026-03-31", datetime.date(2026, 3, 31)),
        (" 1900-01-01 ", datetime.date(1900, 1, 1)),
    ],
)
def test_parse_date_accepts_dates_inside_the_bounds(raw, expected):
    assert dates.parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["0001-01-01", "9999-12-31", "1899-12-31", "2026-02-30", "heute", "1e400"]
)
def test_parse_date_refuses_the_rest_in_german(raw):
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        dates.parse_date(raw)
    assert "Bitte geben Sie" in exc.value.messages[0]


def test_parse_datetime_reads_offsets_and_makes_naive_values_local():
    value = dates.parse_datetime("2026-03-31T18:00:00 02:00")  # "+" as a space
    assert value.utcoffset() == datetime.timedelta(hours=2)
    assert dates.parse_datetime("2026-03-31").tzinfo is not None
    assert dates.parse_datetime(None) is None


@pytest.mark.parametrize(
    "raw",
    [
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59",
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+23:59",
        "2026-13-01T00:00",
        "2026-01-01T25:00",
    ],
)
def test_parse_datetime_refuses_extremes(raw):
    with pytest.raises(ValidationError):
        dates.parse_datetime(raw)


def test_parse_week():
    assert dates.parse_week("2026-W14") == datetime.date(2026, 3, 30)
    assert dates.parse_week("") is None
    for raw in ("9999-W52", "0001-W01", "2026-W54", "2026-W00", "W14"):
        with pytest.raises(ValidationError):
            dates.parse_week(raw)


def test_a_week_at_the_edge_still_has_its_neighbours():
    last = dates.parse_week("2199-W50")
    assert last + datetime.timedelta(days=13) <= dates.DATE_MAX


def test_parse_time():
    assert dates.parse_time("18:30") == datetime.time(18, 30)
    with pytest.raises(ValidationError):
        dates.parse_time("25:00")


class _Form(KernForm):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


@pytest.mark.parametrize(
    ("day", "moment"),
    [
        ("0001-01-01", "0001-01-01T00:00"),
        ("9999-12-31", "9999-12-31T23:59"),
    ],
)
def test_every_form_date_field_is_bounded_with_a_german_message(day, moment):
    with translation.override("de"):
        form = _Form(data={"day": day, "moment": moment})
        assert not form.is_valid()
        assert "Bitte geben Sie ein Datum zwischen" in form.errors["day"][0]
        assert "Bitte geben Sie ein Datum zwischen" in form.errors["moment"][0]
    html = str(_Form()["day"])
    assert 'min="1900-01-01"' in html and 'max="2199-12-31"' in html


def _form_classes():
    import importlib
    import pkgutil

    import quartier

    for info in pkgutil.walk_packages(quartier.__path__, "quartier."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        if not info.name.rsplit(".", 1)[-1].startswith("forms"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


def test_every_form_with_a_date_field_gets_the_bounds():
    """Every form of the project with a date or date-time field inherits
    KernFormMixin, which bounds those fields (also fields added in __init__)."""
    with_dates = [
        form
        for form in _form_classes()
        if any(
            isinstance(f, forms.DateField | forms.DateTimeField)
            for f in form.base_fields.values()
        )
    ]
    assert len(with_dates) >= 5, with_dates
    unbounded = [f.__name__ for f in with_dates if not issubclass(f, KernFormMixin)]
    assert not unbounded


def test_every_form_choice_field_offers_bitte_waehlen():
    """No "---------": every form of the project whose choice fields have an empty
    choice shows "Bitte wählen" (forms that need arguments are built with the
    fields they declare)."""
    from quartier.core.forms import _plain_empty_choice

    seen = 0
    for form in _form_classes():
        for name, field in form.base_fields.items():
            field = field.__deepcopy__({})
            _plain_empty_choice(field)
            if isinstance(field, forms.ModelChoiceField):
                label = field.empty_label
            elif isinstance(field, forms.ChoiceField):
                first = list(field.choices)[:1]
                label = first[0][1] if first and first[0][0] == "" else None
            else:
                continue
            seen += 1
            assert label != "---------", f"{form.__name__}.{name}"
    assert seen > 10
    with translation.override("de"):
        assert str(dates_form_choice()) == "Bitte wählen"


def dates_form_choice():
    from quartier.core.forms import EMPTY_CHOICE

    return EMPTY_CHOICE
