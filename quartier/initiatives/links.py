"""The link kinds an initiative offers (core/object_links.py): from an initiative to
contributions, forums, meetings, decisions, fund applications, room bookings, offerings and
surveys (each page shows the initiatives in return with `{% linked_objects %}`; a booking,
on its own page, which its requester and the room's managers see). Registered in InitiativesConfig.ready().

Links are rows of one generic table (`InitiativeLink`: kind + object id), so a
later module joins by adding a `Target` here, without a new table. Reading them
costs one query for the link rows of all initiatives on a page plus one query per
kind that has links, however many links there are.

A link is made by whoever may edit both objects: the initiative
("initiatives.link_initiative") and the far object (`Target.edit_perm`), and only
to an object of the initiative's municipality that the person may see
(services.link_add checks all three). The link is made from either side: the
far object's page offers "Link with an initiative" (`link_from_target`) to whoever
may edit it and some initiative (views/links.py `link_from`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import Link, LinkEnd, LinkKind, register

PREFIX = "initiatives."


@dataclass(frozen=True)
class Target:
    key: str
    model: str  # "app_label.Model"
    label: Any  # how the objects are grouped on the initiative's page
    perm: str  # the far object's view permission
    edit_perm: str  # the far object's permission a linking person needs as well
    related: tuple[str, ...]
    choices: Callable[[Any, Any], QuerySet[Any]]
    describe: Callable[[Any], str] = str
    detail: Callable[[Any], str] = lambda obj: ""


def _contributions(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.participation.models import Contribution

    return (
        Contribution.objects.visible_to(user, municipality)
        .defer("text")
        .order_by("-created_at", "-pk")
    )


def _forums(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Forum

    return Forum.objects.visible_to(user, municipality).order_by("name")


def _meetings(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Meeting

    return (
        Meeting.objects.visible_to(user, municipality)
        .select_related("forum")
        .order_by("-starts_at")
    )


def _applications(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.funds.models import Application

    return Application.objects.visible_to(user, municipality).order_by("-pk")


def _decisions(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Decision

    return (
        Decision.objects.visible_to(user, municipality)
        .select_related("forum")
        .order_by("-pk")
    )


def _services(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.core.predicates import is_coordinator
    from quartier.directory.models import Service

    services = Service.objects.of(municipality).select_related("provider")
    if is_coordinator.test(user, municipality):
        return services.active().order_by("name")
    return services.listed().order_by("name")


def _bookings(user: Any, municipality: Any) -> QuerySet[Any]:
    """Bookings the person may see: all of the municipality for the coordination,
    otherwise their own and those of rooms their organisation runs (the rooms
    app's `rooms.view_booking`); rejected ones are no part of an initiative."""
    from django.db.models import Q

    from quartier.core.predicates import is_coordinator
    from quartier.rooms.models import Booking, BookingStatus

    bookings = (
        Booking.objects.of(municipality)
        .exclude(status=BookingStatus.REJECTED)
        .select_related("room", "municipality")
        .order_by("-starts_at", "-pk")
    )
    if is_coordinator.test(user, municipality):
        return bookings
    if not getattr(user, "is_authenticated", False):
        return bookings.none()
    return bookings.filter(
        Q(requested_by=user) | Q(room__owner_actor__members=user)
    ).distinct()


def _surveys(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.surveys.models import Survey

    return Survey.objects.visible_to(user, municipality).order_by("-pk")


def _decision_title(decision: Any) -> str:
    return f"{decision.forum.name}: {Truncator(decision.text).chars(120)}"


TARGETS = [
    Target(
        key=PREFIX + "contribution",
        model="participation.Contribution",
        label=_("Contributions from residents"),
        perm="participation.view_contribution",
        edit_perm="participation.link_contribution",
        related=("municipality",),
        choices=_contributions,
        describe=lambda c: c.title,
        detail=lambda c: f"{c.get_kind_display()}, {c.get_status_display()}",
    ),
    Target(
        key=PREFIX + "forum",
        model="forums.Forum",
        label=_("Forums"),
        perm="forums.view_forum",
        edit_perm="forums.change_forum",
        related=("municipality",),
        choices=_forums,
        describe=lambda f: f.name,
    ),
    Target(
        key=PREFIX + "meeting",
        model="forums.Meeting",
        label=_("Meetings"),
        perm="forums.view_meeting",
        edit_perm="forums.change_meeting",
        related=("municipality", "forum"),
        choices=_meetings,
        describe=attrgetter("dated_title"),
    ),
    Target(
        key=PREFIX + "decision",
        model="forums.Decision",
        label=_("Decisions"),
        perm="forums.view_decision",
        edit_perm="forums.change_decision",
        related=("municipality", "forum"),
        choices=_decisions,
        describe=_decision_title,
        detail=lambda d: d.get_status_display(),
    ),
    Target(
        key=PREFIX + "application",
        model="funds.Application",
        label=_("Fund applications"),
        perm="funds.view_application",
        edit_perm="initiatives.link_application",
        related=("municipality",),
        choices=_applications,
        describe=lambda a: a.title,
        detail=lambda a: a.get_status_display(),
    ),
    Target(
        key=PREFIX + "booking",
        model="rooms.Booking",
        label=_("Room bookings"),
        perm="rooms.view_booking",
        edit_perm="rooms.cancel_booking",
        related=("municipality", "room"),
        choices=_bookings,
        describe=str,  # Booking.__str__: room, date and time, purpose
        detail=lambda b: b.get_status_display(),
    ),
    Target(
        key=PREFIX + "offering",
        model="directory.Service",
        label=_("Offerings"),
        perm="directory.view_service",
        edit_perm="directory.change_service",
        related=("municipality", "provider"),
        choices=_services,
        describe=lambda s: s.name,
        detail=lambda s: str(s.provider),
    ),
    Target(
        key=PREFIX + "survey",
        model="surveys.Survey",
        label=_("Surveys"),
        perm="surveys.view_survey",
        edit_perm="surveys.change_survey",
        related=("municipality",),
        choices=_surveys,
        describe=lambda s: s.title,
    ),
]
TARGETS_BY_KEY = {target.key: target for target in TARGETS}


def link_rows(initiatives: Sequence[Any]) -> dict[Any, list[tuple[str, str]]]:
    """(kind, object id) of every link of `initiatives`, read once per page: the
    rows are kept on the objects, so the next kind costs no query."""
    missing = [i for i in initiatives if not hasattr(i, "_link_rows")]
    if missing:
        from quartier.initiatives.models import InitiativeLink

        found: dict[Any, list[tuple[str, str]]] = defaultdict(list)
        for initiative_id, key, object_id in InitiativeLink.objects.filter(
            initiative__in=[i.pk for i in missing]
        ).values_list("initiative_id", "kind", "object_id"):
            found[initiative_id].append((key, object_id))
        for initiative in missing:
            initiative._link_rows = found.get(initiative.pk, [])
    return {i.pk: i._link_rows for i in initiatives}


def _fetch_targets(target: Target) -> Any:
    def fetch(initiatives: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
        rows = link_rows(initiatives)
        wanted = {oid for pairs in rows.values() for k, oid in pairs if k == target.key}
        if not wanted:
            return {}
        model = apps.get_model(target.model)
        objects = {
            str(obj.pk): obj
            for obj in model.objects.filter(pk__in=wanted).select_related(
                *target.related
            )
        }
        return {
            pk: [objects[oid] for k, oid in pairs if k == target.key and oid in objects]
            for pk, pairs in rows.items()
        }

    return fetch


def _fetch_initiatives(target: Target) -> Any:
    def fetch(objects: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
        from quartier.initiatives.models import InitiativeLink

        by_id = {str(obj.pk): obj.pk for obj in objects}
        found: dict[Any, list[Any]] = defaultdict(list)
        rows = (
            InitiativeLink.objects.filter(kind=target.key, object_id__in=list(by_id))
            .select_related("initiative__municipality")
            .order_by("initiative__title", "initiative_id")
        )
        for row in rows:
            found[by_id[row.object_id]].append(row.initiative)
        return found

    return fetch


def _link_from(target: Target) -> Callable[[Any, Any], Link | None]:
    """The entry "Link with an initiative" on the far object's page: for whoever
    may edit that object and at least one initiative (services.link_add checks
    both again for the one chosen)."""

    def entry(user: Any, obj: Any) -> Link | None:
        from quartier.initiatives.models import Initiative

        if not getattr(user, "is_authenticated", False):
            return None
        if not user.has_perm(target.edit_perm, obj):
            return None
        municipality = obj.municipality
        if not Initiative.objects.editable_by(user, municipality).exists():
            return None
        url = reverse(
            "initiatives:link_from",
            kwargs={
                "municipality_slug": municipality.slug,
                "kind": target.key,
                "pk": obj.pk,
            },
        )
        return Link(obj, str(_("Link with an initiative")), url, "")

    return entry


def _phase(initiative: Any) -> str:
    return str(initiative.get_phase_display())


def register_link_kinds() -> None:
    from quartier.initiatives.models import Initiative

    for target in TARGETS:
        register(
            LinkKind(
                key=target.key,
                source=LinkEnd(
                    model=Initiative,
                    label=_("Initiatives"),
                    perm="initiatives.view_initiative",
                    fetch=_fetch_initiatives(target),
                    describe=lambda i: i.title,
                    detail=_phase,
                ),
                target=LinkEnd(
                    model=apps.get_model(target.model),
                    label=target.label,
                    perm=target.perm,
                    fetch=_fetch_targets(target),
                    describe=target.describe,
                    detail=target.detail,
                ),
                link_perm="initiatives.link_initiative",
                choices=target.choices,
                link_from_target=_link_from(target),
            )
        )
