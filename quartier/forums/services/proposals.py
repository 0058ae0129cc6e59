"""Writes of the forums app: meetings that members call (co-creation rights).

A member of a forum proposes a meeting with its agenda; the forum's rule
(Forum.member_meetings) publishes it at once or keeps it as a proposal, seen only by
the proposer and whoever runs the forum, until the moderation approves or declines
it. The proposer is told by e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from quartier.core.maillinks import absolute_url
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.forums.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemStatus,
    Forum,
    Meeting,
    MeetingStatus,
    MemberMeetings,
)
from quartier.forums.services.meetings import _check_times, _tell_forum
from quartier.forums.services.notifications import Event

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


@transaction.atomic
def meeting_propose(
    *,
    by: Any,
    forum: Forum,
    agenda: Iterable[tuple[str, str]] = (),
    **fields: Any,
) -> Meeting:
    """A member of `forum` calls a meeting with an agenda (title, kind per item).
    The forum's rule (Forum.member_meetings) decides: published at once, or
    proposed and seen only by the proposer and the moderation until approved."""
    ensure_allowed(by, "forums.propose_meeting", forum)
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    agenda = [(title.strip(), kind) for title, kind in agenda if (title or "").strip()]
    if len(agenda) > MAX_PROPOSED_ITEMS:
        raise ValidationError(
            _("At most %(count)s agenda items.") % {"count": MAX_PROPOSED_ITEMS}
        )
    if any(kind not in AgendaItemKind.values for _title, kind in agenda):
        raise ValidationError(_("Unknown kind of agenda item."))
    at_once = forum.member_meetings == MemberMeetings.PUBLISH
    meeting = Meeting(
        forum=forum,
        municipality=forum.municipality,
        proposed_by=by,
        status=MeetingStatus.PLANNED if at_once else MeetingStatus.PROPOSED,
    )
    for name, value in fields.items():
        setattr(
            meeting,
            name,
            "" if value is None and name not in ("starts_at", "ends_at") else value,
        )
    _check_times(meeting, moved=True)
    if at_once:
        meeting.agenda_published_at = timezone.now()
    meeting.full_clean()
    meeting._change_reason = "web"  # type: ignore[attr-defined]
    meeting.save()
    items = [
        AgendaItem(
            municipality=meeting.municipality,
            meeting=meeting,
            position=position,
            title=title,
            kind=kind,
            proposer=by,
            status=AgendaItemStatus.ACCEPTED,
        )
        for position, (title, kind) in enumerate(agenda, 1)
    ]
    for item in items:
        item.full_clean(exclude=["meeting", "municipality"])
    AgendaItem.objects.bulk_create(items)
    record_action(by, meeting.municipality, "forums.propose_meeting", meeting)
    if at_once:
        _tell_forum(
            meeting,
            Event.MEETING_CREATED,
            gettext_noop("New meeting on %(date)s: “%(title)s”."),
            skip=meeting.proposed_by,
        )
    return meeting


def _tell_proposer(meeting: Meeting, kind: str) -> None:
    proposer = meeting.proposed_by
    if proposer is None or not proposer.email:
        return
    subjects = {
        "approved": gettext_lazy("Your meeting is published: %(title)s"),
        "declined": gettext_lazy("Your meeting was not approved: %(title)s"),
    }
    queue_email(
        to=proposer.email,
        subject=lazy_subject(subjects[kind], title=meeting.title),
        template=f"forums/email/meeting_{kind}.txt",
        context={
            "meeting": meeting,
            "forum": meeting.forum,
            "name": proposer.public_name,
            "link": absolute_url(meeting.get_absolute_url()),
        },
    )


@transaction.atomic
def meeting_review(
    *, by: Any, meeting: Meeting, approve: bool, reason: str = ""
) -> Meeting:
    """The forum's moderation (or the coordination) approves a meeting a member
    proposed – it is published with its agenda – or declines it with a reason. The
    proposer is told by e-mail either way."""
    ensure_allowed(by, "forums.review_meeting", meeting)
    # Locked, so that two moderators deciding at once cannot both pass the check.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("forum", "municipality", "proposed_by")
        .get(pk=meeting.pk)
    )
    if meeting.status != MeetingStatus.PROPOSED:
        raise ValidationError(_("This meeting has already been reviewed."))
    reason = (reason or "").strip()
    if approve:
        meeting.status = MeetingStatus.PLANNED
        _check_times(meeting, moved=True)
        meeting.decline_reason = ""
        meeting.agenda_published_at = timezone.now()
    else:
        if not reason:
            raise ValidationError(
                {"decline_reason": _("Say why the meeting is declined.")}
            )
        meeting.status = MeetingStatus.DECLINED
        meeting.decline_reason = reason
    meeting._change_reason = "web"  # type: ignore[attr-defined]
    meeting.save(
        update_fields=["status", "decline_reason", "agenda_published_at", "updated_at"]
    )
    record_action(
        by,
        meeting.municipality,
        "forums.approve_meeting" if approve else "forums.decline_meeting",
        meeting,
    )
    _tell_proposer(meeting, "approved" if approve else "declined")
    if approve:
        _tell_forum(
            meeting,
            Event.MEETING_CREATED,
            gettext_noop("New meeting on %(date)s: “%(title)s”."),
            skip=meeting.proposed_by,
        )
    return meeting
