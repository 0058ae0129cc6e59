"""Where a council paper stands: its consultations in council meetings with their
results, read from what the importer kept.

OParl has no "status" of a paper: a paper's course is the list of its
consultations, each on the agenda of a meeting, whose agenda item carries the
`result` ("Beschlossen", "Abgelehnt", "Vertagt" …). The status shown is the
result of the last consultation that has one; without any result the paper is
"in deliberation".

`attach_progress(papers)` reads the consultations, agenda items, meetings and
organisations of many papers in four queries, whatever their number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Step:
    """One consultation of a paper: where, when, in which role, with what result."""

    meeting_name: str
    organizations: list[str]
    start: datetime | None
    role: str
    result: str
    agenda_number: str
    web: str  # the council system's page of the meeting (or agenda item)
    cancelled: bool


def attach_progress(papers: Sequence[Any]) -> None:
    """Set `paper.steps` (list of Step, in time order) on every paper."""
    from quartier.oparl.models import (
        CouncilAgendaItem,
        CouncilConsultation,
        CouncilMeeting,
        CouncilOrganization,
    )

    todo = [p for p in papers if not hasattr(p, "steps")]
    if not todo:
        return
    consultations: dict[Any, list[Any]] = defaultdict(list)
    for row in CouncilConsultation.objects.filter(
        paper__in=[p.pk for p in todo], deleted=False
    ).order_by("pk"):
        consultations[row.paper_id].append(row)
    rows = [c for cs in consultations.values() for c in cs]
    municipality_ids = {p.municipality_id for p in todo}
    items = {
        i.oparl_id: i
        for i in CouncilAgendaItem.objects.filter(
            municipality_id__in=municipality_ids,
            oparl_id__in={c.agenda_item_url for c in rows if c.agenda_item_url},
        )
    }
    meeting_urls = {c.meeting_url for c in rows if c.meeting_url} | {
        i.meeting_url for i in items.values() if i.meeting_url
    }
    meetings = {
        m.oparl_id: m
        for m in CouncilMeeting.objects.filter(
            municipality_id__in=municipality_ids, oparl_id__in=meeting_urls
        )
    }
    org_urls = {u for c in rows for u in c.organization_urls} | {
        u for m in meetings.values() for u in m.organization_urls
    }
    organizations = {
        o.oparl_id: o
        for o in CouncilOrganization.objects.filter(
            municipality_id__in=municipality_ids, oparl_id__in=org_urls
        )
    }
    for paper in todo:
        steps = []
        for c in consultations.get(paper.pk, []):
            item = items.get(c.agenda_item_url)
            meeting = meetings.get(c.meeting_url) or (
                meetings.get(item.meeting_url) if item else None
            )
            urls = c.organization_urls or (meeting.organization_urls if meeting else [])
            steps.append(
                Step(
                    meeting_name=meeting.name if meeting else "",
                    organizations=[
                        organizations[u].name for u in urls if u in organizations
                    ],
                    start=meeting.start if meeting else None,
                    role=c.role,
                    result=item.result if item and not item.deleted else "",
                    agenda_number=item.number if item else "",
                    web=(meeting.web if meeting else "") or (item.web if item else ""),
                    cancelled=bool(meeting and meeting.cancelled),
                )
            )
        # Consultations without a date (not yet scheduled) come last.
        steps.sort(key=lambda s: (s.start is None, s.start or timezone.now()))
        paper.steps = steps


def status_of(paper: Any) -> str:
    """The result of the paper's last consultation; "in deliberation" while its
    last consultation has none yet (a meeting to come, or a result not yet
    recorded); "not yet on a council agenda" without any consultation."""
    attach_progress([paper])
    steps = [s for s in paper.steps if not s.cancelled]
    if not paper.steps:
        return _("not yet on a council agenda")
    if steps and steps[-1].result:
        return steps[-1].result
    return _("in deliberation")


def progress_summary(paper: Any) -> str:
    """One line for the decision's page: status, then each consultation
    ("Ausschuss für Umwelt, 12.03.2027: Empfohlen")."""
    attach_progress([paper])
    parts = [status_of(paper)]
    for step in paper.steps:
        where = ", ".join(step.organizations) or step.meeting_name
        when = (
            formats.date_format(timezone.localtime(step.start), "SHORT_DATE_FORMAT")
            if step.start
            else ""
        )
        outcome = step.result or (_("cancelled") if step.cancelled else _("open"))
        parts.append(f"{where}, {when}: {outcome}".replace(", :", ":"))
    return " · ".join(parts)
