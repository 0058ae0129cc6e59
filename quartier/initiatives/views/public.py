"""The public pages: the list with filters, the initiative's page, following."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.actors.models import Actor
from quartier.core.models import Neighborhood
from quartier.core.object_links import visible_links
from quartier.core.pagination import Key, keyset_page
from quartier.core.row_urls import url_maker
from quartier.core.word_search import every_word, words_of
from quartier.directory.models import TaxonomyTerm
from quartier.initiatives import services
from quartier.initiatives.forms import InitiativeFilterForm
from quartier.initiatives.models import (
    PHASE_ORDER,
    Follow,
    Initiative,
    InitiativePartner,
    Phase,
)
from quartier.initiatives.views.common import load

# The list's order, by title with the id as tiebreak (index initiative_list_order):
# keyset pages ("next/previous") cost the same at any depth.
LIST_KEYS = (Key("title", descending=False), Key("id", descending=False))
# What a card shows: the description and the other long texts stay in the database.
CARD_FIELDS = (
    "title",
    "summary",
    "phase",
    "visibility",
    "lead_actor__name",
    "lead_person__display_name",
    "lead_person__deleted_at",
)


def _organisations(user: Any, municipality: Any, filters: dict[str, Any]) -> Any:
    """The organisations the filters name (a part of the name, or one lead or
    partner by id), among those the viewer may see; None when no filter names one."""
    text = filters.get("organisation")
    if not (words_of(text) or "lead" in filters or "partner" in filters):
        return None
    actors = Actor.objects.visible_to(user, municipality)
    return every_word(actors, text, "name").values("pk")


@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    user = request.user
    form = InitiativeFilterForm(request.GET or None, municipality=municipality)
    filters = form.filters()
    initiatives = Initiative.objects.visible_to(user, municipality)
    if "phase" in filters:
        initiatives = initiatives.filter(phase=filters["phase"])
    if "neighborhood" in filters:
        initiatives = initiatives.filter(neighborhoods__slug=filters["neighborhood"])
    if "topic" in filters:
        initiatives = initiatives.filter(topics__code=filters["topic"])
    organisations = _organisations(user, municipality, filters)
    if organisations is not None:
        partnered = InitiativePartner.objects.filter(
            municipality=municipality, actor__in=organisations
        )
        if "lead" in filters:
            initiatives = initiatives.filter(
                lead_actor__in=organisations.filter(pk=filters["lead"])
            )
        if "partner" in filters:
            initiatives = initiatives.filter(
                pk__in=partnered.filter(actor_id=filters["partner"]).values(
                    "initiative_id"
                )
            )
        if filters.get("organisation"):
            initiatives = initiatives.filter(
                Q(lead_actor__in=organisations)
                | Q(pk__in=partnered.values("initiative_id"))
            )
    if "neighborhood" in filters or "topic" in filters:
        initiatives = initiatives.distinct()  # the joins may repeat an initiative
    initiatives = (
        initiatives.select_related("lead_actor", "lead_person")
        .only(*CARD_FIELDS)
        .prefetch_related(
            # Lists, not managers: a manager and a queryset per card and relation
            # cost more than the card's other parts together.
            Prefetch(
                "neighborhoods",
                Neighborhood.objects.only("name"),
                to_attr="neighborhood_list",
            ),
            Prefetch(
                "topics",
                TaxonomyTerm.objects.only("name", "taxonomy", "position"),
                to_attr="topic_list",
            ),
        )
    )
    page = keyset_page(initiatives, LIST_KEYS, request.GET, size=20)
    url = url_maker("initiatives:detail", municipality)
    for initiative in page.object_list:
        initiative.url = url(initiative.pk)
    context = {
        "form": form,
        "page": page,
        "phases": PHASE_ORDER,
        "can_add": user.has_perm("initiatives.add_initiative", municipality),
        "is_coordination": user.has_perm("initiatives.view_matrix", municipality),
    }
    return render(request, "initiatives/initiative_list.html", context)


def initiatives_here(request: HttpRequest, neighborhood: Any) -> dict[str, Any]:
    """The initiatives of a neighbourhood that the viewer may see (a section of the
    neighbourhood's page, core/modules.py), ended ones last."""
    municipality = request.municipality  # type: ignore[attr-defined]
    initiatives = (
        Initiative.objects.visible_to(request.user, municipality)
        .filter(neighborhoods=neighborhood)
        .exclude(phase=Phase.ENDED)
        .only("id", "title", "phase", "municipality_id")
        .order_by("title", "pk")
    )
    return {"initiatives": initiatives[:30]}


def _link_groups(user: Any, initiative: Initiative) -> list[dict[str, Any]]:
    """The linked objects the viewer may see, grouped by kind, each with the id of
    its link row (for the remove button)."""
    rows = defaultdict(dict)
    for link in initiative.links.all():
        rows[link.kind][link.object_id] = link.pk
    initiative._link_rows = [
        (kind, object_id) for kind, ids in rows.items() for object_id in ids
    ]
    groups = []
    for group in visible_links(user, initiative):
        groups.append(
            {
                "key": group.key,
                "label": group.label,
                "count": len(group.links),
                "links": [
                    (link, rows[group.key].get(str(link.obj.pk)))
                    for link in group.links
                ],
            }
        )
    return groups


@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = load(request, pk)
    user = request.user
    can_edit = user.has_perm("initiatives.change_initiative", initiative)
    initiative = (
        Initiative.objects.filter(pk=initiative.pk)
        .select_related("municipality", "lead_actor", "lead_person")
        .prefetch_related(
            "neighborhoods",
            "topics",
            "target_groups",
            Prefetch(
                "partnerships",
                queryset=InitiativePartner.objects.select_related("actor"),
            ),
            "responsibilities__actor",
            "responsibilities__user",
            "phase_changes__changed_by",
            "pilots",
            "checklist",
            "links",
        )
        .get()
    )
    checklist = [i for i in initiative.checklist.all() if i.phase == initiative.phase]
    context = {
        "initiative": initiative,
        "can_edit": can_edit,
        "can_follow": user.has_perm("initiatives.follow_initiative", initiative),
        "follows": user.is_authenticated
        and Follow.objects.filter(user=user, initiative=initiative).exists(),
        "timeline": _timeline(initiative),
        "checklist": checklist,
        "link_groups": _link_groups(user, initiative),
        "health_check": getattr(initiative, "health_check", None)
        if _has_check(initiative)
        else None,
        "adaptation": _adaptation(user, initiative),
        "allowed_phases": services.allowed_phases(initiative) if can_edit else [],
        "running_pilot": next(
            (p for p in initiative.pilots.all() if not p.decision), None
        ),
        "follow_ups": list(initiative.follow_ups.open().select_related("person"))
        if can_edit
        else [],
        "Phase": Phase,
    }
    return render(request, "initiatives/initiative_detail.html", context)


def _has_check(initiative: Initiative) -> bool:
    from quartier.initiatives.models import HealthCheck

    try:
        return initiative.health_check is not None
    except HealthCheck.DoesNotExist:
        return False


def _adaptation(user: Any, initiative: Initiative) -> Any:
    """The programme and its local fit, side by side, for whoever may read the
    programme (a municipality's own library is for its members and the advisers
    it shares with, docs/programmes.md)."""
    from quartier.initiatives.models import Adaptation

    try:
        adaptation = (
            Adaptation.objects.select_related("programme")
            .prefetch_related("programme__elements", "fits")
            .get(initiative=initiative)
        )
    except Adaptation.DoesNotExist:
        return None
    if not user.has_perm("programmes.view_programme", adaptation.programme):
        return None
    fits = {fit.element_id: fit for fit in adaptation.fits.all()}
    adaptation.rows = [
        (element, fits.get(element.pk))
        for element in adaptation.programme.elements.all()
    ]
    return adaptation


def _timeline(initiative: Initiative) -> list[dict[str, Any]]:
    """The five phases with the date each was reached (last time), and the
    current one marked; Beendet is added when it happened."""
    reached: dict[str, Any] = {}
    for change in initiative.phase_changes.all():
        reached[change.new_phase] = change.changed_on
    steps = []
    for phase in PHASE_ORDER:
        steps.append(
            {
                "phase": phase,
                "label": Phase(phase).label,
                "on": reached.get(phase),
                "current": initiative.phase == phase,
                "done": phase in reached and initiative.phase != phase,
            }
        )
    if initiative.phase == Phase.ENDED:
        steps.append(
            {
                "phase": Phase.ENDED,
                "label": Phase.ENDED.label,
                "on": reached.get(Phase.ENDED),
                "current": True,
                "done": False,
            }
        )
    return steps


@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.follow_initiative")
    wanted = request.POST.get("follow") != "0"
    services.follow_set(by=request.user, initiative=initiative, follow=wanted)
    messages.success(
        request,
        _("You follow this initiative: you will hear of its new phases by e-mail.")
        if wanted
        else _("You no longer follow this initiative."),
    )
    return redirect(initiative)
