"""API endpoints of the forums app: forums, meetings with their agenda, and the
decisions register with responsibilities and status history.

Reads: session or token, with the same visibility as the web pages (members-only
forums, their meetings and decisions only for their members and the coordinators).
Writes: token only, through quartier.forums.services (coordinators, and a forum's
moderation for its meetings and decisions). People appear by their public name,
never by their e-mail address.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.models import User
from quartier.actors.api import ActorRef
from quartier.actors.models import Actor
from quartier.core.api import Id, NeighborhoodRef, Pages
from quartier.core.api_auth import field_error, municipality_for, read_auth, token_auth
from quartier.core.gate import get_object_for, require
from quartier.core.models import Municipality, Neighborhood
from quartier.forums.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemStatus,
    Decision,
    DecisionKind,
    DecisionStatus,
    DecisionStatusChange,
    Forum,
    ForumKind,
    ForumMember,
    ForumVisibility,
    Mandate,
    Meeting,
    MemberMeetings,
    ParticipationStage,
    RaciRole,
    Responsibility,
)
from quartier.forums.services import decisions as decision_services
from quartier.forums.services import forums as forum_services
from quartier.forums.services import meetings as meeting_services

router = Router(tags=["Aushandlungsräume"])

WRITE_RESPONSES = {401: dict, 403: dict, 404: dict, 422: dict}


# --- Schemas -------------------------------------------------------------------


def _slug(context: dict[str, Any]) -> str:
    return context["request"].municipality.slug


class ForumRef(Schema):
    slug: str
    name: str


class ForumOut(Schema):
    id: int
    slug: str
    kind: str
    name: str
    purpose: str
    mandate: str = Field(description="advisory, recommending oder deciding")
    mandate_scope: str
    recommends_to: ForumRef | None
    recommends_to_body: str
    participation_stage: int = Field(
        description="Stufe der Partizipation 1–9 (Wright, Block, von Unger)"
    )
    visibility: str
    neighborhoods: list[NeighborhoodRef]
    contact_name: str
    contact_email: str
    member_meetings: str = Field(
        description="Treffen von Mitgliedern: publish (sofort veröffentlichen) oder "
        "approve (nach Freigabe durch die Moderation)"
    )
    archived_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_neighborhoods(obj: Forum) -> Any:
        return obj.neighborhoods.all()

    @staticmethod
    def resolve_url(obj: Forum, context: dict[str, Any]) -> str:
        return reverse(
            "forums:detail",
            kwargs={"municipality_slug": _slug(context), "slug": obj.slug},
        )


class ForumMemberOut(Schema):
    role: str
    actor: ActorRef | None
    person: str | None = Field(description="Öffentlicher Name einer Person")

    @staticmethod
    def resolve_person(obj: ForumMember) -> str | None:
        return obj.user.public_name if obj.user_id else None


class ForumDetailOut(ForumOut):
    members: list[ForumMemberOut]

    @staticmethod
    def resolve_members(obj: Forum) -> Any:
        return obj.members.select_related("user", "actor").order_by("role", "pk")


class MeetingOut(Schema):
    id: int
    uid: str
    forum: ForumRef
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    address: str
    online_url: str
    description: str
    status: str = Field(
        description="planned, cancelled, held; proposed oder declined (von einem "
        "Mitglied vorgeschlagen, nur für Vorschlagende und Moderation sichtbar)"
    )
    agenda_published_at: datetime.datetime | None
    minutes_published_at: datetime.datetime | None
    capacity: int | None
    registration_open: bool
    url: str

    @staticmethod
    def resolve_uid(obj: Meeting) -> str:
        return str(obj.uid)

    @staticmethod
    def resolve_url(obj: Meeting, context: dict[str, Any]) -> str:
        return reverse(
            "forums:meeting", kwargs={"municipality_slug": _slug(context), "pk": obj.pk}
        )


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    description: str
    kind: str
    planned_minutes: int | None
    follow_up_of: int | None = Field(
        description="id des Beschlusses, dem dieser Punkt nachgeht"
    )
    minutes: str | None = Field(
        description="Bereinigtes HTML; nur wenn das Protokoll veröffentlicht ist"
    )

    @staticmethod
    def resolve_follow_up_of(obj: AgendaItem) -> int | None:
        return obj.follow_up_of_id

    @staticmethod
    def resolve_minutes(obj: AgendaItem) -> str | None:
        return obj.minutes if obj.meeting.minutes_published_at else None


class MeetingDetailOut(MeetingOut):
    agenda_items: list[AgendaItemOut] = Field(
        description="Angenommene Punkte, sobald die Tagesordnung veröffentlicht ist"
    )

    @staticmethod
    def resolve_agenda_items(obj: Meeting, context: dict[str, Any]) -> Any:
        request = context["request"]
        if not (
            obj.agenda_published_at
            or request.user.has_perm("forums.moderate_agenda", obj)
        ):
            return []
        items = obj.agenda_items.filter(status=AgendaItemStatus.ACCEPTED)
        return [_with_meeting(item, obj) for item in items]


class MeetingRef(Schema):
    id: int
    title: str
    starts_at: datetime.datetime


class AgendaItemRef(Schema):
    id: int
    title: str
    meeting: MeetingRef


class ResponsibilityOut(Schema):
    role: str = Field(description="R, A, C oder I (RACI)")
    role_label: str
    actor: ActorRef | None
    person: str | None = Field(description="Öffentlicher Name einer Person")

    @staticmethod
    def resolve_role_label(obj: Responsibility) -> str:
        return str(obj.get_role_display())

    @staticmethod
    def resolve_person(obj: Responsibility) -> str | None:
        return obj.user.public_name if obj.user_id else None


class DecisionOut(Schema):
    id: int
    number: int
    label: str = Field(description="z. B. 2026-14")
    forum: ForumRef
    agenda_item: AgendaItemRef
    text: str
    rationale: str
    kind: str
    status: str
    due_date: datetime.date | None
    decided_on: datetime.date
    is_overdue: bool
    responsibilities: list[ResponsibilityOut]
    url: str

    @staticmethod
    def resolve_label(obj: Decision) -> str:
        return decision_services.decision_label(obj)

    @staticmethod
    def resolve_responsibilities(obj: Decision) -> Any:
        return obj.responsibilities.all()

    @staticmethod
    def resolve_url(obj: Decision, context: dict[str, Any]) -> str:
        return reverse(
            "forums:decision",
            kwargs={"municipality_slug": _slug(context), "pk": obj.pk},
        )


class DecisionStatusChangeOut(Schema):
    old_status: str
    new_status: str
    comment: str
    changed_by: str | None = Field(description="Öffentlicher Name")
    changed_at: datetime.datetime

    @staticmethod
    def resolve_changed_by(obj: DecisionStatusChange) -> str | None:
        return obj.changed_by.public_name if obj.changed_by_id else None


class FollowUpOut(Schema):
    id: int
    title: str
    meeting: MeetingRef


class DecisionDetailOut(DecisionOut):
    status_history: list[DecisionStatusChangeOut]
    follow_up_items: list[FollowUpOut]

    @staticmethod
    def resolve_status_history(obj: Decision) -> Any:
        return obj.status_changes.select_related("changed_by")

    @staticmethod
    def resolve_follow_up_items(obj: Decision) -> Any:
        return obj.follow_up_items.select_related("meeting").order_by(
            "meeting__starts_at", "pk"
        )


class ForumIn(Schema):
    kind: ForumKind
    name: str = Field(min_length=1, max_length=200)
    slug: str = Field(min_length=1, max_length=80)
    purpose: str = ""
    mandate: Mandate = Mandate.ADVISORY
    mandate_scope: str = ""
    recommends_to: str | None = Field(None, description="slug eines anderen Forums")
    recommends_to_body: str = ""
    participation_stage: ParticipationStage = ParticipationStage.CONSULTATION
    visibility: ForumVisibility | None = Field(
        None, description="Ohne Angabe: nur Mitglieder bei Kollegialer Beratung"
    )
    contact_name: str = ""
    contact_email: str = ""
    member_meetings: MemberMeetings = MemberMeetings.APPROVE
    neighborhoods: list[str] = Field(
        default_factory=list, description="Kurznamen (slug) der Quartiere"
    )


class ForumPatch(Schema):
    """Only the fields sent are changed."""

    kind: ForumKind | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    slug: str | None = Field(None, min_length=1, max_length=80)
    purpose: str | None = None
    mandate: Mandate | None = None
    mandate_scope: str | None = None
    recommends_to: str | None = None
    recommends_to_body: str | None = None
    participation_stage: ParticipationStage | None = None
    visibility: ForumVisibility | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    member_meetings: MemberMeetings | None = None
    neighborhoods: list[str] | None = None


class MeetingIn(Schema):
    forum: str = Field(description="slug des Forums")
    title: str = Field(min_length=1, max_length=200)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    address: str = ""
    online_url: str = ""
    description: str = ""
    capacity: int | None = Field(None, ge=1, le=100_000)
    registration_open: bool = True


class MeetingPatch(Schema):
    """Only the fields sent are changed; a meeting stays in its forum."""

    title: str | None = Field(None, min_length=1, max_length=200)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    address: str | None = None
    online_url: str | None = None
    description: str | None = None
    capacity: int | None = Field(None, ge=1, le=100_000)
    registration_open: bool | None = None


class AgendaItemIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    kind: AgendaItemKind = AgendaItemKind.DISCUSSION
    planned_minutes: int | None = Field(None, ge=1, le=1440)
    position: int | None = Field(None, ge=1, le=1000)


class ResponsibilityIn(Schema):
    role: RaciRole
    actor: Id | None = Field(None, description="id einer Akteurin")
    person: str | None = Field(
        None, description="E-Mail-Adresse eines Mitglieds der Kommune"
    )


class DecisionIn(Schema):
    agenda_item: Id
    text: str = Field(min_length=1)
    rationale: str = ""
    kind: DecisionKind = DecisionKind.RESOLUTION
    due_date: datetime.date | None = None
    decided_on: datetime.date | None = None
    responsibilities: list[ResponsibilityIn] = Field(min_length=1)


class DecisionStatusIn(Schema):
    status: DecisionStatus
    comment: str = Field(min_length=1, description="Warum ändert sich der Status?")


# --- Helpers -------------------------------------------------------------------


def _with_meeting(item: AgendaItem, meeting: Meeting) -> AgendaItem:
    item.meeting = meeting  # spares a query per item
    return item


def _forums(qs: QuerySet[Forum]) -> QuerySet[Forum]:
    return qs.select_related("recommends_to").prefetch_related(
        Prefetch(
            "neighborhoods", queryset=Neighborhood.objects.only("id", "slug", "name")
        )
    )


def _meetings(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("forum")


def _decisions(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    return qs.select_related("forum", "agenda_item__meeting").prefetch_related(
        Prefetch(
            "responsibilities",
            queryset=Responsibility.objects.select_related("actor", "user"),
        )
    )


def _visible_forum(
    request: HttpRequest, municipality: Municipality, slug: str, field: str
) -> Forum:
    forum = (
        Forum.objects.visible_to(request.user, municipality).filter(slug=slug).first()
    )
    if forum is None:
        raise field_error(field, _("There is no forum “%s” here.") % slug)
    return forum


def _neighborhoods(municipality: Municipality, slugs: list[str]) -> list[Neighborhood]:
    found = {
        n.slug: n for n in Neighborhood.objects.of(municipality).filter(slug__in=slugs)
    }
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        raise field_error(
            "neighborhoods",
            _("No neighbourhood of this municipality has the slug: %s")
            % ", ".join(unknown),
        )
    return list(found.values())


def _forum_fields(
    request: HttpRequest, municipality: Municipality, data: dict[str, Any]
) -> dict[str, Any]:
    """Turn slugs of the request body into objects for forum_save."""
    if "neighborhoods" in data:
        data["neighborhoods"] = _neighborhoods(
            municipality, data["neighborhoods"] or []
        )
    if data.get("recommends_to"):
        data["recommends_to"] = _visible_forum(
            request, municipality, data["recommends_to"], "recommends_to"
        )
    elif "recommends_to" in data:
        data["recommends_to"] = None
    for name in ("kind", "mandate", "visibility", "member_meetings"):
        if data.get(name) is not None:
            data[name] = str(data[name])
    if data.get("participation_stage") is not None:
        data["participation_stage"] = int(data["participation_stage"])
    for name in ("name", "slug", "kind", "mandate", "participation_stage"):
        if name in data and data[name] is None:
            raise field_error(name, _("This field cannot be empty."))
    return data


def _aware(value: Any) -> Any:
    """Times without a zone are read in the municipality's time (Europe/Berlin)."""
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _meeting_fields(data: dict[str, Any]) -> dict[str, Any]:
    for name in ("starts_at", "ends_at"):
        if name in data:
            if data[name] is None:
                raise field_error(name, _("This field cannot be empty."))
            data[name] = _aware(data[name])
    for name in ("title", "registration_open"):
        if name in data and data[name] is None:
            raise field_error(name, _("This field cannot be empty."))
    return data


def _assignments(
    request: HttpRequest,
    municipality: Municipality,
    entries: list[dict[str, Any]],
) -> list[decision_services.Assignment]:
    result = []
    for index, entry in enumerate(entries):
        field = f"responsibilities.{index}"
        actor = user = None
        if (entry.get("actor") is None) == (not entry.get("person")):
            raise field_error(field, _("Name either an actor or a person, not both."))
        if entry.get("actor") is not None:
            actor = (
                Actor.objects.visible_to(request.user, municipality)
                .active()
                .filter(pk=entry["actor"])
                .first()
            )
            if actor is None:
                raise field_error(
                    field,
                    _("There is no active actor with id %s in this municipality.")
                    % entry["actor"],
                )
        else:
            user = User.objects.filter(
                email__iexact=entry["person"].strip(),
                memberships__municipality=municipality,
            ).first()
            if user is None:
                raise field_error(
                    field, _("No member of this municipality has this e-mail address.")
                )
        result.append(
            decision_services.Assignment(
                role=str(entry["role"]), actor=actor, user=user
            )
        )
    return result


# --- Forums --------------------------------------------------------------------


@router.get(
    "/municipalities/{slug}/forums",
    response=list[ForumOut],
    auth=read_auth,
    summary="Aushandlungsräume einer Kommune",
)
@paginate(Pages)
def forum_list(
    request: HttpRequest,
    slug: str,
    kind: ForumKind | None = None,
    neighborhood: str = "",
    archived: bool = False,
) -> QuerySet[Forum]:
    """Filter nach Art und Quartier (slug). Foren nur für Mitglieder sehen nur ihre
    Mitglieder und die Koordination. Archivierte nur mit `archived=true` und nur für
    die Koordination."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    forums = Forum.objects.visible_to(request.user, municipality)
    if not (archived and request.user.has_perm("forums.change_forum", municipality)):
        forums = forums.active()
    if kind:
        forums = forums.filter(kind=kind)
    if neighborhood:
        forums = forums.filter(neighborhoods__slug=neighborhood)
    return _forums(forums).order_by("name", "pk")


@router.get(
    "/municipalities/{slug}/forums/{forum_slug}",
    response={200: ForumDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein Aushandlungsraum mit seinen Mitgliedern",
)
def forum_detail(request: HttpRequest, slug: str, forum_slug: str) -> Forum:
    municipality_for(request, slug)
    return get_object_for(request, _forums(Forum.objects.all()), slug=forum_slug)


@router.post(
    "/municipalities/{slug}/forums",
    response={201: ForumDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Aushandlungsraum anlegen (Token, Koordination)",
)
def forum_create(request: HttpRequest, slug: str, payload: ForumIn) -> Status[Forum]:
    municipality = municipality_for(request, slug)
    require(request, "forums.add_forum")
    data = _forum_fields(request, municipality, payload.dict())
    forum = forum_services.forum_save(
        by=request.user, municipality=municipality, **data
    )
    return Status(201, _forums(Forum.objects.all()).get(pk=forum.pk))


@router.patch(
    "/municipalities/{slug}/forums/{forum_slug}",
    response={200: ForumDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Aushandlungsraum ändern (Token, Koordination)",
)
def forum_update(
    request: HttpRequest, slug: str, forum_slug: str, payload: ForumPatch
) -> Forum:
    municipality = municipality_for(request, slug)
    forum = get_object_for(
        request, Forum.objects.all(), "forums.change_forum", slug=forum_slug
    )
    data = _forum_fields(request, municipality, payload.dict(exclude_unset=True))
    forum_services.forum_save(
        by=request.user, municipality=municipality, forum=forum, **data
    )
    return _forums(Forum.objects.all()).get(pk=forum.pk)


# --- Meetings ------------------------------------------------------------------


@router.get(
    "/municipalities/{slug}/meetings",
    response=list[MeetingOut],
    auth=read_auth,
    summary="Sitzungen",
)
@paginate(Pages)
def meeting_list(
    request: HttpRequest,
    slug: str,
    forum: str = "",
    date_from: datetime.date | None = Query(None, alias="from"),  # noqa: B008
    date_to: datetime.date | None = Query(None, alias="to"),  # noqa: B008
) -> QuerySet[Meeting]:
    """Nach Beginn sortiert. Filter: `forum` (slug), `from` und `to` (Datum,
    einschließlich)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    meetings = Meeting.objects.visible_to(request.user, municipality)
    if forum:
        meetings = meetings.filter(forum__slug=forum)
    if date_from:
        meetings = meetings.filter(starts_at__date__gte=date_from)
    if date_to:
        meetings = meetings.filter(starts_at__date__lte=date_to)
    return _meetings(meetings).order_by("starts_at", "pk")


@router.get(
    "/municipalities/{slug}/meetings/{meeting_id}",
    response={200: MeetingDetailOut, 404: dict},
    auth=read_auth,
    summary="Eine Sitzung mit Tagesordnung (und Protokoll, wenn veröffentlicht)",
)
def meeting_detail(request: HttpRequest, slug: str, meeting_id: Id) -> Meeting:
    municipality_for(request, slug)
    return get_object_for(request, _meetings(Meeting.objects.all()), pk=meeting_id)


@router.post(
    "/municipalities/{slug}/meetings",
    response={201: MeetingDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Sitzung planen (Token, Koordination oder Moderation des Forums)",
)
def meeting_create(
    request: HttpRequest, slug: str, payload: MeetingIn
) -> Status[Meeting]:
    municipality = municipality_for(request, slug)
    data = _meeting_fields(payload.dict())
    forum = _visible_forum(request, municipality, data.pop("forum"), "forum")
    meeting = meeting_services.meeting_save(by=request.user, forum=forum, **data)
    return Status(201, _meetings(Meeting.objects.all()).get(pk=meeting.pk))


@router.patch(
    "/municipalities/{slug}/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Sitzung ändern (Token, Koordination oder Moderation des Forums)",
)
def meeting_update(
    request: HttpRequest, slug: str, meeting_id: Id, payload: MeetingPatch
) -> Meeting:
    municipality_for(request, slug)
    meeting = get_object_for(
        request, Meeting.objects.all(), "forums.change_meeting", pk=meeting_id
    )
    data = _meeting_fields(payload.dict(exclude_unset=True))
    meeting_services.meeting_save(by=request.user, meeting=meeting, **data)
    return _meetings(Meeting.objects.all()).get(pk=meeting.pk)


@router.post(
    "/municipalities/{slug}/meetings/{meeting_id}/agenda-items",
    response={201: AgendaItemOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Tagesordnungspunkt hinzufügen (Token, Koordination oder Moderation)",
)
def agenda_item_create(
    request: HttpRequest, slug: str, meeting_id: Id, payload: AgendaItemIn
) -> Status[AgendaItem]:
    municipality_for(request, slug)
    meeting = get_object_for(
        request, Meeting.objects.all(), "forums.moderate_agenda", pk=meeting_id
    )
    data = {k: v for k, v in payload.dict().items() if v is not None}
    data["kind"] = str(data["kind"])
    item = meeting_services.agenda_item_add(by=request.user, meeting=meeting, **data)
    return Status(201, _with_meeting(AgendaItem.objects.get(pk=item.pk), meeting))


# --- Decisions -----------------------------------------------------------------


@router.get(
    "/municipalities/{slug}/decisions",
    response=list[DecisionOut],
    auth=read_auth,
    summary="Beschlussregister",
)
@paginate(Pages)
def decision_list(
    request: HttpRequest,
    slug: str,
    forum: str = "",
    status: DecisionStatus | None = None,
    overdue: bool = False,
    actor: Id | None = None,
    neighborhood: str = "",
) -> QuerySet[Decision]:
    """Neueste zuerst. Filter: `forum` (slug), `status`, `overdue=true` (offene
    Beschlüsse nach ihrer Frist), `actor` (id einer zuständigen Akteurin),
    `neighborhood` (slug eines Quartiers des Forums)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    decisions = Decision.objects.visible_to(request.user, municipality)
    if forum:
        decisions = decisions.filter(forum__slug=forum)
    if status:
        decisions = decisions.filter(status=status)
    if overdue:
        decisions = decisions.overdue()
    if actor is not None:
        decisions = decisions.filter(
            pk__in=Responsibility.objects.filter(actor_id=actor).values("decision_id")
        )
    if neighborhood:
        decisions = decisions.filter(
            forum__in=Forum.objects.filter(neighborhoods__slug=neighborhood)
        )
    return _decisions(decisions).order_by("-decided_on", "-number")


@router.get(
    "/municipalities/{slug}/decisions/{decision_id}",
    response={200: DecisionDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein Beschluss mit Verlauf und Zuständigkeiten",
)
def decision_detail(request: HttpRequest, slug: str, decision_id: Id) -> Decision:
    municipality_for(request, slug)
    return get_object_for(request, _decisions(Decision.objects.all()), pk=decision_id)


@router.post(
    "/municipalities/{slug}/decisions",
    response={201: DecisionDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Beschluss festhalten (Token, Koordination oder Moderation)",
)
def decision_create(
    request: HttpRequest, slug: str, payload: DecisionIn
) -> Status[Decision]:
    """Zu einem angenommenen Tagesordnungspunkt, mit mindestens einer
    verantwortlichen Akteurin oder Person (R)."""
    municipality = municipality_for(request, slug)
    data = payload.dict()
    item = (
        AgendaItem.objects.of(municipality)
        .filter(
            pk=data.pop("agenda_item"),
            meeting__forum__in=Forum.objects.visible_to(request.user, municipality),
        )
        .select_related("meeting__forum")
        .first()
    )
    if item is None:
        raise field_error(
            "agenda_item", _("There is no such agenda item in this municipality.")
        )
    assignments = _assignments(request, municipality, data.pop("responsibilities"))
    data["kind"] = str(data["kind"])
    if data["decided_on"] is None:
        data.pop("decided_on")
    decision = decision_services.decision_record(
        by=request.user, agenda_item=item, responsibilities=assignments, **data
    )
    return Status(201, _decisions(Decision.objects.all()).get(pk=decision.pk))


@router.post(
    "/municipalities/{slug}/decisions/{decision_id}/status",
    response={200: DecisionDetailOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Status eines Beschlusses ändern, mit Begründung (Token, Koordination)",
)
def decision_status(
    request: HttpRequest, slug: str, decision_id: Id, payload: DecisionStatusIn
) -> Decision:
    municipality_for(request, slug)
    decision = get_object_for(
        request, Decision.objects.all(), "forums.change_decision", pk=decision_id
    )
    try:
        decision_services.decision_change_status(
            by=request.user,
            decision=decision,
            new_status=str(payload.status),
            comment=payload.comment,
        )
    except ValidationError as exc:
        # The service calls the field new_status; here it is "status".
        if hasattr(exc, "error_dict") and "new_status" in exc.error_dict:
            exc.error_dict["status"] = exc.error_dict.pop("new_status")
        raise
    return _decisions(Decision.objects.all()).get(pk=decision.pk)
