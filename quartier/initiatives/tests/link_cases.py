"""Scenarios for the link kinds initiatives register (core/tests/test_object_links.py
walks the registry and needs one scenario per kind)."""

from __future__ import annotations

import uuid
from typing import Any

from django.urls import reverse
from django.utils import timezone

from quartier.core.tests.link_case import LinkCase
from quartier.directory.tests.factories import ServiceFactory
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.initiatives.links import TARGETS_BY_KEY
from quartier.initiatives.models import InitiativeLink
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.participation.tests.factories import ContributionFactory
from quartier.surveys.tests.factories import SurveyFactory


def _contribution(municipality: Any, visible: bool, n: int) -> Any:
    return ContributionFactory(
        municipality=municipality,
        moderation="approved" if visible else "pending",
        title=f"Beitrag {n} {'sichtbar' if visible else 'wartend'}",
    )


def _forum(municipality: Any, visible: bool, n: int) -> Any:
    return ForumFactory(
        municipality=municipality,
        name=f"Forum {n}",
        visibility="public" if visible else "members",
    )


def _meeting(municipality: Any, visible: bool, n: int) -> Any:
    forum = ForumFactory(
        municipality=municipality, visibility="public" if visible else "members"
    )
    return MeetingFactory(forum=forum, title=f"Sitzung {n}")


def _decision(municipality: Any, visible: bool, n: int) -> Any:
    meeting = _meeting(municipality, visible, n)
    meeting.agenda_published_at = timezone.now()
    meeting.save()
    item = AgendaItemFactory(meeting=meeting)
    return DecisionFactory(
        agenda_item=item, number=n, text=f"Beschluss {n} zum Vorhaben"
    )


def _offering(municipality: Any, visible: bool, n: int) -> Any:
    return ServiceFactory(
        municipality=municipality,
        name=f"Angebot {n}",
        status="active" if visible else "inactive",
    )


def _survey(municipality: Any, visible: bool, n: int) -> Any:
    return SurveyFactory(
        municipality=municipality,
        title=f"Umfrage {n}",
        status="published" if visible else "draft",
    )


def _booking(municipality: Any, visible: bool, n: int, requester: Any) -> Any:
    """A booking in a municipal room: the requester sees it, the coordination runs the
    room; a guest never sees a booking."""
    from quartier.accounts.tests.factories import UserFactory
    from quartier.rooms.tests.factories import BookingFactory, RoomFactory

    return BookingFactory(
        room=RoomFactory(municipality=municipality),
        requested_by=requester if visible else UserFactory(),
        purpose=f"Buchung {n} fürs Vorhaben",
    )


def _same(value: Any) -> Any:
    return value


def _as_uuid(value: Any) -> Any:
    return uuid.UUID(value) if value else None


def _application(municipality: Any, visible: bool, n: int, applicant: Any) -> Any:
    from quartier.funds.tests.factories import ApplicationFactory

    return ApplicationFactory(
        call__fund__municipality=municipality,
        title=f"Antrag {n}",
        **({"applicant": applicant} if visible else {}),
    )


def _case(key: str, make: Any, read_id: Any = _same, viewer: str = "anonymous") -> Any:
    model = TARGETS_BY_KEY[key].model

    def build(world: dict[str, Any]) -> LinkCase:
        municipality = world["municipality"]
        build_one = make
        if viewer != "anonymous":
            # The object is seen by its owner only (a fund application: the applicant).
            def build_one(m: Any, visible: bool, n: int) -> Any:
                return make(m, visible, n, world[viewer])

        def set_link(source: Any, target: Any) -> None:
            InitiativeLink.objects.get_or_create(
                initiative=source, kind=key, object_id=str(target.pk)
            )

        def linked(source: Any) -> Any:
            from django.apps import apps

            row = InitiativeLink.objects.filter(initiative=source, kind=key).first()
            if row is None:
                return None
            return apps.get_model(model).objects.filter(pk=row.object_id).first()

        def api_linked(data: dict[str, Any]) -> Any:
            ids = data.get("links", {}).get(key) or []
            return read_id(ids[0]) if ids else None

        return LinkCase(
            source=InitiativeFactory(
                municipality=municipality, title="Offenes Vorhaben"
            ),
            hidden_source=InitiativeFactory(
                municipality=municipality,
                visibility="internal",
                title="Internes Vorhaben",
            ),
            visible_target=build_one(municipality, True, 1),
            hidden_target=build_one(municipality, False, 2),
            forged_target=build_one(world["other_municipality"], True, 3),
            linker=world["coordinator"],
            set_link=set_link,
            linked=linked,
            form_url=lambda source: reverse(
                "initiatives:link_add",
                kwargs={"municipality_slug": source.municipality.slug, "pk": source.pk},
            ),
            form_data=lambda target: {"kind": key, "target": str(target.pk)},
            api_url=lambda source: (
                f"/api/v1/municipalities/{source.municipality.slug}"
                f"/initiatives/{source.pk}"
            ),
            api_linked=api_linked,
            viewer=viewer,
        )

    return build


CASES = {
    "initiatives.contribution": _case("initiatives.contribution", _contribution),
    "initiatives.forum": _case("initiatives.forum", _forum),
    "initiatives.meeting": _case("initiatives.meeting", _meeting),
    "initiatives.decision": _case("initiatives.decision", _decision),
    "initiatives.application": _case(
        "initiatives.application", _application, viewer="resident"
    ),
    "initiatives.booking": _case("initiatives.booking", _booking, viewer="resident"),
    "initiatives.offering": _case("initiatives.offering", _offering, _as_uuid),
    "initiatives.survey": _case("initiatives.survey", _survey),
}
