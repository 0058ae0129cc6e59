"""Quartier's own forums as OParl 1.1 objects (served read-only at /oparl/).

The mapping (docs/oparl.md):
- System: the Quartier installation; one Body per active municipality;
- Organization = a public forum;
- Meeting = a listed meeting of a public forum (its place as an embedded
  Location, its accepted agenda items as embedded AgendaItems);
- AgendaItem = an accepted agenda item of such a meeting;
- Paper = a decision or recommendation of a public forum, with one embedded
  Consultation (the agenda item and meeting where it was taken);
- Location = the place of a meeting that has an address;
- Person: an empty list (Quartier publishes no persons).

Only public objects: members-only forums, proposed or declined meetings, and
proposed or declined agenda items are never served. Each list is filtered by
`modified_since` / `created_since` (and `modified_until` / `created_until`)
and paginated with `links.next`. Every object these functions build is checked
against the OParl schemas in quartier/oparl/tests/test_server.py.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.db.models import DateTimeField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language

from quartier.core.maillinks import absolute_url

TYPE = "https://schema.oparl.org/1.1/"
VERSION = "https://schema.oparl.org/1.1/"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"


def url(name: str, **kwargs: Any) -> str:
    """The absolute address of an OParl document. An object's address is its
    list's plus its id, the list's path reversed once per process (a list page
    names each of its 20 objects' neighbours several times: issue 19)."""
    if name == "object":
        pk = int(kwargs.pop("pk"))
        path = _path("list", get_script_prefix(), tuple(sorted(kwargs.items())))
        return absolute_url(f"{path}{pk}/")
    return absolute_url(_path(name, get_script_prefix(), tuple(sorted(kwargs.items()))))


@functools.lru_cache(maxsize=4096)
def _path(name: str, script_prefix: str, kwargs: tuple[tuple[str, Any], ...]) -> str:
    """reverse() of an OParl route; `script_prefix` is part of the key because
    reverse() depends on it."""
    return reverse(f"oparl_server:{name}", kwargs=dict(kwargs))


def url_of(path: str) -> str:
    return absolute_url(path)


def label(obj: Any, field: str) -> str:
    """What get_<field>_display() says, in the active language, looked up once per
    process and language (a list page names 20 objects' kinds and states)."""
    return _label(type(obj), field, getattr(obj, field), get_language())


@functools.lru_cache(maxsize=1024)
def _label(model: Any, field: str, value: Any, language: str | None) -> str:
    choices = dict(model._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def stamp(value: datetime.datetime | datetime.date | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    return timezone.localtime(value).isoformat(timespec="seconds")


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "")}


# -- querysets: public objects only, with the dates the filters use -------------


def forums(municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Forum, ForumVisibility

    history = Forum.history.model.objects.filter(
        municipality=municipality, id=OuterRef("pk")
    )
    last_change = Subquery(
        history.order_by("-history_date").values("history_date")[:1],
        output_field=DateTimeField(),
    )
    return (
        Forum.objects.of(municipality)
        .filter(visibility=ForumVisibility.PUBLIC)
        .select_related("municipality")
        .annotate(created=F("created_at"), modified=Coalesce(last_change, "created_at"))
        .order_by("pk")
    )


def meetings(municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import AgendaItemStatus, Meeting

    return (
        Meeting.objects.of(municipality)
        .listed()
        .filter(forum__in=forums(municipality).values("pk"))
        .select_related("municipality")
        .annotate(created=F("created_at"), modified=F("updated_at"))
        .prefetch_related(_accepted_items(AgendaItemStatus))
        .order_by("pk")
    )


def _accepted_items(statuses: Any) -> Any:
    from django.db.models import Prefetch

    from quartier.forums.models import AgendaItem

    return Prefetch(
        "agenda_items",
        queryset=AgendaItem.objects.filter(status=statuses.ACCEPTED).order_by(
            "position", "pk"
        ),
        to_attr="public_items",
    )


def agenda_items(municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import AgendaItem, AgendaItemStatus

    return (
        AgendaItem.objects.of(municipality)
        .filter(
            status=AgendaItemStatus.ACCEPTED,
            meeting__in=meetings(municipality).values("pk"),
        )
        .select_related("meeting__municipality")
        .annotate(
            created=F("created_at"),
            modified=Greatest("created_at", "meeting__updated_at"),
        )
        .order_by("pk")
    )


def papers(municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Decision

    return (
        Decision.objects.of(municipality)
        .filter(forum__in=forums(municipality).values("pk"))
        .select_related("municipality", "agenda_item")
        .annotate(created=F("created_at"), modified=F("updated_at"))
        .order_by("pk")
    )


def locations(municipality: Any) -> QuerySet[Any]:
    return meetings(municipality).exclude(address="")


def bodies() -> QuerySet[Any]:
    from quartier.core.models import Municipality

    # A municipality keeps no change date: its Body counts as unchanged since it
    # was created (its lists carry their own dates).
    return (
        Municipality.objects.active()
        .annotate(created=F("created_at"), modified=F("created_at"))
        .order_by("pk")
    )


def filtered(qs: QuerySet[Any], params: dict[str, datetime.datetime]) -> QuerySet[Any]:
    lookups = {
        "modified_since": "modified__gte",
        "modified_until": "modified__lte",
        "created_since": "created__gte",
        "created_until": "created__lte",
    }
    condition = Q()
    for name, value in params.items():
        condition &= Q(**{lookups[name]: value})
    return qs.filter(condition)


# -- objects ---------------------------------------------------------------------


def system() -> dict[str, Any]:
    from django.conf import settings

    return _clean(
        {
            "id": url("system"),
            "type": TYPE + "System",
            "oparlVersion": VERSION,
            "name": getattr(settings, "OPARL_SYSTEM_NAME", "Quartier"),
            "body": url("bodies"),
            "license": LICENSE,
            "website": absolute_url(reverse("index")),
            "web": absolute_url(reverse("index")),
        }
    )


def body(m: Any) -> dict[str, Any]:
    slug = m.slug

    def lst(kind: str) -> str:
        return url("list", slug=slug, kind=kind)

    return _clean(
        {
            "id": url("body", slug=slug),
            "type": TYPE + "Body",
            "system": url("system"),
            "name": m.name,
            "shortName": m.name,
            "website": absolute_url(m.get_absolute_url()),
            "license": LICENSE,
            "ags": m.ags,
            "contactEmail": m.contact_email,
            "organization": lst("organizations"),
            "person": lst("people"),
            "meeting": lst("meetings"),
            "paper": lst("papers"),
            "agendaItem": lst("agenda-items"),
            "locationList": lst("locations"),
            "legislativeTerm": [],
            "classification": "Quartiersgremien",
            "created": stamp(m.created_at),
            "modified": stamp(m.created_at),
            "web": absolute_url(m.get_absolute_url()),
        }
    )


def organization(forum: Any) -> dict[str, Any]:
    slug = forum.municipality.slug
    return _clean(
        {
            "id": url("object", slug=slug, kind="organizations", pk=forum.pk),
            "type": TYPE + "Organization",
            "body": url("body", slug=slug),
            "name": forum.name,
            "organizationType": "Gremium",
            "classification": label(forum, "kind"),
            "created": stamp(forum.created),
            "modified": stamp(forum.modified),
            "web": absolute_url(forum.get_absolute_url()),
            "deleted": True if forum.archived_at else None,
        }
    )


def location(meeting: Any) -> dict[str, Any]:
    slug = meeting.municipality.slug
    return _clean(
        {
            "id": url("object", slug=slug, kind="locations", pk=meeting.pk),
            "type": TYPE + "Location",
            "description": meeting.address,
            "meetings": [url("object", slug=slug, kind="meetings", pk=meeting.pk)],
            "created": stamp(meeting.created_at),
            "modified": stamp(meeting.updated_at),
        }
    )


def agenda_item(item: Any, meeting: Any) -> dict[str, Any]:
    slug = meeting.municipality.slug
    return _clean(
        {
            "id": url("object", slug=slug, kind="agenda-items", pk=item.pk),
            "type": TYPE + "AgendaItem",
            "meeting": url("object", slug=slug, kind="meetings", pk=meeting.pk),
            "number": str(item.position),
            "order": item.position,
            "name": item.title,
            "public": True,
            "created": stamp(item.created_at),
            "modified": stamp(max(item.created_at, meeting.updated_at)),
            "web": absolute_url(meeting.get_absolute_url()) + f"#agenda-item-{item.pk}",
        }
    )


def meeting(m: Any) -> dict[str, Any]:
    from quartier.forums.models import MeetingStatus

    slug = m.municipality.slug
    items = getattr(m, "public_items", None)
    if items is None:
        items = list(
            m.agenda_items.filter(status="accepted").order_by("position", "pk")
        )
    return _clean(
        {
            "id": url("object", slug=slug, kind="meetings", pk=m.pk),
            "type": TYPE + "Meeting",
            "name": m.title,
            "meetingState": label(m, "status"),
            "cancelled": m.status == MeetingStatus.CANCELLED,
            "start": stamp(m.starts_at),
            "end": stamp(m.ends_at),
            "location": location(m) if m.address else None,
            "organization": [
                url("object", slug=slug, kind="organizations", pk=m.forum_id)
            ],
            "agendaItem": [agenda_item(item, m) for item in items],
            "created": stamp(m.created_at),
            "modified": stamp(m.updated_at),
            "web": absolute_url(m.get_absolute_url()),
        }
    )


def paper(decision: Any) -> dict[str, Any]:
    from quartier.forums.services.decisions import decision_label

    slug = decision.municipality.slug
    item = decision.agenda_item
    kind = label(decision, "kind")
    own = url("object", slug=slug, kind="papers", pk=decision.pk)
    forum_url = url("object", slug=slug, kind="organizations", pk=decision.forum_id)
    consultation = {
        "id": own + "#consultation",
        "type": TYPE + "Consultation",
        "paper": own,
        "agendaItem": url("object", slug=slug, kind="agenda-items", pk=item.pk),
        "meeting": url("object", slug=slug, kind="meetings", pk=item.meeting_id),
        "organization": [forum_url],
        "authoritative": True,
        "role": kind,
        "created": stamp(decision.created_at),
        "modified": stamp(decision.updated_at),
    }
    return _clean(
        {
            "id": own,
            "type": TYPE + "Paper",
            "body": url("body", slug=slug),
            "name": Truncator(
                decision.text.splitlines()[0] if decision.text else ""
            ).chars(200),
            "reference": decision_label(decision),
            "date": decision.decided_on.isoformat(),
            "paperType": kind,
            "originatorOrganization": [forum_url],
            "consultation": [consultation],
            "keyword": [label(decision, "status")],
            "created": stamp(decision.created_at),
            "modified": stamp(decision.updated_at),
            "web": absolute_url(decision.get_absolute_url()),
        }
    )


# kind in the URL → (queryset of one municipality, serializer)
KINDS: dict[str, tuple[Any, Any]] = {
    "organizations": (forums, organization),
    "meetings": (meetings, meeting),
    "agenda-items": (agenda_items, lambda item: agenda_item(item, item.meeting)),
    "papers": (papers, paper),
    "locations": (locations, location),
    "people": (None, None),
}
