"""Writes of the compass app: tension fields, rounds, assessments, and putting a
field on a forum meeting's agenda."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.compass import tallies
from quartier.compass.models import (
    DEFAULT_FIELDS,
    SCALE_MAX,
    SCALE_MIN,
    Assessment,
    Perspective,
    Position,
    Round,
    RoundStatus,
    TensionField,
)
from quartier.core.models import Municipality, Neighborhood
from quartier.core.services import ensure_allowed, record_action

FIELD_FIELDS = ("name", "left_pole", "right_pole", "explanation", "order")
ROUND_FIELDS = ("title", "neighborhood", "description")


def default_fields_ensure(*, municipality: Municipality) -> int:
    """Create those of the seed's five tension fields that `municipality` lacks (by
    name); returns how many were created. Called for every new municipality."""
    existing = set(TensionField.objects.of(municipality).values_list("name", flat=True))
    missing = [
        TensionField(municipality=municipality, order=(i + 1) * 10, **spec)
        for i, spec in enumerate(DEFAULT_FIELDS)
        if spec["name"] not in existing
    ]
    TensionField.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def field_save(
    *,
    by: Any,
    municipality: Municipality,
    field: TensionField | None = None,
    **fields: Any,
) -> TensionField:
    """Add a municipality's own tension field, or change one (coordinators)."""
    if field is None:
        ensure_allowed(by, "compass.add_tensionfield", municipality)
        field = TensionField(municipality=municipality)
    else:
        ensure_allowed(by, "compass.change_tensionfield", field)
    unknown = set(fields) - set(FIELD_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(field, name, "" if value is None and name != "order" else value)
    if field.order is None:
        field.order = 0
    taken = TensionField.objects.of(municipality).filter(name=field.name)
    if field.pk:
        taken = taken.exclude(pk=field.pk)
    if taken.exists():
        raise ValidationError(
            {"name": _("This municipality already has a field with this name.")}
        )
    field.full_clean()
    field.save()
    record_action(by, municipality, "compass.save_tensionfield", field)
    return field


@transaction.atomic
def round_save(
    *,
    by: Any,
    municipality: Municipality,
    round: Round | None = None,  # noqa: A002 - the domain word
    **fields: Any,
) -> Round:
    """Create a round (as a draft) or change its title, neighbourhood and text."""
    if round is None:
        ensure_allowed(by, "compass.add_round", municipality)
        round = Round(municipality=municipality, status=RoundStatus.DRAFT)
    else:
        ensure_allowed(by, "compass.change_round", round)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    neighborhood = fields.get("neighborhood")
    if isinstance(neighborhood, Neighborhood) and (
        neighborhood.municipality_id != municipality.pk
    ):
        raise ValidationError({"neighborhood": _("Unknown neighbourhood.")})
    for name, value in fields.items():
        if value is None and name != "neighborhood":
            value = ""
        setattr(round, name, value)
    taken = Round.objects.of(municipality).filter(title=round.title)
    if round.pk:
        taken = taken.exclude(pk=round.pk)
    if taken.exists():
        raise ValidationError(
            {"title": _("Another round of this municipality has this title.")}
        )
    round.full_clean()
    round.save()
    record_action(by, municipality, "compass.save_round", round)
    return round


@transaction.atomic
def round_open(*, by: Any, round: Round) -> Round:  # noqa: A002
    """Open a draft (or reopen a closed) round for assessments."""
    ensure_allowed(by, "compass.change_round", round)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.OPEN:
        raise ValidationError(_("The round is already open."))
    if not TensionField.objects.of(round.municipality).active().exists():
        raise ValidationError(_("There is no tension field to assess."))
    round.status = RoundStatus.OPEN
    round.opened_at = round.opened_at or timezone.now()
    round.closed_at = None
    round.save(update_fields=["status", "opened_at", "closed_at"])
    record_action(by, round.municipality, "compass.open_round", round)
    return round


@transaction.atomic
def round_close(*, by: Any, round: Round) -> Round:  # noqa: A002
    """Close an open round: no new or changed assessments after this."""
    ensure_allowed(by, "compass.change_round", round)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round.save(update_fields=["status", "closed_at"])
    record_action(by, round.municipality, "compass.close_round", round)
    return round


def _check_value(errors: dict[str, list[str]], key: str, value: Any) -> int | None:
    """A whole number 0–100 (an int, or a string of digits), else an error."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    if number is None or not SCALE_MIN <= number <= SCALE_MAX:
        errors.setdefault(key, []).append(_("Enter a whole number from 0 to 100."))
        return None
    return number


@transaction.atomic
def assessment_save(
    *,
    by: Any,
    round: Round,  # noqa: A002
    perspective: str,
    positions: Mapping[int, Mapping[str, Any]],
) -> Assessment:
    """Create or replace `by`'s assessment of `round`.

    `positions` maps the id of every active tension field to
    `{"current": 0–100, "target": 0–100, "comment": str}`. Errors name the field
    as "f<id>_current", "f<id>_target" (the form's field names).
    """
    ensure_allowed(by, "compass.assess_round", round)
    # Lock the round: an assessment must not slip in while it is being closed.
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is not open for assessments."))
    if perspective not in Perspective.values:
        raise ValidationError({"perspective": _("Choose your perspective.")})
    fields = list(TensionField.objects.of(round.municipality).active())
    errors: dict[str, list[str]] = {}
    clean: dict[int, tuple[int, int, str]] = {}
    for field in fields:
        given = positions.get(field.pk)
        if given is None:
            errors.setdefault(f"f{field.pk}_current", []).append(
                _("Place this field on the scale.")
            )
            continue
        current = _check_value(errors, f"f{field.pk}_current", given.get("current"))
        target = _check_value(errors, f"f{field.pk}_target", given.get("target"))
        comment = str(given.get("comment") or "").strip()
        if len(comment) > 2000:
            errors.setdefault(f"f{field.pk}_comment", []).append(
                _("At most 2000 characters, please.")
            )
        if current is not None and target is not None:
            clean[field.pk] = (current, target, comment)
    if errors:
        raise ValidationError(errors)
    assessment = Assessment.objects.filter(round=round, user=by).first()
    existing: dict[int, Position] = {}
    before: tuple[str, dict[int, tuple[int, int, str]]] | None = None
    if assessment is not None:
        existing = {p.field_id: p for p in assessment.positions.all()}
        before = (
            assessment.perspective,
            {f: (p.current, p.target, p.comment) for f, p in existing.items()},
        )
    if assessment is None:
        try:
            with transaction.atomic():
                assessment = Assessment.objects.create(
                    municipality=round.municipality,
                    round=round,
                    user=by,
                    perspective=perspective,
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("You have already assessed this round; reload the page.")
            ) from exc
    elif assessment.perspective != perspective:
        assessment.perspective = perspective
        assessment.save(update_fields=["perspective", "updated_at"])
    else:
        assessment.save(update_fields=["updated_at"])
    new, changed = [], []
    for field_id, (current, target, comment) in clean.items():
        position = existing.get(field_id)
        if position is None:
            new.append(
                Position(
                    assessment=assessment,
                    field_id=field_id,
                    current=current,
                    target=target,
                    comment=comment,
                )
            )
        elif (position.current, position.target, position.comment) != (
            current,
            target,
            comment,
        ):
            position.current, position.target, position.comment = (
                current,
                target,
                comment,
            )
            changed.append(position)
    Position.objects.bulk_create(new)
    Position.objects.bulk_update(changed, ["current", "target", "comment"])
    # Positions of fields archived since keep their values and move with the
    # perspective, as the results count them.
    answers = {**(before[1] if before else {}), **clean}
    tallies.record(round, before, (perspective, answers))
    return assessment


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


@transaction.atomic
def field_to_agenda(
    *,
    by: Any,
    round: Round,  # noqa: A002
    field: TensionField,
    meeting: Any,
) -> Any:
    """Put a tension field of a round on the agenda of an upcoming forum meeting,
    as a discussion item that carries the round's key figures (coordinators)."""
    from quartier.compass.results import compute_round
    from quartier.forums.models import MeetingStatus
    from quartier.forums.services.meetings import agenda_item_add

    ensure_allowed(by, "compass.put_on_agenda", round)
    if meeting.municipality_id != round.municipality_id:
        raise ValidationError({"meeting": _("Unknown meeting.")})
    if meeting.status != MeetingStatus.PLANNED or meeting.starts_at < timezone.now():
        raise ValidationError(
            {"meeting": _("Choose a planned meeting that is still to come.")}
        )
    if field.municipality_id != round.municipality_id:
        raise ValidationError({"field": _("Unknown tension field.")})
    result = compute_round(round).field(field.pk)
    lines = [
        _("From the compass round “%(round)s”.") % {"round": round.title},
    ]
    if result is not None and result.overall.current.n:
        lines.append(
            _(
                "Median where we are: %(current)s, where we should be: %(target)s "
                "(0 = %(left)s, 100 = %(right)s); %(n)s assessments."
            )
            % {
                "current": _fmt(result.overall.current.median),
                "target": _fmt(result.overall.target.median),
                "left": field.left_pole,
                "right": field.right_pole,
                "n": result.overall.current.n,
            }
        )
        if result.divergence is not None:
            lines.append(
                _(
                    "The perspectives differ by up to %(points)s points "
                    "(where we are: %(current)s, where we should be: %(target)s)."
                )
                % {
                    "points": _fmt(result.divergence),
                    "current": _fmt(result.divergence_current),
                    "target": _fmt(result.divergence_target),
                }
            )
    lines.append(round.get_absolute_url())
    item = agenda_item_add(
        by=by,
        meeting=meeting,
        title=(_("Tension field: %(name)s") % {"name": field.name})[:200],
        description="\n".join(lines),
        kind="discussion",
    )
    record_action(by, round.municipality, "compass.field_to_agenda", item)
    return item
