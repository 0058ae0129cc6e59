"""The forums' open data (core/open_datasets.py): the decisions register and the
meetings of the public forums.

The decisions file is written here rather than reusing decisions.csv: that one
names the people responsible (RACI) for signed-in readers' convenience; open data
names organisations only, never a person.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _l

from quartier.core import open_datasets as od
from quartier.core.csvexport import csv_response

DECISION_COLUMNS = [
    "number",
    "decided_on",
    "forum",
    "meeting",
    "agenda_item",
    "kind",
    "text",
    "rationale",
    "status",
    "due_date",
    "responsible_organisations",
]


def public_decisions(municipality: Any) -> Any:
    from quartier.forums.models import Decision, ForumVisibility

    return Decision.objects.of(municipality).filter(
        forum__visibility=ForumVisibility.PUBLIC
    )


def public_meetings(municipality: Any) -> Any:
    from quartier.forums.models import ForumVisibility, Meeting

    return (
        Meeting.objects.of(municipality)
        .listed()
        .filter(
            forum__visibility=ForumVisibility.PUBLIC, forum__archived_at__isnull=True
        )
    )


def contact_names(municipality: Any) -> Any:
    """The contact persons of forums (not where an organisation is named)."""
    from quartier.actors.models import Actor
    from quartier.forums.models import Forum

    return (
        Forum.objects.of(municipality)
        .exclude(contact_name="")
        .exclude(contact_name__in=Actor.objects.of(municipality).values("name"))
        .values_list("contact_name", flat=True)
    )


od.register_person_names(contact_names)


def decisions_csv(request: Any) -> Any:
    from quartier.actors.models import Visibility
    from quartier.forums.models import RaciRole, Responsibility
    from quartier.forums.services.decisions import decision_label

    municipality = request.municipality
    scrub = od.redactor(municipality)
    decisions = list(
        public_decisions(municipality)
        .select_related("forum", "agenda_item__meeting")
        .order_by("decided_on", "number")
    )
    responsible: dict[int, list[str]] = {}
    for entry in Responsibility.objects.filter(
        decision__in=decisions,
        role=RaciRole.RESPONSIBLE,
        actor__visibility=Visibility.PUBLIC,
    ).select_related("actor"):
        responsible.setdefault(entry.decision_id, []).append(entry.actor.name)
    rows = (
        [
            decision_label(d),
            d.decided_on.isoformat(),
            d.forum.name,
            scrub(d.agenda_item.meeting.title),
            scrub(d.agenda_item.title),
            d.get_kind_display(),
            scrub(d.text),
            scrub(d.rationale),
            d.get_status_display(),
            d.due_date.isoformat() if d.due_date else "",
            ", ".join(responsible.get(d.pk, [])),
        ]
        for d in decisions
    )
    return csv_response(f"beschluesse-{municipality.slug}.csv", DECISION_COLUMNS, rows)


def _decisions_changed(municipality: Any) -> Any:
    return public_decisions(municipality).aggregate(m=Max("updated_at"))["m"]


def _meetings_changed(municipality: Any) -> Any:
    return public_meetings(municipality).aggregate(m=Max("updated_at"))["m"]


od.register(
    od.Dataset(
        key="decisions",
        title=_l("Decisions of the public forums"),
        description=_l(
            "Every decision the public forums of the neighbourhood work have taken: "
            "number, date, forum, meeting and agenda item, text and rationale, status "
            "and due date, and the organisations responsible for carrying it out."
        ),
        distributions=(od.Distribution("CSV", build=decisions_csv),),
        frequency=od.IRREGULAR,
        last_change=_decisions_changed,
        keywords=(_l("decisions"), _l("forums"), _l("participation")),
        themes=(od.THEME_GOVERNMENT, od.THEME_SOCIETY),
        position=10,
    ),
    od.Dataset(
        key="meetings",
        title=_l("Meetings of the public forums"),
        description=_l(
            "The meetings of the public forums as a calendar feed: date, time, place "
            "and topic, from one year ago into the future."
        ),
        distributions=(od.Distribution("ICAL", url_name="forums:calendar"),),
        frequency=od.CONTINUOUS,
        last_change=_meetings_changed,
        keywords=(_l("meetings"), _l("forums"), _l("calendar")),
        themes=(od.THEME_GOVERNMENT, od.THEME_SOCIETY),
        position=20,
    ),
)
