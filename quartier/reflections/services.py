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
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core import adaptable_texts
from quartier.core.adaptable_texts import AdaptableText
from quartier.core.object_links import link_target_allowed
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.forums.models import AgendaItem, Decision, DecisionKind
from quartier.forums.services.decisions import Assignment, decision_record
from quartier.reflections.models import (
    Adaptation,
    Reflection,
    TextChange,
    TextChangeState,
)

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


# --- Changes to a text of another module (core/adaptable_texts.py) ---------------


def _adaptable(key: str) -> AdaptableText:
    spec = adaptable_texts.get(key)
    if spec is None:
        raise ValidationError({"target": _("Choose one of the offered entries.")})
    return spec


def _store(spec: AdaptableText, text: str) -> str:
    return clean_html(text) if spec.html else text


@transaction.atomic
def text_change_propose(
    *,
    by: Any,
    reflection: Reflection,
    key: str,
    obj: Any,
    text: str,
    reason: str,
    due_date: datetime.date | None = None,
    apply: bool = False,
) -> TextChange:
    """Record a "Was nun?" item that changes a text of another module (a forum's
    mandate, an initiative's plan, a fund's rules): proposed, or applied at once
    when `apply` (which needs the text's change permission, see text_change_apply).
    Only an object of the reflection's municipality that `by` may see."""
    ensure_allowed(by, "reflections.change_reflection", reflection)
    spec = _adaptable(key)
    if (
        not isinstance(obj, spec.model)
        or getattr(obj, "municipality_id", None) != reflection.municipality_id
        or not by.has_perm(spec.view_perm, obj)
    ):
        raise ValidationError({"target": _("Choose one of the offered entries.")})
    after = _store(spec, text.strip())
    if after == _store(spec, spec.current(obj).strip()):
        raise ValidationError(
            {"text": _("The new text is the same as the current one.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the text changes.")})
    change = TextChange.objects.create(
        municipality=reflection.municipality,
        reflection=reflection,
        key=spec.key,
        object_id=str(obj.pk),
        object_title=spec.describe(obj)[:300],
        before=spec.current(obj),
        after=after,
        reason=reason.strip(),
        due_date=due_date,
        proposed_by=by if by.is_authenticated else None,
    )
    record_action(
        by, reflection.municipality, "reflections.propose_text_change", change
    )
    if apply:
        text_change_apply(by=by, change=change)
    return change


@transaction.atomic
def text_change_apply(*, by: Any, change: TextChange) -> TextChange:
    """Write the proposed text through the owning app's service (which checks its
    own permission again) and keep the text as it was before: the object's change
    log entry. Needs the text's change permission on the object (e.g. only admins
    change a fund's rules)."""
    change = TextChange.objects.select_for_update().get(pk=change.pk)
    ensure_allowed(by, "reflections.change_reflection", change.reflection)
    if change.state != TextChangeState.PROPOSED:
        raise ValidationError(_("This change has already been decided."))
    spec = _adaptable(change.key)
    obj = change.target()
    if obj is None:
        raise ValidationError(_("The changed object no longer exists."))
    if not by.has_perm(spec.change_perm, obj):
        raise PermissionDenied(spec.change_perm)
    change.before = spec.current(obj)
    spec.write(by=by, obj=obj, text=change.after)
    obj.refresh_from_db(fields=[spec.field])
    change.after = spec.current(obj)  # as the app stored it
    change.state = TextChangeState.APPLIED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save()
    record_action(by, change.municipality, "reflections.apply_text_change", change)
    return change


@transaction.atomic
def text_change_drop(*, by: Any, change: TextChange) -> TextChange:
    """Drop a proposed change: the text stays as it is; the reflection shows it as
    dropped."""
    change = TextChange.objects.select_for_update().get(pk=change.pk)
    ensure_allowed(by, "reflections.change_reflection", change.reflection)
    if change.state != TextChangeState.PROPOSED:
        raise ValidationError(_("This change has already been decided."))
    change.state = TextChangeState.DROPPED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save()
    record_action(by, change.municipality, "reflections.drop_text_change", change)
    return change
