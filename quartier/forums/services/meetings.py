"""Writes of the forums app: meetings, their agenda, minutes and attendance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from quartier.actors.models import Actor
from quartier.core.dates import check_datetime
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.forums.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemStatus,
    Attendance,
    Forum,
    ForumKind,
    ForumMember,
    Meeting,
    MeetingStatus,
)
from quartier.forums.services.notifications import (
    Event,
    Sentence,
    forum_people,
    notify,
)

MEETING_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "address",
    "online_url",
    "description",
    "capacity",
    "registration_open",
)
MEETING_HORIZON_YEARS = 5
AGENDA_ITEM_FIELDS = ("title", "description", "kind", "position", "planned_minutes")
# What a member fills in when calling a meeting (capacity and registration stay with
# the moderation).
PROPOSAL_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "address",
    "online_url",
    "description",
)
MAX_PROPOSED_ITEMS = 10

# The standard phases of a peer consultation (Kollegiale Beratung) with their planned
# minutes. German titles: content of the agenda, not interface text.
PEER_CONSULTATION_PHASES: tuple[tuple[str, int], ...] = (
    ("Rollenklärung", 5),
    ("Fallschilderung", 10),
    ("Rückfragen", 10),
    ("Hypothesen", 15),
    ("Lösungsideen", 15),
    ("Abschluss", 5),
)


def _next_position(meeting: Meeting) -> int:
    top = meeting.agenda_items.aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def _tell_forum(meeting: Meeting, event: str, message: str, skip: Any = None) -> None:
    """Tell the forum's people of an event of `meeting`, each as they chose (but not
    `skip`, who hears of it in a mail of their own), each in their own language:
    `message` is a msgid with %(title)s and %(date)s (marked with gettext_noop)."""
    day = timezone.localtime(meeting.starts_at).date()
    notify(
        forum=meeting.forum,
        event=event,
        text=Sentence(message, title=meeting.title, date=day),
        url=meeting.get_absolute_url(),
        users=[u for u in forum_people(meeting.forum) if skip is None or u != skip],
    )


def _check_times(meeting: Meeting, *, moved: bool) -> None:
    """Inside the date bounds, end after start; a meeting that is planned (new or
    moved) lies ahead, at most MEETING_HORIZON_YEARS away."""
    errors: dict[str, list[str]] = {}
    for name in ("starts_at", "ends_at"):
        value = getattr(meeting, name)
        if value is not None:
            try:
                setattr(meeting, name, check_datetime(value))
            except ValidationError as exc:
                errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    starts, ends = meeting.starts_at, meeting.ends_at
    if starts and ends and ends <= starts:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    ahead = (MeetingStatus.PLANNED, MeetingStatus.PROPOSED)
    if not (moved and starts and meeting.status in ahead):
        return
    now = timezone.now()
    if (ends or starts) <= now:
        raise ValidationError(
            {
                "starts_at": _(
                    "A planned meeting lies ahead: this time has passed. "
                    "Please choose a date in the future."
                )
            }
        )
    if timezone.localtime(starts).year > timezone.localdate().year + (
        MEETING_HORIZON_YEARS
    ):
        raise ValidationError(
            {
                "starts_at": _("Meetings can be planned at most %(years)s years ahead.")
                % {"years": MEETING_HORIZON_YEARS}
            }
        )


@transaction.atomic
def meeting_save(
    *,
    by: Any,
    forum: Forum | None = None,
    meeting: Meeting | None = None,
    **fields: Any,
) -> Meeting:
    """Plan a meeting of `forum`, or change `meeting` (coordinators and the forum's
    moderation). A new meeting of a peer consultation gets the standard phases."""
    if meeting is None:
        if forum is None:
            raise ValidationError(_("A meeting needs a forum."))
        ensure_allowed(by, "forums.add_meeting", forum)
        if forum.archived_at is not None:
            raise ValidationError(_("An archived forum cannot plan meetings."))
        meeting = Meeting(forum=forum, municipality=forum.municipality)
    else:
        ensure_allowed(by, "forums.change_meeting", meeting)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    before = (meeting.starts_at, meeting.ends_at)
    for name, value in fields.items():
        if value is None and name not in ("capacity", "starts_at", "ends_at"):
            value = ""
        setattr(meeting, name, value)
    _check_times(
        meeting,
        moved=meeting.pk is None
        or before
        != (
            meeting.starts_at,
            meeting.ends_at,
        ),
    )
    meeting.full_clean()
    is_new = meeting.pk is None
    meeting._change_reason = "web"  # type: ignore[attr-defined]
    meeting.save()
    if is_new and meeting.forum.kind == ForumKind.PEER_CONSULTATION:
        AgendaItem.objects.bulk_create(
            AgendaItem(
                municipality=meeting.municipality,
                meeting=meeting,
                position=position,
                title=title,
                planned_minutes=minutes,
                kind=AgendaItemKind.DISCUSSION,
                status=AgendaItemStatus.ACCEPTED,
            )
            for position, (title, minutes) in enumerate(PEER_CONSULTATION_PHASES, 1)
        )
    if is_new:
        _tell_forum(
            meeting,
            Event.MEETING_CREATED,
            gettext_noop("New meeting on %(date)s: “%(title)s”."),
        )
    else:
        # More places (or no limit any more): the waiting list moves up at once.
        from quartier.forums.services.registrations import waitlist_fill

        waitlist_fill(by=by, meeting=meeting)
    record_action(by, meeting.municipality, "forums.save_meeting", meeting)
    return meeting


@transaction.atomic
def meeting_set_status(*, by: Any, meeting: Meeting, status: str) -> Meeting:
    """Cancel a meeting or mark it as held."""
    ensure_allowed(by, "forums.change_meeting", meeting)
    if status not in MeetingStatus.values:
        raise ValidationError(_("Unknown status."))
    if status == MeetingStatus.HELD and meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting can only be marked as held once it began."))
    meeting.status = status
    meeting._change_reason = "web"  # type: ignore[attr-defined]
    meeting.save(update_fields=["status", "updated_at"])
    record_action(by, meeting.municipality, f"forums.meeting_{status}", meeting)
    return meeting


@transaction.atomic
def agenda_publish(*, by: Any, meeting: Meeting) -> Meeting:
    """Publish the agenda: its accepted items become visible to everyone who may see
    the forum."""
    ensure_allowed(by, "forums.moderate_agenda", meeting)
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at", "updated_at"])
    record_action(by, meeting.municipality, "forums.publish_agenda", meeting)
    _tell_forum(
        meeting,
        Event.AGENDA_PUBLISHED,
        gettext_noop("The agenda of “%(title)s” (%(date)s) is published."),
    )
    return meeting


@transaction.atomic
def minutes_publish(*, by: Any, meeting: Meeting) -> Meeting:
    """Publish the minutes of every agenda item of the meeting."""
    ensure_allowed(by, "forums.write_minutes", meeting)
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at", "updated_at"])
    record_action(by, meeting.municipality, "forums.publish_minutes", meeting)
    _tell_forum(
        meeting,
        Event.MINUTES_PUBLISHED,
        gettext_noop("The minutes of “%(title)s” (%(date)s) are published."),
    )
    return meeting


def _agenda_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(AGENDA_ITEM_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    return {
        name: ("" if value is None and name in ("description",) else value)
        for name, value in fields.items()
    }


@transaction.atomic
def agenda_item_add(*, by: Any, meeting: Meeting, **fields: Any) -> AgendaItem:
    """The moderation puts an item on the agenda directly (accepted)."""
    ensure_allowed(by, "forums.moderate_agenda", meeting)
    fields = _agenda_fields(fields)
    if not fields.get("position"):
        fields["position"] = _next_position(meeting)
    item = AgendaItem(
        municipality=meeting.municipality,
        meeting=meeting,
        status=AgendaItemStatus.ACCEPTED,
        **fields,
    )
    item.full_clean()
    item.save()
    record_action(by, meeting.municipality, "forums.add_agenda_item", item)
    return item


@transaction.atomic
def agenda_item_propose(
    *, by: Any, meeting: Meeting, title: str, description: str = "", kind: str = ""
) -> AgendaItem:
    """A forum member proposes an item; the moderation accepts or declines it."""
    ensure_allowed(by, "forums.propose_agenda_item", meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Items can only be proposed for planned meetings."))
    item = AgendaItem(
        municipality=meeting.municipality,
        meeting=meeting,
        title=title,
        description=description or "",
        kind=kind or AgendaItemKind.DISCUSSION,
        proposer=by,
        status=AgendaItemStatus.PROPOSED,
        position=0,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_review(
    *, by: Any, item: AgendaItem, accept: bool, reason: str = ""
) -> AgendaItem:
    """Accept a proposed item (it goes to the end of the agenda) or decline it with a
    reason the proposer sees."""
    ensure_allowed(by, "forums.moderate_agenda", item)
    if item.status != AgendaItemStatus.PROPOSED:
        raise ValidationError(_("This item has already been reviewed."))
    reason = (reason or "").strip()
    if accept:
        item.status = AgendaItemStatus.ACCEPTED
        item.position = _next_position(item.meeting)
        item.decline_reason = ""
    else:
        if not reason:
            raise ValidationError(
                {"decline_reason": _("Say why the item is declined.")}
            )
        item.status = AgendaItemStatus.DECLINED
        item.decline_reason = reason
    item.save(update_fields=["status", "position", "decline_reason"])
    record_action(
        by,
        item.municipality,
        "forums.accept_agenda_item" if accept else "forums.decline_agenda_item",
        item,
    )
    return item


@transaction.atomic
def agenda_item_minutes_save(*, by: Any, item: AgendaItem, minutes: str) -> AgendaItem:
    """The moderation writes the minutes of an item (sanitised rich text)."""
    ensure_allowed(by, "forums.write_minutes", item)
    if item.status != AgendaItemStatus.ACCEPTED:
        raise ValidationError(_("Only items on the agenda have minutes."))
    item.minutes = clean_html(minutes or "")
    item._change_reason = "web"  # type: ignore[attr-defined]
    item.save(update_fields=["minutes"])
    return item


@transaction.atomic
def attendance_record(
    *, by: Any, meeting: Meeting, users: Iterable[Any], actors: Iterable[Actor]
) -> None:
    """Set who took part in a meeting: people of the forum and actors of the
    municipality (the list replaces the one recorded before)."""
    ensure_allowed(by, "forums.record_attendance", meeting)
    users = list(users)
    actors = list(actors)
    forum_people = set(
        ForumMember.objects.filter(forum=meeting.forum, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    if any(user.pk not in forum_people for user in users):
        raise ValidationError({"users": _("Only people of the forum can be chosen.")})
    if any(actor.municipality_id != meeting.municipality_id for actor in actors):
        raise ValidationError({"actors": _("This belongs to another municipality.")})
    user_ids = {user.pk for user in users}
    actor_ids = {actor.pk for actor in actors}
    existing = Attendance.objects.filter(meeting=meeting)
    existing.filter(user__isnull=False).exclude(user_id__in=user_ids).delete()
    existing.filter(actor__isnull=False).exclude(actor_id__in=actor_ids).delete()
    have_users = set(existing.values_list("user_id", flat=True))
    have_actors = set(existing.values_list("actor_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(municipality=meeting.municipality, meeting=meeting, user_id=pk)
            for pk in user_ids - have_users
        ]
        + [
            Attendance(municipality=meeting.municipality, meeting=meeting, actor_id=pk)
            for pk in actor_ids - have_actors
        ]
    )
    record_action(by, meeting.municipality, "forums.record_attendance", meeting)
