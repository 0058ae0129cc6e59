"""Writes of the initiatives app. Every function checks the permission and the state
itself and raises ValidationError (with the field it concerns) or PermissionDenied.

The phase rules live here (docs/initiatives.md, "Phasen"):
- the regular course runs one step at a time; going back is always allowed (e.g. to
  the concept after a pilot), Beendet needs a reason and is final;
- leaving a phase with open checklist items needs a reason for it;
- Verstetigung is refused while no pilot has a recorded learning result.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.models import Municipality
from quartier.core.object_links import link_target_allowed
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.initiatives.links import TARGETS_BY_KEY
from quartier.initiatives.models import (
    PHASE_ORDER,
    ChecklistItem,
    ChecklistTemplateItem,
    Follow,
    FollowUp,
    HealthCheck,
    Initiative,
    InitiativeLink,
    InitiativePartner,
    Phase,
    PhaseChange,
    Pilot,
    PilotDecision,
    Responsibility,
)

# The checklists a municipality starts with (it edits them on the defaults page).
DEFAULT_CHECKLISTS: dict[str, list[str]] = {
    Phase.IDEA: [
        "Bedarfe geklärt",
        "Bewohner:innen beteiligt",
        "Ähnliche Angebote im Quartier geprüft",
    ],
    Phase.CONCEPT: [
        "Ziele und Zielgruppen beschrieben",
        "Partner und Rollen vereinbart",
        "Finanzierung gesichert",
        "Gesundheitsfolgen geprüft (Health in all Policies)",
    ],
    Phase.PILOT: [
        "Hypothese formuliert",
        "Beobachtung und Messung geplant",
        "Bewohner:innen beteiligt",
    ],
    Phase.IMPLEMENTATION: [
        "Verantwortlichkeiten geklärt",
        "Räume und Termine gesichert",
        "Öffentlichkeitsarbeit in einfacher Sprache",
    ],
    Phase.CONSOLIDATION: [
        "Dauerhafte Finanzierung gesichert",
        "Träger für die Zukunft benannt",
        "Erfahrungen dokumentiert",
    ],
}

INITIATIVE_FIELDS = {
    "title",
    "summary",
    "description",
    "lead_actor",
    "lead_person",
    "starts_on",
    "planned_end_on",
    "visibility",
}


# ---------------------------------------------------------------------------
# Checklists


def ensure_default_checklists(municipality: Municipality) -> None:
    """Give a municipality the default checklists once (when it has none)."""
    if ChecklistTemplateItem.objects.of(municipality).exists():
        return
    ChecklistTemplateItem.objects.bulk_create(
        ChecklistTemplateItem(
            municipality=municipality, phase=phase, text=text, position=position
        )
        for phase, texts in DEFAULT_CHECKLISTS.items()
        for position, text in enumerate(texts)
    )


def _copy_checklist(initiative: Initiative, phase: str) -> None:
    """A phase's checklist starts as a copy of the municipality's defaults (once)."""
    if phase == Phase.ENDED or initiative.checklist.filter(phase=phase).exists():
        return
    ensure_default_checklists(initiative.municipality)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            initiative=initiative, phase=phase, text=item.text, position=item.position
        )
        for item in ChecklistTemplateItem.objects.of(initiative.municipality).filter(
            phase=phase
        )
    )


@transaction.atomic
def checklist_defaults_save(
    *, by: Any, municipality: Municipality, phase: str, lines: Iterable[str]
) -> list[ChecklistTemplateItem]:
    """Replace the default checklist of one phase (one item per line). Initiatives
    that are already in that phase keep their own copy."""
    ensure_allowed(by, "initiatives.manage_checklists", municipality)
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": _("Choose a phase.")})
    texts = [line.strip()[:200] for line in lines if line.strip()]
    ChecklistTemplateItem.objects.of(municipality).filter(phase=phase).delete()
    items = ChecklistTemplateItem.objects.bulk_create(
        ChecklistTemplateItem(
            municipality=municipality, phase=phase, text=text, position=position
        )
        for position, text in enumerate(texts)
    )
    record_action(by, municipality, "initiatives.manage_checklists", phase)
    return items


@transaction.atomic
def checklist_item_set(*, by: Any, item: ChecklistItem, done: bool) -> ChecklistItem:
    ensure_allowed(by, "initiatives.change_initiative", item.initiative)
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item


# ---------------------------------------------------------------------------
# Initiatives


def _check_lead(by: Any, municipality: Municipality, fields: dict[str, Any]) -> None:
    actor = fields.get("lead_actor")
    if actor is not None and actor.municipality_id != municipality.pk:
        raise ValidationError({"lead_actor": _("Choose an organisation of this town.")})
    person = fields.get("lead_person")
    if person is not None and person.role_in(municipality) is None:
        raise ValidationError(
            {"lead_person": _("Choose a member of this municipality.")}
        )
    if actor is None and person is None:
        raise ValidationError(
            {"lead_actor": _("Name the lead: an organisation or a person.")}
        )


def _set_relations(
    initiative: Initiative,
    *,
    neighborhoods: Iterable[Any] | None,
    topics: Iterable[Any] | None,
    target_groups: Iterable[Any] | None,
) -> None:
    municipality_id = initiative.municipality_id
    for name, values in (
        ("neighborhoods", neighborhoods),
        ("topics", topics),
        ("target_groups", target_groups),
    ):
        if values is None:
            continue
        values = list(values)
        if any(v.municipality_id != municipality_id for v in values):
            raise ValidationError({name: _("Choose from this town's list.")})
        getattr(initiative, name).set(
            values, through_defaults={"municipality_id": municipality_id}
        )


@transaction.atomic
def initiative_create(
    *,
    by: Any,
    municipality: Municipality,
    neighborhoods: Iterable[Any] = (),
    topics: Iterable[Any] = (),
    target_groups: Iterable[Any] = (),
    **fields: Any,
) -> Initiative:
    """Create an initiative in phase Idee with that phase's checklist. A partner
    (not the coordination) must name one of their own organisations as lead."""
    ensure_allowed(by, "initiatives.add_initiative", municipality)
    unknown = set(fields) - INITIATIVE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    _check_lead(by, municipality, fields)
    if not by.has_perm("initiatives.manage_checklists", municipality):
        actor = fields.get("lead_actor")
        if actor is None or not actor.members.filter(pk=by.pk).exists():
            raise ValidationError(
                {"lead_actor": _("Choose one of your own organisations as lead.")}
            )
    fields["description"] = clean_html(fields.get("description", ""))
    initiative = Initiative(municipality=municipality, **fields)
    initiative.full_clean(exclude=["municipality"])
    initiative.save()
    _set_relations(
        initiative,
        neighborhoods=neighborhoods,
        topics=topics,
        target_groups=target_groups,
    )
    PhaseChange.objects.create(
        initiative=initiative,
        old_phase="",
        new_phase=initiative.phase,
        changed_on=initiative.phase_since,
        changed_by=by if by.is_authenticated else None,
        comment=_("Initiative created"),
    )
    _copy_checklist(initiative, initiative.phase)
    record_action(by, municipality, "initiatives.add_initiative", initiative)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    by: Any,
    initiative: Initiative,
    neighborhoods: Iterable[Any] | None = None,
    topics: Iterable[Any] | None = None,
    target_groups: Iterable[Any] | None = None,
    **fields: Any,
) -> Initiative:
    ensure_allowed(by, "initiatives.change_initiative", initiative)
    unknown = set(fields) - INITIATIVE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    merged = {
        "lead_actor": initiative.lead_actor,
        "lead_person": initiative.lead_person,
        **fields,
    }
    _check_lead(by, initiative.municipality, merged)
    if "description" in fields:
        fields["description"] = clean_html(fields["description"])
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean(exclude=["municipality"])
    initiative.save()
    _set_relations(
        initiative,
        neighborhoods=neighborhoods,
        topics=topics,
        target_groups=target_groups,
    )
    record_action(
        by, initiative.municipality, "initiatives.change_initiative", initiative
    )
    return initiative


# ---------------------------------------------------------------------------
# Phases


def allowed_phases(initiative: Initiative) -> list[str]:
    """Where the initiative may go from here: one step on, any step back, or end."""
    if initiative.phase == Phase.ENDED:
        return []
    index = initiative.phase_index
    result = [str(p) for p in PHASE_ORDER[:index]]
    if index + 1 < len(PHASE_ORDER):
        result.append(str(PHASE_ORDER[index + 1]))
    result.append(str(Phase.ENDED))
    return result


def open_items(initiative: Initiative) -> list[ChecklistItem]:
    return list(initiative.checklist.filter(phase=initiative.phase, done_at=None))


def has_learning_result(initiative: Initiative) -> bool:
    return any(p.has_learning for p in initiative.pilots.all())


def _notify_followers(initiative: Initiative, change: PhaseChange) -> None:
    from quartier.core.maillinks import absolute_url
    from quartier.core.tasks import lazy_subject, queue_email

    emails = list(
        Follow.objects.filter(initiative=initiative, user__is_active=True)
        .exclude(user=change.changed_by)
        .values_list("user__email", flat=True)
    )
    if not emails:
        return
    context = {
        "initiative": initiative,
        "change": change,
        "new_phase": initiative.get_phase_display(),
        "url": absolute_url(initiative.get_absolute_url()),
    }
    subject = lazy_subject(gettext_lazy("New phase: %(title)s"), title=initiative.title)

    def send() -> None:
        for email in emails:
            queue_email(
                to=email,
                subject=subject,
                template="initiatives/email/phase_changed.txt",
                context=context,
            )

    transaction.on_commit(send)


def _move(
    *,
    by: Any,
    initiative: Initiative,
    to: str,
    comment: str,
    changed_on: datetime.date,
    open_texts: str = "",
    reason: str = "",
) -> PhaseChange:
    change = PhaseChange.objects.create(
        initiative=initiative,
        old_phase=initiative.phase,
        new_phase=to,
        changed_on=changed_on,
        changed_by=by if by.is_authenticated else None,
        comment=comment,
        open_items=open_texts,
        reason=reason,
    )
    initiative.phase = to
    initiative.phase_since = changed_on
    fields = ["phase", "phase_since", "updated_at"]
    if to == Phase.ENDED:
        initiative.end_reason = comment
        fields.append("end_reason")
    initiative.save(update_fields=fields)
    _copy_checklist(initiative, to)
    record_action(by, initiative.municipality, "initiatives.change_phase", initiative)
    _notify_followers(initiative, change)
    return change


@transaction.atomic
def phase_change(
    *,
    by: Any,
    initiative: Initiative,
    to: str,
    comment: str = "",
    reason: str = "",
    changed_on: datetime.date | None = None,
) -> PhaseChange:
    """Move an initiative to another phase and keep the change as history."""
    ensure_allowed(by, "initiatives.change_phase", initiative)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    comment, reason = comment.strip(), reason.strip()
    if to not in allowed_phases(initiative):
        if initiative.phase == Phase.ENDED:
            message = _("The initiative has ended; its phase no longer changes.")
        else:
            message = _(
                "Phases follow one another: the next one, an earlier one, or ended."
            )
        raise ValidationError({"to": message})
    if to == Phase.ENDED and not comment:
        raise ValidationError({"comment": _("Say why the initiative ends.")})
    if to == Phase.CONSOLIDATION and not has_learning_result(initiative):
        raise ValidationError(
            {
                "to": _(
                    "Consolidation needs a learning result: record in the pilot what "
                    "was learnt about the hypothesis first."
                )
            }
        )
    changed_on = changed_on or timezone.localdate()
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date cannot lie in the future.")})
    still_open = open_items(initiative)
    if still_open and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "%(count)d checklist items of this phase are still open "
                    "(%(items)s). Say why the phase changes anyway."
                )
                % {
                    "count": len(still_open),
                    "items": ", ".join(i.text for i in still_open),
                }
            }
        )
    return _move(
        by=by,
        initiative=initiative,
        to=to,
        comment=comment,
        changed_on=changed_on,
        open_texts="\n".join(i.text for i in still_open),
        reason=reason if still_open else "",
    )


# ---------------------------------------------------------------------------
# Pilots

PILOT_FIELDS = {
    "hypothesis_if",
    "hypothesis_then",
    "measured_by",
    "starts_on",
    "ends_on",
    "observed",
}


@transaction.atomic
def pilot_save(
    *, by: Any, initiative: Initiative, pilot: Pilot | None = None, **fields: Any
) -> Pilot:
    """Describe a pilot (only in phase Erprobung; a concluded one stays as it is)."""
    ensure_allowed(by, "initiatives.change_initiative", initiative)
    if set(fields) - PILOT_FIELDS:
        raise ValidationError(_("Unknown fields."))
    if pilot is None:
        if initiative.phase != Phase.PILOT:
            raise ValidationError(
                _(
                    "A pilot is described in phase “Pilot phase”; change the phase first."
                )
            )
        if initiative.pilots.filter(decision="").exists():
            raise ValidationError(
                _("Conclude the running pilot before starting another.")
            )
        pilot = Pilot(initiative=initiative)
    elif pilot.is_concluded:
        raise ValidationError(_("A concluded pilot is kept as it was."))
    for name, value in fields.items():
        setattr(pilot, name, value)
    if pilot.starts_on and pilot.ends_on and pilot.ends_on < pilot.starts_on:
        raise ValidationError({"ends_on": _("The pilot must end after it starts.")})
    pilot.full_clean(exclude=["initiative"])
    pilot.save()
    record_action(by, initiative.municipality, "initiatives.save_pilot", initiative)
    return pilot


@transaction.atomic
def pilot_conclude(
    *,
    by: Any,
    pilot: Pilot,
    learning: str,
    decision: str,
    changes: str = "",
    decided_on: datetime.date | None = None,
) -> Pilot:
    """Record what was learnt and decide: stop (the initiative ends), adapt (back to
    the concept, with the changes recorded) or consolidate (on to implementation)."""
    initiative = pilot.initiative
    ensure_allowed(by, "initiatives.change_phase", initiative)
    if pilot.is_concluded:
        raise ValidationError(_("This pilot is already concluded."))
    learning, changes = learning.strip(), changes.strip()
    errors = {}
    if not learning:
        errors["learning"] = _("Write down what was learnt about the hypothesis.")
    if decision not in PilotDecision.values:
        errors["decision"] = _("Choose a decision.")
    if decision == PilotDecision.ADAPT and not changes:
        errors["changes"] = _("Say what changes in the concept.")
    if errors:
        raise ValidationError(errors)
    decided_on = decided_on or timezone.localdate()
    pilot.learning, pilot.decision, pilot.changes = learning, decision, changes
    pilot.decided_on = decided_on
    pilot.save(update_fields=["learning", "decision", "changes", "decided_on"])
    if initiative.phase == Phase.PILOT:
        target, comment = {
            PilotDecision.STOP: (Phase.ENDED, _("Pilot stopped: %s") % learning),
            PilotDecision.ADAPT: (
                Phase.CONCEPT,
                _("Pilot adapted, back to the concept: %s") % changes,
            ),
            PilotDecision.CONSOLIDATE: (
                Phase.IMPLEMENTATION,
                _("Pilot confirmed, to be implemented: %s") % learning,
            ),
        }[PilotDecision(decision)]
        still_open = open_items(initiative)
        _move(
            by=by,
            initiative=initiative,
            to=target,
            comment=comment,
            changed_on=decided_on,
            open_texts="\n".join(i.text for i in still_open),
            reason=_("The pilot was concluded.") if still_open else "",
        )
    record_action(by, initiative.municipality, "initiatives.conclude_pilot", initiative)
    return pilot


# ---------------------------------------------------------------------------
# Partners, responsibilities, follow-ups


@transaction.atomic
def partner_add(
    *, by: Any, initiative: Initiative, actor: Any, role: str
) -> InitiativePartner:
    ensure_allowed(by, "initiatives.change_initiative", initiative)
    if actor.municipality_id != initiative.municipality_id:
        raise ValidationError({"actor": _("Choose an organisation of this town.")})
    if initiative.partnerships.filter(actor=actor).exists():
        raise ValidationError({"actor": _("This organisation is already a partner.")})
    partner = InitiativePartner(initiative=initiative, actor=actor, role=role)
    partner.full_clean()
    partner.save()
    record_action(by, initiative.municipality, "initiatives.add_partner", partner)
    return partner


@transaction.atomic
def partner_remove(*, by: Any, partner: InitiativePartner) -> None:
    ensure_allowed(by, "initiatives.change_initiative", partner.initiative)
    record_action(
        by, partner.initiative.municipality, "initiatives.remove_partner", partner
    )
    partner.delete()


@transaction.atomic
def responsibility_add(
    *,
    by: Any,
    initiative: Initiative,
    role: str,
    actor: Any = None,
    user: Any = None,
    task: str = "",
) -> Responsibility:
    ensure_allowed(by, "initiatives.change_initiative", initiative)
    if actor is None and user is None:
        raise ValidationError({"actor": _("Name an organisation or a person.")})
    if actor is not None and actor.municipality_id != initiative.municipality_id:
        raise ValidationError({"actor": _("Choose an organisation of this town.")})
    if user is not None and user.role_in(initiative.municipality) is None:
        raise ValidationError({"user": _("Choose a member of this municipality.")})
    responsibility = Responsibility(
        initiative=initiative, role=role, actor=actor, user=user, task=task
    )
    responsibility.full_clean()
    responsibility.save()
    record_action(
        by, initiative.municipality, "initiatives.add_responsibility", initiative
    )
    return responsibility


@transaction.atomic
def responsibility_remove(*, by: Any, responsibility: Responsibility) -> None:
    ensure_allowed(by, "initiatives.change_initiative", responsibility.initiative)
    record_action(
        by,
        responsibility.initiative.municipality,
        "initiatives.remove_responsibility",
        responsibility.initiative,
    )
    responsibility.delete()


@transaction.atomic
def follow_up_add(
    *,
    by: Any,
    initiative: Initiative,
    due_on: datetime.date,
    note: str,
    person: Any = None,
) -> FollowUp:
    ensure_allowed(by, "initiatives.change_initiative", initiative)
    if person is not None and person.role_in(initiative.municipality) is None:
        raise ValidationError({"person": _("Choose a member of this municipality.")})
    follow_up = FollowUp(initiative=initiative, due_on=due_on, note=note, person=person)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_done(*, by: Any, follow_up: FollowUp) -> FollowUp:
    ensure_allowed(by, "initiatives.change_initiative", follow_up.initiative)
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])
    return follow_up


# ---------------------------------------------------------------------------
# Links


@transaction.atomic
def link_add(
    *, by: Any, initiative: Initiative, key: str, target: Any
) -> InitiativeLink:
    """Link an object of another module: only by whoever may edit both, and only
    to an object of the initiative's municipality that they may see."""
    ensure_allowed(by, "initiatives.link_initiative", initiative)
    spec = TARGETS_BY_KEY.get(key)
    if spec is None or target._meta.label != spec.model:
        raise ValidationError({"kind": _("Choose what to link.")})
    if not link_target_allowed(by, target, source=initiative):
        raise ValidationError({"target": _("This object cannot be linked here.")})
    if not by.has_perm(spec.edit_perm, target):
        raise ValidationError(
            {"target": _("You may only link objects that you may edit yourself.")}
        )
    link, created = InitiativeLink.objects.get_or_create(
        initiative=initiative, kind=key, object_id=str(target.pk)
    )
    if not created:
        raise ValidationError({"target": _("This object is already linked.")})
    record_action(
        by, initiative.municipality, "initiatives.link_initiative", initiative
    )
    return link


@transaction.atomic
def link_remove(*, by: Any, link: InitiativeLink) -> None:
    ensure_allowed(by, "initiatives.link_initiative", link.initiative)
    record_action(
        by,
        link.initiative.municipality,
        "initiatives.unlink_initiative",
        link.initiative,
    )
    link.delete()


# ---------------------------------------------------------------------------
# Following, health-in-all-policies check


@transaction.atomic
def follow_set(*, by: Any, initiative: Initiative, follow: bool) -> bool:
    if not by.has_perm("initiatives.follow_initiative", initiative):
        raise PermissionDenied("initiatives.follow_initiative")
    if follow:
        Follow.objects.get_or_create(user=by, initiative=initiative)
    else:
        Follow.objects.filter(user=by, initiative=initiative).delete()
    return follow


HEALTH_CHECK_FIELDS = {
    "layers",
    "benefits",
    "left_out",
    "reaches_low_income",
    "reaches_without_german",
    "reaches_disabled",
    "equity_notes",
    "departments",
}


@transaction.atomic
def health_check_save(*, by: Any, initiative: Initiative, **fields: Any) -> HealthCheck:
    ensure_allowed(by, "initiatives.change_healthcheck", initiative)
    if set(fields) - HEALTH_CHECK_FIELDS:
        raise ValidationError(_("Unknown fields."))
    from quartier.initiatives.models import Layer

    layers = sorted({int(v) for v in fields.pop("layers", [])})
    if any(v not in Layer.values for v in layers):
        raise ValidationError({"layers": _("Choose from the five layers.")})
    check, _created = HealthCheck.objects.get_or_create(initiative=initiative)
    check.layers = layers
    for name, value in fields.items():
        setattr(check, name, value)
    check.full_clean()
    check.save()
    record_action(
        by, initiative.municipality, "initiatives.change_healthcheck", initiative
    )
    return check


# ---------------------------------------------------------------------------
# Local adaptation of a programme


@transaction.atomic
def adaptation_save(
    *,
    by: Any,
    initiative: Initiative,
    programme: Any,
    needs_analysis: str = "",
    fits: dict[int, dict[str, Any]] | None = None,
) -> Any:
    """Base the initiative on a programme of the municipality's or the shared
    library and record how each element is carried out here. Choosing another
    programme starts the element list afresh. A core element that is not kept
    needs a reason (its effect is then in question)."""
    from quartier.initiatives.models import Adaptation, ElementFit
    from quartier.programmes.models import Programme

    ensure_allowed(by, "initiatives.change_initiative", initiative)
    if (
        not Programme.objects.library_of(initiative.municipality)
        .filter(pk=programme.pk)
        .exists()
    ):
        raise ValidationError({"programme": _("Choose a programme of the library.")})
    adaptation = Adaptation.objects.filter(initiative=initiative).first()
    if adaptation is None:
        adaptation = Adaptation(initiative=initiative, programme=programme)
    elif adaptation.programme_id != programme.pk:
        adaptation.fits.all().delete()
        adaptation.programme = programme
    adaptation.needs_analysis = needs_analysis.strip()
    adaptation.save()
    elements = {e.pk: e for e in programme.elements.all()}
    errors = {}
    for element_id, values in (fits or {}).items():
        element = elements.get(element_id)
        if element is None:
            continue
        kept = bool(values.get("kept", True))
        why = str(values.get("why", "")).strip()
        if element.kind == "core" and not kept and not why:
            errors[f"why_{element_id}"] = _(
                "A core element that is not kept needs a reason."
            )
        ElementFit.objects.update_or_create(
            adaptation=adaptation,
            element=element,
            defaults={
                "kept": kept,
                "local_version": str(values.get("local_version", "")).strip(),
                "why": why,
            },
        )
    if errors:
        raise ValidationError(errors)
    record_action(
        by, initiative.municipality, "initiatives.save_adaptation", initiative
    )
    return adaptation
