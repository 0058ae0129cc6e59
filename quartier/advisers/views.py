"""Pages of the Fachberatung.

At the top level `/advisers/`: the adviser dashboard, a sharing municipality's page
and its shared modules (`/advisers/m/<slug>/…`), and the practice examples that
municipalities publish for each other (`/advisers/practice/`, for members of any
municipality and advisers). Below `/<slug>/settings/sharing/`: the municipality's
grants, the log of what advisers opened, the consultation log and its own practice
examples.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.advisers import dashboard, services
from quartier.advisers.forms import (
    ConsultationForm,
    GrantForm,
    PracticeForm,
    QuestionForm,
)
from quartier.advisers.models import (
    AdviserView,
    Consultation,
    PracticeExample,
    SharingGrant,
)
from quartier.core import tenancy
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, record_refusal, require
from quartier.core.maillinks import absolute_url
from quartier.core.predicates import is_coordinator
from quartier.core.sharing import (
    adviser_has_grant,
    record_adviser_view,
    shared_module,
    shared_modules,
)

# --- The adviser's side ------------------------------------------------------------


@require_GET
def adviser_dashboard(request: HttpRequest) -> HttpResponse:
    require(request, "advisers.use_dashboard")
    # PAGE_SIZE municipalities at a time, by name: the same cost for 3 or 300.
    page = dashboard.card_page(request.user, request.GET)
    if not page.object_list and request.GET:
        # A link behind the last municipality (one stopped sharing since): the
        # first page, not "no municipality shares".
        page = dashboard.card_page(request.user, {})
    return render(
        request,
        "advisers/dashboard.html",
        {
            "organisation": services.organisation_of(request.user),
            "page": page,
            "cards": dashboard.municipality_cards(request.user, page.object_list),
            "follow_ups": dashboard.follow_ups(request.user),
            "comparisons": dashboard.comparisons(
                request.user, {"initiatives": dashboard.initiative_figures()}
            ),
            "min_municipalities": dashboard.MIN_MUNICIPALITIES,
        },
    )


@require_GET
def shared_municipality(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.view_shared")
    cards = dashboard.municipality_cards(request.user, [municipality])
    record_adviser_view(request, municipality, "", _("Overview"))
    consultations = Consultation.objects.of(municipality).filter(
        organisation__members=request.user
    )
    return render(
        request,
        "advisers/municipality.html",
        {"card": cards[0] if cards else None, "consultations": consultations},
    )


@require_GET
def shared_module_page(request: HttpRequest, key: str) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    module = shared_module(key)
    if module is None:
        raise Http404
    granted = adviser_has_grant(request.user, municipality, key)
    # The coordination may preview what an adviser reads.
    if not granted and not is_coordinator.test(request.user, municipality):
        record_refusal(request, f"advisers.read_{key}", municipality)
        raise PermissionDenied
    if module.detail is None and module.url is not None:
        return redirect(module.url(municipality))
    record_adviser_view(request, municipality, key, module.label)
    return render(
        request,
        "advisers/module.html",
        {
            "module": module,
            "tables": module.detail(municipality) if module.detail else [],
            "preview": not granted,
        },
    )


def consultation_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.add_consultation")
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_record(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consultation has been recorded."))
            return redirect(
                "advisers:municipality", municipality_slug=municipality.slug
            )
    return render(request, "advisers/consultation_form.html", {"form": form})


# --- Practice examples -------------------------------------------------------------


@require_GET
@tenancy.across_municipalities()  # state-wide: the examples of every municipality
def practice_list(request: HttpRequest) -> HttpResponse:
    require(request, "advisers.view_practice_list")
    examples = (
        PracticeExample.objects.published()
        .select_related("municipality")
        .order_by("-published_at")
    )
    page = Paginator(examples, 20).get_page(request.GET.get("page"))
    return render(request, "advisers/practice_list.html", {"page": page})


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    example = get_object_for(request, PracticeExample.objects.all(), pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        require(request, "advisers.ask_practice", example)
        if form.is_valid():
            try:
                services.practice_ask(
                    by=request.user,
                    example=example,
                    question=form.cleaned_data["question"],
                    reply_url=absolute_url(request.path),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Your question has been sent to the contact person.")
                )
                return redirect(request.path)
    may_ask = request.user.has_perm("advisers.ask_practice", example)
    return render(
        request,
        "advisers/practice_detail.html",
        {"example": example, "form": form, "may_ask": may_ask},
    )


# --- The municipality's side (/<slug>/settings/sharing/) ---------------------------


@require_GET
def grants(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.manage_grants")
    rows = SharingGrant.objects.of(municipality).select_related(
        "organisation", "granted_by", "revoked_by"
    )
    return render(
        request,
        "advisers/grants.html",
        {"grants": rows, "modules": shared_modules()},
    )


def grant_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.manage_grants")
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_create(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The module is now shared."))
            return redirect("sharing:grants", municipality_slug=municipality.slug)
    return render(request, "advisers/grant_form.html", {"form": form})


@require_POST
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.manage_grants")
    grant = SharingGrant.objects.of(municipality).filter(pk=pk).first()
    if grant is None:
        raise Http404
    try:
        services.grant_revoke(by=request.user, grant=grant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The sharing agreement has been revoked."))
    return redirect("sharing:grants", municipality_slug=municipality.slug)


@require_GET
def adviser_log(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.view_adviser_log")
    views = AdviserView.objects.of(municipality).select_related("user")
    page = Paginator(views, 50).get_page(request.GET.get("page"))
    labels = {m.key: m.label for m in shared_modules()}
    rows = [(v, labels.get(v.module_key, "")) for v in page]
    return render(request, "advisers/log.html", {"page": page, "rows": rows})


@require_GET
def consultations(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.view_consultations")
    rows = Consultation.objects.of(municipality).select_related("organisation")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "advisers/consultations.html", {"page": page})


@require_GET
def own_practice(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.publish_practice")
    examples = PracticeExample.objects.of(municipality).order_by("-published_at")
    return render(request, "advisers/own_practice.html", {"examples": examples})


def practice_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "advisers.publish_practice")
    form = PracticeForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.practice_publish(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The practice example has been published."))
            return redirect(
                "advisers:practice_detail",
                municipality_slug=municipality.slug,
                pk=example.pk,
            )
    return render(request, "advisers/practice_form.html", {"form": form})


@require_POST
def practice_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    example = get_object_for(
        request, PracticeExample.objects.all(), "advisers.withdraw_practice", pk=pk
    )
    services.practice_withdraw(by=request.user, example=example)
    messages.success(request, _("The practice example has been withdrawn."))
    return redirect(
        reverse("sharing:practice", kwargs={"municipality_slug": municipality.slug})
    )
