"""Actor list (search-as-you-type with htmx, plain GET form without JS), detail with
ties and history, and the coordinators' forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.actors import services
from quartier.actors.forms import ActorFilterForm, ActorForm, TieForm
from quartier.actors.models import Actor, Tie, with_labels
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require

PAGE_SIZE = 20


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


@require_GET
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    ties = (
        Tie.objects.visible_to(request.user, request.municipality)
        .active()
        .touching(actor)
        .select_related("source", "target")
    )
    can_edit = request.user.has_perm("actors.change_actor", actor)
    history = actor.history.select_related("history_user")[:20] if can_edit else []
    context = {
        "actor": actor,
        "ties": [(tie, tie.other(actor)) for tie in ties],
        "can_edit": can_edit,
        "history": history,
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
    form = ActorForm(
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
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    tie = None
    if tie_pk is not None:
        tie = get_object_for(
            request,
            Tie.objects.touching(actor).select_related("source", "target"),
            "actors.change_tie",
            pk=tie_pk,
        )
    else:
        require(request, "actors.add_tie")
    form = TieForm(request.POST or None, instance=tie, source=actor)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("target", None)
        try:
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
            messages.success(request, _("The tie was saved."))
            return redirect(actor)
    return render(
        request, "actors/tie_form.html", {"form": form, "actor": actor, "tie": tie}
    )


@require_POST
def tie_archive(request: HttpRequest, pk: int, tie_pk: int) -> HttpResponse:
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    tie = get_object_for(
        request, Tie.objects.touching(actor), "actors.archive_tie", pk=tie_pk
    )
    services.tie_archive(by=request.user, tie=tie)
    messages.success(request, _("The tie was archived."))
    return redirect(actor)
