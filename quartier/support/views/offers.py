"""Support offers and the process guide.

Below /<slug>/support/: the state-wide catalogue together with the municipality's
local offers (coordinators add those), the process guide, and the deadlines feed.
At the top level /support/: the state-wide catalogue, public, maintained by the
advisers (Fachberatung)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.initiatives.models import PHASE_ORDER, Initiative
from quartier.support import services
from quartier.support.calendar import build_calendar
from quartier.support.forms import OfferForm
from quartier.support.guide import STEPS
from quartier.support.models import OfferDeadline, OfferKind, SupportOffer


def _catalogue(municipality: Any) -> QuerySet[SupportOffer]:
    return SupportOffer.objects.catalogue_of(municipality).prefetch_related("deadlines")


def _list(request: HttpRequest, municipality: Any, **extra: Any) -> HttpResponse:
    offers = _catalogue(municipality)
    kind = request.GET.get("kind", "")
    if kind in OfferKind.values:
        offers = offers.filter(kind=kind)
    else:
        kind = ""
    today = timezone.localdate()
    groups = []
    for value, label in OfferKind.choices:
        rows = [o for o in offers if o.kind == value]
        for offer in rows:
            offer.next_deadline = next(  # type: ignore[attr-defined]
                (d for d in offer.deadlines.all() if d.due_on >= today), None
            )
        if rows:
            groups.append((label, rows))
    return render(
        request,
        "support/offer_list.html",
        {
            "groups": groups,
            "kinds": OfferKind.choices,
            "kind": kind,
            "for_municipality": municipality,
            **extra,
        },
    )


def _detail_url(offer: SupportOffer, municipality: Any) -> str:
    return offer.get_absolute_url(municipality)


def _save(
    request: HttpRequest,
    *,
    offer: SupportOffer | None,
    municipality: Any,
    where: Any,
    cancel_url: str,
) -> HttpResponse:
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.offer_save(
                by=request.user,
                municipality=municipality,
                offer=offer,
                values=form.values(),
                deadlines=form.cleaned_data["deadline_lines"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The support offer was saved."))
            return redirect(_detail_url(saved, where))
    return render(
        request,
        "support/offer_form.html",
        {"form": form, "offer": offer, "cancel_url": cancel_url},
    )


def _offer_page(request: HttpRequest, offer: SupportOffer, where: Any) -> HttpResponse:
    return render(
        request,
        "support/offer_detail.html",
        {
            "offer": offer,
            "deadlines": list(offer.deadlines.all()),
            "can_change": request.user.has_perm("support.change_supportoffer", offer),
            "edit_url": reverse("shared_support:edit", kwargs={"pk": offer.pk})
            if offer.is_state_wide
            else reverse(
                "support:offer_edit",
                kwargs={"municipality_slug": where.slug, "pk": offer.pk},
            ),
        },
    )


def _ics(request: HttpRequest, municipality: Any, name: str) -> HttpResponse:
    deadlines = (
        OfferDeadline.objects.filter(
            offer__in=SupportOffer.objects.catalogue_of(municipality)
        )
        .select_related("offer")
        .order_by("due_on", "pk")
    )
    body = build_calendar(deadlines, request=request, name=name)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- The municipality's view -------------------------------------------------


@require_GET
def offer_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "support.view_supportoffer", municipality)
    return _list(
        request,
        municipality,
        can_add=request.user.has_perm("support.add_supportoffer", municipality),
    )


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    offer = get_object_for(request, _catalogue(municipality), pk=pk)
    return _offer_page(request, offer, municipality)


def offer_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "support.add_supportoffer", municipality)
    return _save(
        request,
        offer=None,
        municipality=municipality,
        where=municipality,
        cancel_url=reverse(
            "support:offers", kwargs={"municipality_slug": municipality.slug}
        ),
    )


def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    offer = get_object_for(
        request,
        SupportOffer.objects.filter(municipality=municipality),
        "support.change_supportoffer",
        pk=pk,
    )
    return _save(
        request,
        offer=offer,
        municipality=municipality,
        where=municipality,
        cancel_url=_detail_url(offer, municipality),
    )


@require_GET
def deadlines_ics(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "support.view_supportoffer", municipality)
    return _ics(
        request,
        municipality,
        _("Support deadlines – %(name)s") % {"name": municipality.name},
    )


def _module_url(municipality: Any, url_name: str) -> str:
    try:
        return reverse(url_name, kwargs={"municipality_slug": municipality.slug})
    except NoReverseMatch:
        return ""


@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    """The process guide: the phases of an initiative, what to do in each, the
    module that helps, the offers that fit, and how many of the municipality's
    initiatives are in each phase (those the viewer may see)."""
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "support.view_supportoffer", municipality)
    counts = dict(
        Initiative.objects.visible_to(request.user, municipality)
        .values_list("phase")
        .annotate(n=Count("pk"))
        .values_list("phase", "n")
    )
    offers = list(_catalogue(municipality))
    steps = []
    for phase in PHASE_ORDER:
        step = STEPS[phase]
        steps.append(
            {
                "phase": phase,
                "step": step,
                "count": counts.get(phase.value, 0),
                "modules": [
                    (label, _module_url(municipality, url_name))
                    for label, url_name in step.modules
                ],
                "offers": [o for o in offers if phase.value in o.phase_keys][:5],
            }
        )
    current = max((i for i, s in enumerate(steps) if s["count"]), default=None)
    return render(request, "support/guide.html", {"steps": steps, "current": current})


# --- The state-wide catalogue at /support/ ------------------------------------


@require_GET
def shared_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        None,
        can_add=request.user.has_perm("support.add_state_offer", None),
    )


def shared_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_for(request, _catalogue(None), pk=pk)
    return _offer_page(request, offer, None)


def shared_new(request: HttpRequest) -> HttpResponse:
    require(request, "support.add_state_offer", None)
    return _save(
        request,
        offer=None,
        municipality=None,
        where=None,
        cancel_url=reverse("shared_support:list"),
    )


def shared_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_for(
        request, SupportOffer.objects.state_wide(), "support.change_supportoffer", pk=pk
    )
    return _save(
        request,
        offer=offer,
        municipality=None,
        where=None,
        cancel_url=_detail_url(offer, None),
    )


@require_GET
def shared_deadlines_ics(request: HttpRequest) -> HttpResponse:
    return _ics(request, None, _("Support deadlines – state-wide catalogue"))
