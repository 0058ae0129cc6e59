"""Actor list (search-as-you-type with htmx, plain GET form without JS), detail with
ties and history, the profile form (coordinators: everything; the actor's members:
their profile), and ties: recorded by the coordination, or proposed by one side and
confirmed by the other. The people of an actor: views/members.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.actors import services
from quartier.actors.forms import (
    ActorFilterForm,
    ActorForm,
    PartnerActorForm,
    TieForm,
)
from quartier.actors.models import (
    Actor,
    Intensity,
    Tie,
    TieKind,
    TieStatus,
    with_labels,
)
from quartier.actors.views.members import (
    invitation_withdraw,
    join,
    member_change,
    members,
)
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import Key, keyset_page
from quartier.core.predicates import is_coordinator

__all__ = [
    "actor_archive",
    "actor_detail",
    "actor_edit",
    "actor_list",
    "invitation_withdraw",
    "join",
    "member_change",
    "members",
    "tie_archive",
    "tie_confirm",
    "tie_edit",
    "tie_end",
]

PAGE_SIZE = 20
# An actor's confirmed ties, closest first (Tie's own order), a page at a time: a
# network hub has dozens or hundreds of ties, and the page costs what 20 cost.
TIES_PAGE_SIZE = 20
TIE_KEYS = (Key("intensity"), Key("id", descending=False))


@require_GET
def actor_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    require(request, "core.view_municipality")
    form = ActorFilterForm(request.GET or None, municipality=municipality)
    actors = Actor.objects.visible_to(request.user, municipality)
    filters = form.cleaned_data if form.is_valid() else {}
    if not filters.get("archived") or not request.user.has_perm(
        "actors.change_actor", municipality
    ):
        actors = actors.active()
    actors = actors.search(filters.get("q") or "")
    if filters.get("sector"):
        actors = actors.filter(sectors=filters["sector"])
    if filters.get("neighborhood"):
        actors = actors.filter(neighborhoods=filters["neighborhood"])
    if filters.get("kind"):
        actors = actors.filter(kind=filters["kind"])
    actors = actors.defer("description")
    page = Paginator(actors, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_labels(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "actor-results":  # type: ignore[attr-defined]
        return render(request, "actors/_results.html", context)
    return render(request, "actors/actor_list.html", context)


# What a row of the ties table shows: not the two actors' descriptions and
# contact details, which select_related would read for every row.
TIE_ROW_FIELDS = (
    "kind",
    "intensity",
    "since",
    "note",
    "recorded_by_coordination",
    "source__name",
    "target__name",
)


def tie_rows(ties: list[Tie], actor: Actor) -> list[tuple[Tie, Actor]]:
    """Each tie with the actor on its other side, and its kind and intensity as
    `kind_label` and `intensity_label`: looked up once per page instead of a
    `get_…_display` (which rebuilds the choices) per row and field."""
    kinds = {value: str(label) for value, label in TieKind.choices}
    intensities = {value: str(label) for value, label in Intensity.choices}
    for tie in ties:
        tie.kind_label = kinds.get(tie.kind, tie.kind)  # type: ignore[attr-defined]
        tie.intensity_label = intensities.get(  # type: ignore[attr-defined]
            tie.intensity, tie.intensity
        )
    return [(tie, tie.other(actor)) for tie in ties]


@require_GET
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    user = request.user
    touching = Tie.objects.touching(actor).select_related(
        "municipality", "source", "target", "proposed_by", "confirmed_by", "ended_by"
    )
    # The network counts confirmed ties only; proposals and ended ties are for the
    # two sides and the coordination.
    ties = (
        Tie.objects.visible_to(user, request.municipality)
        .active()
        .touching(actor)
        .select_related("source", "target")
        .only(*TIE_ROW_FIELDS)
    )
    ties_page = keyset_page(ties, TIE_KEYS, request.GET, size=TIES_PAGE_SIZE)
    if not ties_page.object_list and (
        request.GET.get("after") or request.GET.get("before")
    ):
        # A stale "next" link (ties ended since): the first page, not "no ties".
        ties_page = keyset_page(ties, TIE_KEYS, {}, size=TIES_PAGE_SIZE)
    is_member = user.has_perm("actors.view_members", actor)
    pending = list(touching.proposed()) if is_member else []
    past = (
        list(
            touching.filter(status__in=[TieStatus.ENDED, TieStatus.DECLINED]).order_by(
                "-ended_at", "-pk"
            )[:20]
        )
        if is_member
        else []
    )
    can_edit = user.has_perm("actors.change_actor", actor)
    coordinates = is_coordinator.test(user, actor)
    history = (
        actor.history.select_related("history_user")[:20]
        if can_edit or coordinates
        else []
    )
    actors_url = reverse(
        "actors:list", kwargs={"municipality_slug": request.municipality.slug}
    )
    context = {
        "actor": actor,
        "ties": tie_rows(ties_page.object_list, actor),
        "ties_page": ties_page,
        "tie_page_size": TIES_PAGE_SIZE,
        "incoming": [t for t in pending if t.target_id == actor.pk],
        "outgoing": [t for t in pending if t.source_id == actor.pk],
        "past_ties": [(tie, tie.other(actor)) for tie in past],
        "can_edit": can_edit,
        "coordinates": coordinates,
        "is_member": is_member,
        "confirmable": {
            t.pk for t in pending if user.has_perm("actors.confirm_tie", t)
        },
        "endable": {t.pk for t in pending if user.has_perm("actors.end_tie", t)},
        "can_end": user.has_perm("actors.propose_tie", actor) or coordinates,
        "can_tie": coordinates or user.has_perm("actors.propose_tie", actor),
        "history": history,
        # The addresses in each tie row, reversed once (an actor has dozens of ties).
        "actors_url": actors_url,
        "ties_url": f"{actors_url}{actor.pk}/ties/",
    }
    return render(request, "actors/actor_detail.html", context)


def actor_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = None
    if pk is not None:
        actor = get_object_for(
            request, Actor.objects.all(), "actors.change_actor", pk=pk
        )
    else:
        require(request, "actors.add_actor")
    # The actor's members edit its profile; kind, name and visibility are the
    # coordination's (services.PARTNER_FIELDS).
    form_class = (
        ActorForm
        if is_coordinator.test(request.user, request.municipality)
        else PartnerActorForm
    )
    form = form_class(
        request.POST or None,
        request.FILES or None,
        instance=actor,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.actor_save(
                by=request.user,
                municipality=request.municipality,
                actor=actor,
                sectors=data.pop("sectors"),
                neighborhoods=data.pop("neighborhoods"),
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.name)
            return redirect(saved)
    return render(request, "actors/actor_form.html", {"form": form, "actor": actor})


@require_POST
def actor_archive(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_for(request, Actor.objects.all(), "actors.archive_actor", pk=pk)
    archived = request.POST.get("restore") is None
    services.actor_archive(by=request.user, actor=actor, archived=archived)
    if archived:
        messages.success(
            request,
            _("“%s” was archived. It can be restored at any time.") % actor.name,
        )
    else:
        messages.success(request, _("“%s” was restored.") % actor.name)
    return redirect(actor)


def tie_edit(request: HttpRequest, pk: int, tie_pk: int | None = None) -> HttpResponse:
    """Record a tie (coordination: active at once, marked "recorded by the
    coordination"), propose one (a member of the actor: active once the other side
    confirms), or change one (coordination)."""
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    tie = None
    records = is_coordinator.test(request.user, request.municipality)
    if tie_pk is not None:
        tie = get_object_for(
            request,
            Tie.objects.touching(actor).select_related("source", "target"),
            "actors.change_tie",
            pk=tie_pk,
        )
    elif records:
        require(request, "actors.add_tie")
    else:
        require(request, "actors.propose_tie", actor)
    form = TieForm(request.POST or None, instance=tie, source=actor, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("target", None)
        try:
            if tie is None and not records:
                services.tie_propose(
                    by=request.user, source=actor, target=target, **data
                )
            else:
                services.tie_save(
                    by=request.user,
                    municipality=request.municipality,
                    tie=tie,
                    source=actor if tie is None else None,
                    target=target,
                    **data,
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if tie is None and not records:
                messages.success(
                    request,
                    _("The tie was proposed. It counts once %s confirms it.")
                    % target.name,
                )
            else:
                messages.success(request, _("The tie was saved."))
            return redirect(actor)
    context = {"form": form, "actor": actor, "tie": tie, "proposes": not records}
    return render(request, "actors/tie_form.html", context)


def _tie_of(request: HttpRequest, pk: int, tie_pk: int, perm: str) -> tuple[Actor, Tie]:
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    tie = get_object_for(
        request,
        Tie.objects.touching(actor).select_related("source", "target", "proposed_by"),
        perm,
        pk=tie_pk,
    )
    return actor, tie


@require_POST
def tie_confirm(request: HttpRequest, pk: int, tie_pk: int) -> HttpResponse:
    """The asked side confirms a proposed tie, or declines it ("decline")."""
    actor, tie = _tie_of(request, pk, tie_pk, "actors.confirm_tie")
    accept = "decline" not in request.POST
    services.tie_confirm(by=request.user, tie=tie, accept=accept)
    other = tie.other(actor).name
    if accept:
        messages.success(request, _("The tie with %s is confirmed.") % other)
    else:
        messages.success(request, _("The proposal of %s was declined.") % other)
    return redirect(actor)


@require_POST
def tie_end(request: HttpRequest, pk: int, tie_pk: int) -> HttpResponse:
    """Either side (or the coordination) ends a tie or withdraws a proposal."""
    actor, tie = _tie_of(request, pk, tie_pk, "actors.end_tie")
    services.tie_end(by=request.user, tie=tie)
    messages.success(
        request,
        _("The tie with %s was ended. It stays in the history.")
        % tie.other(actor).name,
    )
    return redirect(actor)


@require_POST
def tie_archive(request: HttpRequest, pk: int, tie_pk: int) -> HttpResponse:
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    tie = get_object_for(
        request, Tie.objects.touching(actor), "actors.archive_tie", pk=tie_pk
    )
    services.tie_archive(by=request.user, tie=tie)
    messages.success(request, _("The tie was archived."))
    return redirect(actor)
