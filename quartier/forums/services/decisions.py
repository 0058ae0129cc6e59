"""Writes of the forums app: decisions, their status log and responsibilities (RACI),
and the follow-up of due decisions on the next meeting of their forum."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from quartier.actors.models import Actor
from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.forums.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemStatus,
    Decision,
    DecisionStatus,
    DecisionStatusChange,
    Meeting,
    MeetingStatus,
    RaciRole,
    Responsibility,
)


@dataclass(frozen=True)
class Assignment:
    """One RACI entry as the services take it: a role and an actor or a person."""

    role: str
    actor: Actor | None = None
    user: Any = None


def decision_label(decision: Decision) -> str:
    """The number people quote, e.g. "2026-14": year of the decision and running
    number of the municipality."""
    return f"{decision.decided_on:%Y}-{decision.number}"


def _check_assignments(
    municipality: Municipality, assignments: Iterable[Assignment]
) -> list[Assignment]:
    """Every entry names one actor of the municipality or one of its members, and
    at least one is responsible (R)."""
    from quartier.accounts.models import Membership

    assignments = list(assignments)
    errors = []
    for entry in assignments:
        if entry.role not in RaciRole.values:
            errors.append(_("Choose R, A, C or I for every entry."))
        if (entry.actor is None) == (entry.user is None):
            errors.append(_("Each entry names either an actor or a person, not both."))
        if entry.actor is not None and entry.actor.municipality_id != municipality.pk:
            errors.append(
                _("“%(actor)s” is not an actor of this municipality.")
                % {"actor": entry.actor.name}
            )
    people = {entry.user.pk for entry in assignments if entry.user is not None}
    members = set(
        Membership.objects.filter(
            municipality=municipality, user_id__in=people
        ).values_list("user_id", flat=True)
    )
    if people - members:
        errors.append(_("Only members of this municipality can be responsible."))
    if not any(entry.role == RaciRole.RESPONSIBLE for entry in assignments):
        errors.append(_("Name at least one responsible actor or person (R)."))
    if errors:
        raise ValidationError({"responsibilities": list(dict.fromkeys(errors))})
    # The same actor or person in the same role twice says nothing new.
    unique = {
        (e.role, e.actor and e.actor.pk, e.user and e.user.pk): e for e in assignments
    }
    return list(unique.values())


def _store_assignments(decision: Decision, assignments: list[Assignment]) -> None:
    decision.responsibilities.all().delete()
    Responsibility.objects.bulk_create(
        Responsibility(decision=decision, role=e.role, actor=e.actor, user=e.user)
        for e in assignments
    )


def _summary(assignments: Iterable[Assignment]) -> str:
    parts = [
        f"{e.role}: {e.actor.name if e.actor else e.user.public_name}"
        for e in sorted(assignments, key=lambda e: "RACI".index(e.role))
    ]
    return "; ".join(parts)


def _next_number(municipality: Municipality) -> int:
    # Locking the municipality's row serialises recording per municipality on
    # PostgreSQL; the unique constraint (and the retry in decision_record) covers
    # SQLite, where select_for_update is a no-op.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    current = Decision.objects.of(municipality).aggregate(top=Max("number"))["top"]
    return (current or 0) + 1


@transaction.atomic
def decision_record(
    *,
    by: Any,
    agenda_item: AgendaItem,
    text: str,
    rationale: str = "",
    kind: str,
    due_date: datetime.date | None = None,
    decided_on: datetime.date | None = None,
    responsibilities: Iterable[Assignment],
) -> Decision:
    """Record a decision taken under an agenda item (moderation or coordinators).

    It gets the next running number of the municipality and the status "open",
    which is itself the first entry of its status log.
    """
    ensure_allowed(by, "forums.record_decision", agenda_item)
    if agenda_item.status != AgendaItemStatus.ACCEPTED:
        raise ValidationError(
            _("Decisions are recorded on accepted agenda items only.")
        )
    meeting = agenda_item.meeting
    if not meeting.is_listed:
        # The register is public: a meeting still waiting for approval (or declined)
        # would show through its decisions.
        raise ValidationError(
            _("Decisions are recorded only for meetings that have been approved.")
        )
    municipality = meeting.municipality
    assignments = _check_assignments(municipality, responsibilities)
    if not text.strip():
        raise ValidationError({"text": _("Say what was decided.")})
    # The meeting's day; for a meeting still ahead, today (never in the future).
    decided_on = decided_on or min(
        timezone.localdate(meeting.starts_at), timezone.localdate()
    )
    for attempt in range(3):
        decision = Decision(
            municipality=municipality,
            forum=meeting.forum,
            agenda_item=agenda_item,
            number=_next_number(municipality),
            text=text.strip(),
            rationale=rationale,
            kind=kind,
            status=DecisionStatus.OPEN,
            due_date=due_date,
            decided_on=decided_on,
        )
        decision.full_clean(exclude=["number"])
        try:
            with transaction.atomic():
                decision.save()
            break
        except IntegrityError:
            if attempt == 2:
                raise
    _store_assignments(decision, assignments)
    DecisionStatusChange.objects.create(
        decision=decision,
        old_status="",
        new_status=DecisionStatus.OPEN,
        comment=_("Recorded."),
        changed_by=by,
    )
    record_action(by, municipality, "forums.record_decision", decision_label(decision))
    _tell_assigned(decision, assignments)
    return decision


@transaction.atomic
def decision_update(
    *,
    by: Any,
    decision: Decision,
    text: str,
    rationale: str = "",
    kind: str,
    due_date: datetime.date | None,
    decided_on: datetime.date,
    responsibilities: Iterable[Assignment],
) -> Decision:
    """Change a decision's text, dates and responsibilities. The field history
    (simple-history) keeps who changed what; a change of responsibilities is noted
    as the reason of that history entry."""
    ensure_allowed(by, "forums.change_decision", decision)
    assignments = _check_assignments(decision.municipality, responsibilities)
    if not text.strip():
        raise ValidationError({"text": _("Say what was decided.")})
    before = {(r.role, r.actor_id, r.user_id) for r in decision.responsibilities.all()}
    after = {
        (e.role, e.actor and e.actor.pk, e.user and e.user.pk) for e in assignments
    }
    decision.text = text.strip()
    decision.rationale = rationale
    decision.kind = kind
    decision.due_date = due_date
    decision.decided_on = decided_on
    decision.full_clean()
    if before != after:
        reason = _("Responsibilities: %(list)s") % {"list": _summary(assignments)}
        decision._change_reason = Truncator(reason).chars(100)  # type: ignore[attr-defined]
        _store_assignments(decision, assignments)
        added = [
            e
            for e in assignments
            if (e.role, e.actor and e.actor.pk, e.user and e.user.pk) not in before
        ]
        _tell_assigned(decision, added)
    decision.save()
    record_action(
        by, decision.municipality, "forums.change_decision", decision_label(decision)
    )
    return decision


@transaction.atomic
def decision_change_status(
    *, by: Any, decision: Decision, new_status: str, comment: str
) -> DecisionStatusChange:
    """Move a decision to another status; every change is dated, attributed and
    commented (the comment is required)."""
    ensure_allowed(by, "forums.change_decision", decision)
    comment = (comment or "").strip()
    errors = {}
    if new_status not in DecisionStatus.values:
        errors["new_status"] = _("Choose a status.")
    elif new_status == decision.status:
        errors["new_status"] = _("The decision already has this status.")
    if not comment:
        errors["comment"] = _("Say why the status changes.")
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    change = DecisionStatusChange.objects.create(
        decision=decision,
        old_status=decision.status,
        new_status=new_status,
        comment=comment,
        changed_by=by,
        changed_at=timezone.now(),
    )
    decision.status = new_status
    decision._change_reason = Truncator(comment).chars(100)  # type: ignore[attr-defined]
    decision.save(update_fields=["status", "updated_at"])
    record_action(
        by,
        decision.municipality,
        "forums.change_decision_status",
        f"{decision_label(decision)}: {change.old_status} → {new_status}",
    )
    return change


def responsible_people(
    decision: Decision, roles: Iterable[str] = ("R", "A")
) -> list[Any]:
    """The persons named in `roles`, and the partners of the actors named there."""
    from django.contrib.auth import get_user_model

    entries = list(decision.responsibilities.filter(role__in=list(roles)))
    user_ids = {e.user_id for e in entries if e.user_id}
    actor_ids = {e.actor_id for e in entries if e.actor_id}
    return list(
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .union(get_user_model().objects.filter(actors__in=actor_ids))
    )


def _people_of(assignments: Iterable[Assignment]) -> list[Any]:
    from django.contrib.auth import get_user_model

    people = {e.user.pk: e.user for e in assignments if e.user is not None}
    actor_ids = [e.actor.pk for e in assignments if e.actor is not None]
    if actor_ids:
        for user in get_user_model().objects.filter(actors__in=actor_ids):
            people.setdefault(user.pk, user)
    return list(people.values())


def _tell_assigned(decision: Decision, assignments: Iterable[Assignment]) -> None:
    from quartier.forums.services.notifications import Event, Sentence, notify

    people = _people_of(assignments)
    if not people:
        return
    notify(
        forum=decision.forum,
        event=Event.RESPONSIBILITY_ASSIGNED,
        # In each recipient's language (forums/services/notifications.py).
        text=Sentence(
            gettext_noop("You share responsibility for decision %(number)s: %(text)s"),
            number=decision_label(decision),
            text=Truncator(decision.text).chars(200),
        ),
        url=decision.get_absolute_url(),
        users=people,
    )


def _next_meeting(decision: Decision, after: datetime.datetime) -> Meeting | None:
    return (
        Meeting.objects.filter(
            forum_id=decision.forum_id,
            status=MeetingStatus.PLANNED,
            starts_at__gte=after,
        )
        .order_by("starts_at", "id")
        .first()
    )


def decisions_schedule_follow_ups(
    *, today: datetime.date | None = None
) -> list[AgendaItem]:
    """Put every due or overdue open decision on the next planned meeting of its
    forum (an information item pointing back to the decision) and tell the
    responsible (R) and accountable (A) people.

    Idempotent: a decision gets at most one follow-up item per meeting. Decisions
    whose forum has no planned meeting wait for the next run. Returns the new
    agenda items.
    """
    from quartier.forums.services.notifications import Event, Sentence, notify

    if today is None:
        today = timezone.localdate()
        after = timezone.now()
    else:
        after = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    created = []
    due = (
        Decision.objects.due(today)
        .select_related("forum", "municipality")
        .order_by("municipality_id", "due_date", "number")
    )
    for decision in due:
        meeting = _next_meeting(decision, after)
        if meeting is None:
            continue
        with transaction.atomic():
            Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
            if AgendaItem.objects.filter(
                meeting=meeting, follow_up_of=decision
            ).exists():
                continue
            position = (
                AgendaItem.objects.filter(meeting=meeting).aggregate(
                    top=Max("position")
                )["top"]
                or 0
            ) + 1
            with translation.override(settings.LANGUAGE_CODE):
                title = _("Follow-up: decision %(number)s – %(text)s") % {
                    "number": decision_label(decision),
                    "text": decision.text,
                }
                description = _(
                    "Decision %(number)s was due on %(date)s. Status: %(status)s."
                ) % {
                    "number": decision_label(decision),
                    "date": decision.due_date.strftime("%d.%m.%Y")
                    if decision.due_date
                    else "",
                    "status": decision.get_status_display(),
                }
            # In each recipient's language (forums/services/notifications.py).
            text = Sentence(
                gettext_noop(
                    "Decision %(number)s is due and is on the agenda of “%(meeting)s” "
                    "on %(date)s."
                ),
                number=decision_label(decision),
                meeting=meeting.title,
                date=meeting.starts_at,
            )
            item = AgendaItem.objects.create(
                municipality=decision.municipality,
                meeting=meeting,
                position=position,
                title=Truncator(title).chars(200),
                description=description,
                kind=AgendaItemKind.INFORMATION,
                status=AgendaItemStatus.ACCEPTED,
                follow_up_of=decision,
            )
            notify(
                forum=decision.forum,
                event=Event.DECISION_DUE,
                text=text,
                url=decision.get_absolute_url(),
                users=responsible_people(decision),
            )
        created.append(item)
    return created


@task()
def schedule_decision_follow_ups_task() -> int:
    """The daily follow-up run as a background task; returns the number of items."""
    return len(decisions_schedule_follow_ups())
