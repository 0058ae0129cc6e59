"""Writes of the impact app: goals, impact models, indicators, measurements.

Every function checks the permission itself (views check too) and raises
ValidationError with a message for the field it concerns.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core import indicator_sources
from quartier.core.indicator_sources import NotAvailable
from quartier.core.models import Municipality
from quartier.core.object_links import link_target_allowed
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.impact.models import (
    Goal,
    ImpactModel,
    Indicator,
    IndicatorKind,
    Measurement,
    Window,
    as_decimal,
)

GOAL_FIELDS = ("title", "neighborhood", "narrative", "decision", "visibility")
MODEL_FIELDS = tuple(f"stage_{n}" for n in range(1, 8)) + tuple(
    f"assumption_{n}" for n in range(1, 7)
)
INDICATOR_FIELDS = (
    "stage",
    "name",
    "unit",
    "kind",
    "source_key",
    "source_option",
    "window",
    "source_text",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "direction",
)


def _set(obj: Any, allowed: tuple[str, ...], fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def goal_save(
    *, by: Any, municipality: Municipality, goal: Goal | None = None, **fields: Any
) -> Goal:
    """Add a goal or change one (coordinators); the narrative is sanitised."""
    if goal is None:
        ensure_allowed(by, "impact.add_goal", municipality)
        goal = Goal(municipality=municipality)
    else:
        ensure_allowed(by, "impact.change_goal", goal)
    _set(goal, GOAL_FIELDS, fields)
    goal.narrative = clean_html(goal.narrative or "")
    neighborhood = fields.get("neighborhood")
    if neighborhood is not None and neighborhood.municipality_id != municipality.pk:
        raise ValidationError({"neighborhood": _("Choose a neighbourhood of yours.")})
    decision = fields.get("decision")
    if decision is not None and (
        decision.municipality_id != municipality.pk
        or not by.has_perm("forums.view_decision", decision)
    ):
        raise ValidationError({"decision": _("Choose a decision of your forums.")})
    goal.full_clean()
    goal.save()
    record_action(by, municipality, "impact.save_goal", goal)
    return goal


@transaction.atomic
def goal_link_initiative(*, by: Any, goal: Goal, initiative: Any) -> None:
    """Link an initiative that works towards the goal (only one the person may see,
    of the goal's municipality)."""
    ensure_allowed(by, "impact.change_goal", goal)
    if not link_target_allowed(by, initiative, source=goal):
        raise ValidationError({"initiative": _("Choose an initiative of the list.")})
    goal.initiatives.add(
        initiative, through_defaults={"municipality_id": goal.municipality_id}
    )
    record_action(by, goal.municipality, "impact.link_goal", goal)


@transaction.atomic
def goal_unlink_initiative(*, by: Any, goal: Goal, initiative: Any) -> None:
    ensure_allowed(by, "impact.change_goal", goal)
    goal.initiatives.remove(initiative)
    record_action(by, goal.municipality, "impact.unlink_goal", goal)


@transaction.atomic
def model_save(
    *,
    by: Any,
    municipality: Municipality,
    model: ImpactModel | None = None,
    goal: Goal | None = None,
    initiative: Any = None,
    **fields: Any,
) -> ImpactModel:
    """The impact model of a goal or an initiative: its seven stages and the
    assumptions between them, in plain words."""
    if model is None:
        ensure_allowed(by, "impact.add_impactmodel", municipality)
        owner = goal or initiative
        if owner is None or owner.municipality_id != municipality.pk:
            raise ValidationError(_("An impact model belongs to a goal or initiative."))
        if ImpactModel.objects.filter(goal=goal, initiative=initiative).exists():
            raise ValidationError(_("There is an impact model already."))
        model = ImpactModel(municipality=municipality, goal=goal, initiative=initiative)
    else:
        ensure_allowed(by, "impact.change_impactmodel", model)
    _set(model, MODEL_FIELDS, {k: (v or "").strip() for k, v in fields.items()})
    model.full_clean()
    model.save()
    record_action(by, municipality, "impact.save_impactmodel", model)
    return model


def _check_source(indicator: Indicator) -> None:
    if indicator.kind != IndicatorKind.COMPUTED:
        indicator.source_key = ""
        indicator.source_option = ""
        return
    source = indicator_sources.get(indicator.source_key)
    if source is None:
        raise ValidationError(
            {"source_key": _("Choose what the indicator is computed from.")}
        )
    option = indicator.source_option or ""
    if source.options is None:
        indicator.source_option = ""
        return
    choices = {value for value, _label in source.options(indicator.municipality)}
    if option and option not in choices:
        raise ValidationError({"source_option": _("Choose one of the list.")})
    if source.option_required and not option:
        raise ValidationError(
            {
                "source_option": _("This source needs a choice: %(what)s.")
                % {"what": source.option_label}
            }
        )


@transaction.atomic
def indicator_save(
    *,
    by: Any,
    impact_model: ImpactModel,
    indicator: Indicator | None = None,
    **fields: Any,
) -> Indicator:
    """Add an indicator to a stage of an impact model, or change one."""
    if indicator is None:
        ensure_allowed(by, "impact.add_indicator", impact_model)
        indicator = Indicator(
            municipality=impact_model.municipality, impact_model=impact_model
        )
    else:
        ensure_allowed(by, "impact.change_indicator", indicator)
    _set(indicator, INDICATOR_FIELDS, fields)
    for name in ("source_key", "source_option", "source_text", "unit", "name"):
        setattr(indicator, name, (getattr(indicator, name) or "").strip())
    if not indicator.window:
        indicator.window = Window.YEAR
    _check_source(indicator)
    if (
        indicator.baseline_date
        and indicator.target_date
        and indicator.target_date <= indicator.baseline_date
    ):
        raise ValidationError(
            {"target_date": _("The target date must come after the baseline date.")}
        )
    if indicator.baseline_value is not None and indicator.baseline_date is None:
        raise ValidationError(
            {"baseline_date": _("Give the date of the baseline value.")}
        )
    indicator.full_clean()
    indicator.save()
    record_action(by, indicator.municipality, "impact.save_indicator", indicator)
    return indicator


@transaction.atomic
def measurement_record(
    *,
    by: Any,
    indicator: Indicator,
    date: datetime.date,
    value: Decimal,
    note: str = "",
) -> Measurement:
    """Record a value of a recorded indicator by hand (one per day)."""
    ensure_allowed(by, "impact.record_measurement", indicator)
    if indicator.is_computed:
        raise ValidationError(
            _("This indicator is computed; its values cannot be typed in.")
        )
    if date > timezone.localdate():
        raise ValidationError({"date": _("A measurement cannot lie in the future.")})
    if Measurement.objects.filter(indicator=indicator, date=date).exists():
        raise ValidationError({"date": _("There is a value for this day already.")})
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                municipality=indicator.municipality,
                indicator=indicator,
                date=date,
                value=as_decimal(value),
                note=(note or "").strip(),
                recorded_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:  # a parallel request recorded the same day
        raise ValidationError(
            {"date": _("There is a value for this day already.")}
        ) from exc
    record_action(by, indicator.municipality, "impact.record_measurement", indicator)
    return measurement


def window_start(indicator: Indicator, on: datetime.date) -> datetime.date:
    """The first day counted for a computed measurement on `on`."""
    months = {str(Window.MONTH): 1, str(Window.QUARTER): 3}.get(indicator.window, 12)
    year, month = on.year, on.month - months
    while month < 1:
        month += 12
        year -= 1
    day = min(on.day, 28)
    return datetime.date(year, month, day) + datetime.timedelta(days=1)


def indicator_compute(
    *, indicator: Indicator, on: datetime.date | None = None, by: Any = None
) -> Measurement:
    """Compute a computed indicator for the day `on` (today) and store it,
    replacing that day's value. NotAvailable becomes a ValidationError."""
    if by is not None:
        ensure_allowed(by, "impact.compute_indicator", indicator)
    if not indicator.is_computed:
        raise ValidationError(_("This indicator is recorded by hand."))
    on = on or timezone.localdate()
    try:
        value = indicator_sources.compute(
            indicator.source_key,
            indicator.municipality,
            indicator.impact_model.neighborhood,
            window_start(indicator, on),
            on,
            indicator.source_option or None,
        )
    except NotAvailable as exc:
        raise ValidationError(str(exc)) from exc
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        date=on,
        defaults={
            "municipality": indicator.municipality,
            "value": as_decimal(value).quantize(Decimal("0.01")),
            "computed": True,
        },
    )
    if by is not None:
        record_action(by, indicator.municipality, "impact.compute_indicator", indicator)
    return measurement


def compute_all(
    municipality: Municipality | None = None, on: datetime.date | None = None
) -> tuple[int, int]:
    """Every computed indicator (of one municipality): (stored, not available)."""
    indicators = Indicator.objects.filter(kind=IndicatorKind.COMPUTED).select_related(
        "municipality", "impact_model__goal__neighborhood"
    )
    if municipality is not None:
        indicators = indicators.filter(municipality=municipality)
    stored = missing = 0
    for indicator in indicators:
        try:
            with transaction.atomic():
                indicator_compute(indicator=indicator, on=on)
            stored += 1
        except ValidationError:
            missing += 1
    return stored, missing
