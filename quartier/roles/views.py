"""Pages of role profiles and qualification offers, below /<slug>/roles/.

The list and a profile's page are public; holders' names appear only with their
consent (the coordination sees how many are still waiting for it). Coordinators
write profiles, holders and their municipality's offers; advisers the shared
offers (`qualification/new/?shared=1`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.actors.models import ActorMember, ActorMemberRole
from quartier.core.charts import bar_chart
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.roles import services
from quartier.roles.forms import (
    ConsentForm,
    HolderForm,
    OfferFilterForm,
    OfferForm,
    RoleProfileForm,
)
from quartier.roles.hours import (
    Counting,
    HoursFormat,
    counting,
    hours_per_role,
    last_twelve_months,
)
from quartier.roles.models import (
    QualificationOffer,
    RoleHolder,
    RoleProfile,
    competence_key,
    matching_offers,
    upcoming_first,
)

PAGE_SIZE = 20


def _profiles(request: HttpRequest) -> Any:
    return (
        RoleProfile.objects.of(request.municipality)  # type: ignore[attr-defined]
        .select_related("municipality")
        .prefetch_related("competences", "holders__user", "holders__actor")
    )


def _detail_url(request: HttpRequest, profile: RoleProfile) -> str:
    return reverse(
        "roles:detail",
        kwargs={
            "municipality_slug": request.municipality.slug,  # type: ignore[attr-defined]
            "pk": profile.pk,
        },
    )


def _holders(request: HttpRequest, profile: RoleProfile) -> dict[str, Any]:
    """What the page may say about who fills the role: the consented names for
    everyone; the waiting rows (without names) for the coordination; the row of
    the user themself (or of their actor) with its consent link."""
    user = request.user
    holders = list(profile.holders.all())
    coordinates = user.has_perm("roles.add_roleholder", profile)
    # The rows the user speaks for (rules.py, speaks_for_holder), found with one
    # query per page instead of one per actor holder.
    actors = _administered_actors(request)
    own = [
        h
        for h in holders
        if (user.is_authenticated and h.user_id == user.pk) or h.actor_id in actors
    ]
    return {
        "named": [h for h in holders if h.has_consent],
        "pending": [h for h in holders if not h.has_consent] if coordinates else [],
        "pending_count": sum(not h.has_consent for h in holders),
        "own_holdings": own,
        "coordinates": coordinates,
    }


def _administered_actors(request: HttpRequest) -> set[int]:
    if not hasattr(request, "_administered_actors"):
        ids: set[int] = set()
        if request.user.is_authenticated:
            ids = set(
                ActorMember.objects.filter(
                    user=request.user, role=ActorMemberRole.ADMIN
                ).values_list("actor_id", flat=True)
            )
        request._administered_actors = ids  # type: ignore[attr-defined]
    return request._administered_actors  # type: ignore[attr-defined, no-any-return]


def _hours_chart(request: HttpRequest, profiles: list[RoleProfile]) -> Any:
    """The hours per role of the last 12 months, for those who may read the time
    totals (learning); None otherwise or while time entries are off."""
    municipality = request.municipality  # type: ignore[attr-defined]
    how = counting(municipality)
    if how == Counting.OFF or not request.user.has_perm(
        "learning.view_time_totals", municipality
    ):
        return None
    start, end = last_twelve_months(timezone.localdate())
    totals = hours_per_role(municipality, start, end)
    chart = bar_chart(
        _("Hours of relationship work per role, last 12 months"),
        [(p.name, float(totals.get(p.pk, 0))) for p in profiles],
        unit="h",
        headers=(_("Role"), _("Hours")),
        number_format=HoursFormat,  # type: ignore[arg-type]
    )
    return {"chart": chart, "actors_only": how == Counting.ACTORS_ONLY}


def profile_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality  # type: ignore[attr-defined]
    profiles = list(_profiles(request))
    can_add = request.user.has_perm("roles.add_roleprofile", municipality)
    rows = [{"profile": p, **_holders(request, p)} for p in profiles]
    return render(
        request,
        "roles/profile_list.html",
        {
            "rows": rows,
            "can_add": can_add,
            "hours": _hours_chart(request, profiles),
        },
    )


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    profile = get_object_for(request, _profiles(request), pk=pk)
    offers = QualificationOffer.objects.for_municipality(municipality)
    today = timezone.localdate()
    matches = [
        (offer, names)
        for offer, names in matching_offers(profile, upcoming_first(offers, today))
        if not offer.is_past(today)
    ]
    hours = _hours_chart(request, [profile])
    return render(
        request,
        "roles/profile_detail.html",
        {
            "profile": profile,
            **_holders(request, profile),
            "matches": matches,
            "hours": hours,
            "can_change": request.user.has_perm("roles.change_roleprofile", profile),
        },
    )


def _profile_form(
    request: HttpRequest, profile: RoleProfile | None, cancel_url: str
) -> HttpResponse:
    form = RoleProfileForm(
        request.POST if request.method == "POST" else None, instance=profile
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.role_profile_save(
                by=request.user,
                profile=profile,
                municipality=request.municipality,  # type: ignore[attr-defined]
                values=form.values(),
                competences=form.competences(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The role profile was saved."))
            return redirect(_detail_url(request, saved))
    return render(
        request,
        "roles/profile_form.html",
        {"form": form, "profile": profile, "cancel_url": cancel_url},
    )


def profile_new(request: HttpRequest) -> HttpResponse:
    require(request, "roles.add_roleprofile")
    slug = request.municipality.slug  # type: ignore[attr-defined]
    return _profile_form(
        request, None, reverse("roles:list", kwargs={"municipality_slug": slug})
    )


def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_for(
        request,
        RoleProfile.objects.prefetch_related("competences"),
        "roles.change_roleprofile",
        pk=pk,
    )
    return _profile_form(request, profile, _detail_url(request, profile))


@require_POST
def profile_defaults(request: HttpRequest) -> HttpResponse:
    require(request, "roles.add_roleprofile")
    municipality = request.municipality  # type: ignore[attr-defined]
    created = services.role_profiles_add_defaults(
        by=request.user, municipality=municipality
    )
    if created:
        messages.success(
            request,
            _("The default role profiles were added. Adapt them to your place."),
        )
    return redirect("roles:list", municipality_slug=municipality.slug)


def holder_add(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    profile = get_object_for(
        request, RoleProfile.objects.all(), "roles.add_roleholder", pk=pk
    )
    form = HolderForm(
        request.POST if request.method == "POST" else None, municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.role_holder_add(
                by=request.user,
                profile=profile,
                user=form.cleaned_data["person"],
                actor=form.cleaned_data["actor"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The holder was added. The name is shown once they have "
                    "consented on their own account."
                ),
            )
            return redirect(_detail_url(request, profile))
    return render(request, "roles/holder_form.html", {"form": form, "profile": profile})


def holder_consent(request: HttpRequest, pk: int) -> HttpResponse:
    holder = get_object_for(
        request,
        RoleHolder.objects.select_related("profile", "user", "actor"),
        "roles.consent_roleholder",
        pk=pk,
    )
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if "withdraw" in request.POST:
            services.role_holder_consent(by=request.user, holder=holder, given=False)
            messages.success(request, _("The consent was withdrawn."))
            return redirect(_detail_url(request, holder.profile))
        if form.is_valid() and form.cleaned_data["consent"]:
            services.role_holder_consent(by=request.user, holder=holder, given=True)
            messages.success(request, _("Thank you: the name is now shown."))
            return redirect(_detail_url(request, holder.profile))
        form.add_error("consent", _("Please tick the box to consent."))
    return render(
        request, "roles/holder_consent.html", {"form": form, "holder": holder}
    )


@require_POST
def holder_remove(request: HttpRequest, pk: int) -> HttpResponse:
    holder = get_object_for(
        request,
        RoleHolder.objects.select_related("profile"),
        "roles.delete_roleholder",
        pk=pk,
    )
    profile = holder.profile
    services.role_holder_remove(by=request.user, holder=holder)
    messages.success(request, _("The holder was removed from the role."))
    return redirect(_detail_url(request, profile))


# --- Qualification offers ----------------------------------------------------------


def offer_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality  # type: ignore[attr-defined]
    offers = list(
        QualificationOffer.objects.for_municipality(municipality).select_related(
            "municipality"
        )
    )
    profiles = list(_profiles(request))
    by_key: dict[str, str] = {}
    for name in [c.name for p in profiles for c in p.competences.all()] + [
        c for o in offers for c in o.competence_list
    ]:
        by_key.setdefault(competence_key(name), name)
    form = OfferFilterForm(
        request.GET or None,
        competences=sorted(by_key.values(), key=str.casefold),
    )
    form.is_valid()
    wanted = (getattr(form, "cleaned_data", {}) or {}).get("competence") or ""
    if wanted:
        offers = [o for o in offers if competence_key(wanted) in o.competence_keys()]
    page = Paginator(upcoming_first(offers, timezone.localdate()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    user = request.user
    for offer in page.object_list:
        keys = offer.competence_keys()
        offer.profiles = [p for p in profiles if p.competence_keys() & keys]  # type: ignore[attr-defined]
        offer.can_change = user.has_perm("roles.change_qualificationoffer", offer)  # type: ignore[attr-defined]
    return render(
        request,
        "roles/offer_list.html",
        {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "can_add": user.has_perm("roles.add_qualificationoffer", municipality),
            "can_add_shared": user.has_perm("roles.add_shared_qualificationoffer"),
        },
    )


def _offer_form(
    request: HttpRequest, offer: QualificationOffer | None, shared: bool
) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    form = OfferForm(request.POST if request.method == "POST" else None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_save(
                by=request.user,
                offer=offer,
                municipality=None if shared else municipality,
                values=form.values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The qualification offer was saved."))
            return redirect("roles:offers", municipality_slug=municipality.slug)
    return render(
        request,
        "roles/offer_form.html",
        {"form": form, "offer": offer, "shared": shared},
    )


def offer_new(request: HttpRequest) -> HttpResponse:
    shared = request.GET.get("shared") == "1"
    if shared:
        require(request, "roles.add_shared_qualificationoffer")
    else:
        require(request, "roles.add_qualificationoffer")
    return _offer_form(request, None, shared)


def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_for(
        request,
        QualificationOffer.objects.for_municipality(
            request.municipality  # type: ignore[attr-defined]
        ),
        "roles.change_qualificationoffer",
        pk=pk,
    )
    return _offer_form(request, offer, offer.is_shared)
