"""Views of the Most Significant Change rounds: the list, a round's page (the
candidates while open; the selection with the reasons once closed), defining a
round, a panel member's pick, and closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.stories import services
from quartier.stories.forms import CloseForm, PickForm, RoundForm
from quartier.stories.models import Domain, Pick, Round, Selection


def _rounds() -> object:
    return Round.objects.select_related(
        "municipality", "forum", "neighborhood", "feeds"
    )


@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    require(request, "stories.view_round")
    rounds = _rounds().of(request.municipality).prefetch_related("domains")  # type: ignore[attr-defined]
    context = {
        "rounds": rounds,
        "may_manage": request.user.has_perm(
            "stories.manage_rounds", request.municipality
        ),
    }
    return render(request, "stories/round_list.html", context)


def round_new(request: HttpRequest) -> HttpResponse:
    require(request, "stories.manage_rounds")
    post = request.method == "POST"
    form = RoundForm(request.POST if post else None, municipality=request.municipality)
    if post and form.is_valid():
        try:
            round_ = services.round_create(
                by=request.user,
                municipality=request.municipality,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The round has been defined."))
            return redirect(round_)
    return render(request, "stories/round_form.html", {"form": form})


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request, _rounds(), pk=pk)  # type: ignore[arg-type]
    domains = list(
        round_.domains.select_related(
            "selection__story__neighborhood"
        ).prefetch_related(
            Prefetch("picks", queryset=Pick.objects.order_by("created_at", "id"))
        )
    )
    for domain in domains:
        try:
            selection: Selection | None = domain.selection
        except Selection.DoesNotExist:
            selection = None
        domain.chosen = selection
        domain.reasons = (
            [p.reason for p in domain.picks.all() if p.story_id == selection.story_id]
            if selection
            else []
        )
    user = request.user
    may_pick = user.has_perm("stories.pick_story", round_)
    mine = {}
    if may_pick:
        mine = {
            p.domain_id: p
            for p in Pick.objects.filter(
                domain__round=round_, member=user
            ).select_related("story")
        }
    for domain in domains:
        domain.mine = mine.get(domain.pk)
    context = {
        "round": round_,
        "domains": domains,
        "candidates": services.round_candidates(round_).select_related(
            "municipality", "neighborhood"
        )
        if round_.is_open
        else [],
        "may_pick": may_pick,
        "may_close": user.has_perm("stories.close_round", round_),
        "feeders": round_.feeders.all(),
    }
    return render(request, "stories/round_detail.html", context)


def pick(request: HttpRequest, pk: int, domain_pk: int) -> HttpResponse:
    round_ = get_object_for(request, _rounds(), "stories.pick_story", pk=pk)  # type: ignore[arg-type]
    domain = get_domain(round_, domain_pk)
    post = request.method == "POST"
    candidates = services.round_candidates(round_)
    form = PickForm(request.POST if post else None, candidates=candidates)
    if post and form.is_valid():
        try:
            services.pick_story(
                by=request.user,
                domain=domain,
                story=form.cleaned_data["story"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your pick has been saved."))
            return redirect(round_)
    context = {"round": round_, "domain": domain, "form": form}
    return render(request, "stories/pick_form.html", context)


def get_domain(round_: Round, domain_pk: int) -> Domain:
    from django.http import Http404

    domain = round_.domains.filter(pk=domain_pk).first()
    if domain is None:
        raise Http404
    domain.round = round_
    return domain


def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request, _rounds(), "stories.close_round", pk=pk)  # type: ignore[arg-type]
    ties = {}
    for domain in round_.domains.all():
        ranked = services.tally(domain)
        if ranked and len([s for s, n in ranked if n == ranked[0][1]]) > 1:
            ties[domain] = [s for s, n in ranked if n == ranked[0][1]]
    post = request.method == "POST"
    form = CloseForm(request.POST if post else None, ties=ties)
    if post and form.is_valid():
        tie_breaks = {}
        for domain, stories in ties.items():
            chosen = next(
                s
                for s in stories
                if str(s.pk) == form.cleaned_data[f"story_{domain.pk}"]
            )
            tie_breaks[domain.pk] = (chosen, form.cleaned_data[f"reason_{domain.pk}"])
        try:
            services.round_close(by=request.user, round_=round_, tie_breaks=tie_breaks)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The round is closed; the storytellers have been told."),
            )
            return redirect(round_)
    context = {"round": round_, "form": form, "ties": ties}
    return render(request, "stories/round_close.html", context)
