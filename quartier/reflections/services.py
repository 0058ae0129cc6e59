"""Writes of the reflections app: reflections and their tracked adaptations.

An adaptation is recorded in the forums' decisions register through
`decision_record` (owner, due date, RACI, follow-up on the next meeting), so the
register stays the one place where changes are tracked.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.core.object_links import link_target_allowed
from quartier.core.services import ensure_allowed, record_action
from quartier.forums.models import AgendaItem, Decision, DecisionKind
from quartier.forums.services.decisions import Assignment, decision_record
from quartier.reflections.models import Adaptation, Reflection

SUBJECT_PERMS = {
    "meeting": "forums.view_meeting",
    "compass_round": "compass.view_round",
    "compass_field": "compass.view_tensionfield",
    "initiative": "initiatives.view_initiative",
    "fund": "funds.view_fund",
}


def _check_subjects(by: Any, municipality: Any, values: dict[str, Any]) -> None:
    errors: dict[str, Any] = {}
    for name, perm in SUBJECT_PERMS.items():
        obj = values.get(name)
        if obj is None:
            continue
        if obj.municipality_id != municipality.pk or not by.has_perm(perm, obj):
            errors[name] = _("Choose one of the offered entries.")
    if values.get("fund") is not None and not values.get("fund_year"):
        errors["fund_year"] = _("Say which year of the fund you reflect on.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def reflection_save(
    *,
    by: Any,
    municipality: Any,
    reflection: Reflection | None = None,
    title: str,
    what: str,
    so_what: str = "",
    now_what: str = "",
    held_on: datetime.date,
    meeting: Any = None,
    compass_round: Any = None,
    compass_field: Any = None,
    initiative: Any = None,
    fund: Any = None,
    fund_year: int | None = None,
) -> Reflection:
    """Create or change a reflection (coordinators and forum moderators)."""
    if reflection is None:
        ensure_allowed(by, "reflections.add_reflection", municipality)
        reflection = Reflection(municipality=municipality)
    else:
        ensure_allowed(by, "reflections.change_reflection", reflection)
    values = {
        "meeting": meeting,
        "compass_round": compass_round,
        "compass_field": compass_field,
        "initiative": initiative,
        "fund": fund,
        "fund_year": fund_year,
    }
    _check_subjects(by, municipality, values)
    if not title.strip():
        raise ValidationError({"title": _("Give the reflection a title.")})
    if not what.strip():
        raise ValidationError({"what": _("Say what happened.")})
    reflection.title = title.strip()
    reflection.what = what.strip()
    reflection.so_what = so_what.strip()
    reflection.now_what = now_what.strip()
    reflection.held_on = held_on
    for name, value in values.items():
        setattr(reflection, name, value)
    reflection.full_clean()
    created = reflection.pk is None
    reflection.save()
    record_action(
        by,
        municipality,
        "reflections.add_reflection" if created else "reflections.change_reflection",
        reflection.title,
    )
    return reflection


@transaction.atomic
def adaptation_record(
    *,
    by: Any,
    reflection: Reflection,
    agenda_item: AgendaItem,
    text: str,
    due_date: datetime.date | None,
    responsibilities: list[Assignment],
    kind: str = DecisionKind.AGREEMENT,
) -> Adaptation:
    """Record a "Was nun?" item as a decision under `agenda_item` and keep it as an
    adaptation of `reflection` (the decision's page shows the reflection)."""
    ensure_allowed(by, "reflections.change_reflection", reflection)
    if agenda_item.municipality_id != reflection.municipality_id:
        raise ValidationError({"agenda_item": _("Choose one of the offered entries.")})
    decision = decision_record(
        by=by,
        agenda_item=agenda_item,
        text=text,
        rationale=_("Adaptation from the reflection “%(title)s”.")
        % {"title": reflection.title},
        kind=kind,
        due_date=due_date,
        responsibilities=responsibilities,
    )
    adaptation = Adaptation.objects.create(reflection=reflection, decision=decision)
    record_action(
        by, reflection.municipality, "reflections.add_adaptation", reflection.title
    )
    return adaptation


@transaction.atomic
def adaptation_link(*, by: Any, decision: Decision, reflection: Any) -> Adaptation:
    """Count an existing decision as an adaptation of a reflection the person may
    see (the link registry's write check, core/object_links.py)."""
    ensure_allowed(by, "reflections.link_decision", decision)
    if not link_target_allowed(by, reflection, source=decision):
        raise ValidationError({"reflection": _("Choose one of the offered entries.")})
    if not by.has_perm("reflections.change_reflection", reflection):
        raise PermissionDenied
    adaptation, _created = Adaptation.objects.get_or_create(
        reflection=reflection, decision=decision
    )
    record_action(
        by, decision.municipality, "reflections.add_adaptation", reflection.title
    )
    return adaptation
