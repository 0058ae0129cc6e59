"""Seeds the forums of Musterstadt from `data/forums.yaml`: forums and members,
meetings around today with agendas and minutes (and one a member called, waiting for
approval), registrations of members and guests, attendance, and the decisions
register."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.core.sanitize import clean_html
from quartier.demo import records
from quartier.demo.records import upsert
from quartier.forums.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionStatusChange,
    Forum,
    ForumMember,
    Meeting,
    Registration,
    Responsibility,
)

SLUG = "musterstadt"


def meeting_times(
    spec: dict[str, Any], today: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of a demo meeting (`starts: -70d 18:00`, `ends: 20:00`) on a
    meeting day (records.meeting_day)."""
    days, start_time = spec["starts"].split(" ")
    date = records.meeting_day(days, today)
    return records.at(date, start_time), records.at(date, spec["ends"])


def _stamp(existing: Any, field: str, wanted: bool, default: Any) -> Any:
    """A publication time: kept from an earlier run, set when missing, or cleared."""
    current = getattr(existing, field, None) if existing else None
    if wanted:
        return current or default
    return None


def _one(mapping: dict[str, Any]) -> tuple[str, Any]:
    """`{key: value}` (one pair, the YAML list-of-pairs form) as a tuple."""
    ((key, value),) = mapping.items()
    return key, value


def _recorder(forum: dict[str, Any]) -> str:
    """Who records a forum's decisions: its first moderating person."""
    for member in forum["members"]:
        ref, role = _one(member)
        if role == "moderation" and ref.startswith("user:"):
            return ref.split(":", 1)[1]
    return "koordination@musterstadt.example"


def load(summary: records.Summary) -> None:
    """Write the forums of Musterstadt; rows are found by their natural keys."""
    data = records.read("forums")
    municipality = records.get_municipality(SLUG)
    today = timezone.localdate()
    now = timezone.now()
    who = records.Who(municipality)

    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    forums: dict[str, Forum] = {}
    for spec in data["forums"]:
        values = {
            k: v
            for k, v in spec.items()
            if k not in ("slug", "neighborhoods", "members", "recommends_to")
        }
        values["archived_at"] = None
        forum = upsert(
            Forum,
            {"municipality": municipality, "slug": spec["slug"]},
            values,
            summary,
            "forum",
        )
        records.set_m2m(
            forum, "neighborhoods", [neighborhoods[s] for s in spec["neighborhoods"]]
        )
        forums[spec["slug"]] = forum
    for spec in data["forums"]:
        target = forums.get(spec["recommends_to"] or "")
        forum = forums[spec["slug"]]
        if forum.recommends_to_id != (target.pk if target else None):
            upsert(Forum, {"pk": forum.pk}, {"recommends_to": target}, summary, "forum")
        for member in spec["members"]:
            ref, role = _one(member)
            kind, obj = who(ref)
            upsert(
                ForumMember,
                {"forum": forum, kind: obj},
                {"role": role},
                summary,
                "forum member",
            )

    meetings: dict[str, Meeting] = {}
    items: dict[tuple[str, int], AgendaItem] = {}
    for spec in data["meetings"]:
        start, end = meeting_times(spec, today)
        past = start < now
        # `agenda_published`: true, or the number of days before the meeting; a past
        # meeting's agenda was published a week before unless the data says otherwise.
        agenda = spec.get("agenda_published", past)
        published = past or agenda is not False
        lead = datetime.timedelta(days=7 if isinstance(agenda, bool) else int(agenda))
        forum = forums[spec["forum"]]
        existing = Meeting.objects.filter(forum=forum, title=spec["title"]).first()
        # A meeting a member called (`proposed_by`) may still wait for approval
        # (`status: proposed`).
        proposer = spec.get("proposed_by")
        meeting = upsert(
            Meeting,
            {"municipality": municipality, "forum": forum, "title": spec["title"]},
            {
                "starts_at": start,
                "ends_at": end,
                "address": spec["address"],
                "capacity": spec["capacity"],
                "status": spec.get("status") or ("held" if past else "planned"),
                "proposed_by": who("user:" + proposer)[1] if proposer else None,
                "registration_open": not past,
                "agenda_published_at": _stamp(
                    existing,
                    "agenda_published_at",
                    published,
                    min(start - lead, now),
                ),
                "minutes_published_at": _stamp(
                    existing, "minutes_published_at", past, end
                ),
            },
            summary,
            "meeting",
        )
        meetings[spec["key"]] = meeting
        for position, item in enumerate(spec["items"], 1):
            proposed = item.get("status") == "proposed"
            item_values: dict[str, Any] = {
                "position": position,
                "kind": item.get("kind", "discussion"),
                "description": item.get("description", ""),
                "minutes": clean_html(item.get("minutes", "")) if past else "",
                "planned_minutes": item.get("planned_minutes"),
                "status": "proposed" if proposed else "accepted",
            }
            if item.get("proposer"):
                item_values["proposer"] = who("user:" + item["proposer"])[1]
            items[(spec["key"], position)] = upsert(
                AgendaItem,
                {
                    "municipality": municipality,
                    "meeting": meeting,
                    "title": item["title"],
                },
                item_values,
                summary,
                "agenda item",
            )
            # An item was proposed before its agenda was published.
            opened = meeting.agenda_published_at
            if opened and items[(spec["key"], position)].created_at > opened:
                AgendaItem.objects.filter(pk=items[(spec["key"], position)].pk).update(
                    created_at=opened - datetime.timedelta(days=14)
                )

    for spec in data["registrations"]:
        upsert(
            Registration,
            {
                "municipality": municipality,
                "meeting": meetings[spec["meeting"]],
                "user": who("user:" + spec["user"])[1],
            },
            {
                "needs": spec["needs"],
                "language": spec.get("language", ""),
                "status": spec["status"],
            },
            summary,
            "registration",
        )
    # Guests without an account (double opt-in): confirmed or still unconfirmed.
    for spec in data["guest_registrations"]:
        upsert(
            Registration,
            {
                "municipality": municipality,
                "meeting": meetings[spec["meeting"]],
                "guest_email": spec["email"],
            },
            {
                "guest_name": spec["name"],
                "needs": spec["needs"],
                "language": spec.get("language", ""),
                "status": spec["status"],
            },
            summary,
            "guest registration",
        )
    for key, refs in data["attendance"].items():
        for ref in refs:
            kind, obj = who(ref)
            upsert(
                Attendance,
                {"municipality": municipality, "meeting": meetings[key], kind: obj},
                {},
                summary,
                "attendance",
            )

    recorders = {
        m["key"]: _recorder(next(f for f in data["forums"] if f["slug"] == m["forum"]))
        for m in data["meetings"]
    }
    for spec in data["decisions"]:
        meeting_key, position = spec["item"].split(" ")
        item = items[(meeting_key, int(position))]
        decided_on = timezone.localdate(item.meeting.starts_at)
        status = spec["path"][-1]["status"] if spec["path"] else "open"
        due = spec["due"]
        decision = upsert(
            Decision,
            {"municipality": municipality, "number": spec["number"]},
            {
                "forum": item.meeting.forum,
                "agenda_item": item,
                "text": spec["text"],
                "rationale": spec["rationale"],
                "kind": spec["kind"],
                "status": status,
                "decided_on": decided_on,
                "due_date": decided_on + datetime.timedelta(days=due)
                if due is not None
                else None,
            },
            summary,
            "decision",
        )
        for responsibility in spec["responsibilities"]:
            role, ref = _one(responsibility)
            kind, obj = who(ref)
            _, created = Responsibility.objects.get_or_create(
                decision=decision, role=role, **{kind: obj}
            )
            summary.add("responsibility", "created" if created else "unchanged")
        changes = [("", "open", "Im Forum beschlossen.", recorders[meeting_key], 0)]
        previous = "open"
        for step in spec["path"]:
            changes.append(
                (
                    previous,
                    step["status"],
                    step["comment"],
                    step["by"],
                    step["after_days"],
                )
            )
            previous = step["status"]
        for old, new, comment, by, days in changes:
            upsert(
                DecisionStatusChange,
                {"decision": decision, "old_status": old, "new_status": new},
                {
                    "comment": comment,
                    "changed_by": who("user:" + by)[1],
                    "changed_at": timezone.localtime(item.meeting.ends_at)
                    + datetime.timedelta(days=days),
                },
                summary,
                "status change",
            )
