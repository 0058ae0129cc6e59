"""Views of the impact app, mounted at /<municipality_slug>/impact/ (namespace
"impact"): goals, impact models (the Wirkungstreppe), indicators with their chart,
table and traffic light, and the coordination's forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core import indicator_sources
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.object_links import link_choices
from quartier.impact import picker, services
from quartier.impact.forms import (
    PICK,
    GoalForm,
    ImpactModelForm,
    IndicatorForm,
    InitiativeSearchForm,
    LinkForm,
    MeasurementForm,
)
from quartier.impact.links import KEY as LINK_KEY
from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement, Stage
from quartier.impact.progress import light
from quartier.impact.series import layout


def _slug(request: HttpRequest) -> str:
    return request.municipality.slug


def _models(request: HttpRequest) -> Any:
    return ImpactModel.objects.select_related(
        "municipality", "goal__neighborhood", "initiative"
    )


def staircase(model: ImpactModel) -> list[dict[str, Any]]:
    """The seven steps of a model, each with its text, the assumption leading to
    the next step, and its indicators with their lights (measurements prefetched)."""
    by_stage: dict[int, list[Any]] = {}
    for indicator in model.indicators.all():
        indicator.municipality = model.municipality  # its link, without a query each
        measurements = list(indicator.measurements.all())
        indicator.light = light(indicator, measurements)
        indicator.latest = measurements[-1] if measurements else None
        by_stage.setdefault(indicator.stage, []).append(indicator)
    return [
        {
            "number": stage.value,
            "label": stage.label,
            "text": getattr(model, f"stage_{stage.value}"),
            "assumption": getattr(model, f"assumption_{stage.value}", ""),
            "indicators": by_stage.get(stage.value, []),
        }
        for stage in Stage
    ]


def _with_indicators(queryset: Any) -> Any:
    return queryset.prefetch_related(
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
            ),
        )
    )


def _initiatives_to_model(request: HttpRequest) -> picker.Found | None:
    """For the coordination: the initiatives without an impact model yet whose
    title holds the typed words (at most picker.OFFERED; Musterstadt's bench has
    2,016, so none is listed before a search). None for who may not add models."""
    if not request.user.has_perm("impact.add_impactmodel", request.municipality):
        return None
    from quartier.initiatives.models import Initiative

    return picker.find(
        Initiative.objects.visible_to(request.user, request.municipality).filter(
            impact_model__isnull=True
        ),
        picker.typed(request.GET, PICK),
    )


@require_GET
def goal_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    goals = (
        Goal.objects.visible_to(request.user, request.municipality)
        .select_related(
            "municipality", "neighborhood", "decision__forum", "impact_model"
        )
        .order_by("title", "pk")
    )
    from quartier.initiatives.models import Initiative

    # The initiatives' own visibility rule, in the query (no check per row).
    initiative_models = (
        _models(request)
        .filter(
            municipality=request.municipality,
            initiative__in=Initiative.objects.visible_to(
                request.user, request.municipality
            ),
        )
        .order_by("initiative__title")
    )
    to_model = _initiatives_to_model(request)
    return render(
        request,
        "impact/goal_list.html",
        {
            "goals": goals,
            "initiative_models": initiative_models,
            "can_add": request.user.has_perm("impact.add_goal", request.municipality),
            "to_model": to_model,
            "search_form": InitiativeSearchForm({PICK: to_model.text})
            if to_model
            else None,
        },
    )


@require_GET
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_for(
        request,
        Goal.objects.select_related(
            "municipality", "neighborhood", "decision__forum", "decision__municipality"
        ),
        pk=pk,
    )
    model = _with_indicators(_models(request)).filter(goal=goal).first()
    decision_visible = goal.decision and request.user.has_perm(
        "forums.view_decision", goal.decision
    )
    return render(
        request,
        "impact/goal_detail.html",
        {
            "goal": goal,
            "model": model,
            "steps": staircase(model) if model else None,
            "decision": goal.decision if decision_visible else None,
            "can_edit": request.user.has_perm("impact.change_goal", goal),
        },
    )


SEARCH_BUTTON = "search_decision"  # the goal form's "Search" for a decision


def _goal_form(request: HttpRequest, goal: Goal | None) -> HttpResponse:
    # "Search" sends the whole form (so nothing typed is lost) and saves nothing:
    # the form comes back with what was typed and the decisions found.
    searching = request.method == "POST" and SEARCH_BUTTON in request.POST
    form = GoalForm(
        None if searching else (request.POST or None),
        initial=request.POST.dict() if searching else None,
        instance=goal,
        municipality=request.municipality,
        user=request.user,
    )
    if request.method == "POST" and not searching and form.is_valid():
        try:
            goal = services.goal_save(
                by=request.user,
                municipality=request.municipality,
                goal=goal,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect(goal.get_absolute_url())
    return render(
        request,
        "impact/goal_form.html",
        {"form": form, "goal": goal, "search_button": SEARCH_BUTTON},
    )


def goal_new(request: HttpRequest) -> HttpResponse:
    require(request, "impact.add_goal")
    return _goal_form(request, None)


def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_for(request, Goal.objects.all(), "impact.change_goal", pk=pk)
    return _goal_form(request, goal)


def goal_link(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_for(request, Goal.objects.all(), "impact.change_goal", pk=pk)
    choices = link_choices(request.user, request.municipality, LINK_KEY)
    data = request.POST if request.method == "POST" else request.GET
    found = picker.find(choices, picker.typed(data, PICK))
    form = LinkForm(
        request.POST or None,
        choices=choices,
        offered=found.choices,
        initial={PICK: found.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_link_initiative(
                by=request.user, goal=goal, initiative=form.cleaned_data["initiative"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The initiative was linked."))
            return redirect(goal.get_absolute_url())
    return render(
        request,
        "impact/link_form.html",
        {
            "form": form,
            "goal": goal,
            "found": found,
            "search_form": InitiativeSearchForm({PICK: found.text}),
        },
    )


@require_POST
def goal_unlink(request: HttpRequest, pk: int, initiative_pk: int) -> HttpResponse:
    goal = get_object_for(request, Goal.objects.all(), "impact.change_goal", pk=pk)
    initiative = goal.initiatives.filter(pk=initiative_pk).first()
    if initiative is not None:
        services.goal_unlink_initiative(
            by=request.user, goal=goal, initiative=initiative
        )
        messages.success(request, _("The link was removed."))
    return redirect(goal.get_absolute_url())


def _model_form(
    request: HttpRequest, model: ImpactModel | None, owner: Any, **owner_kw: Any
) -> HttpResponse:
    form = ImpactModelForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            model = services.model_save(
                by=request.user,
                municipality=request.municipality,
                model=model,
                **({} if model else owner_kw),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The impact model was saved."))
            return redirect(model.get_absolute_url())
    return render(
        request,
        "impact/model_form.html",
        {"form": form, "owner": owner, "model": model},
    )


def goal_model(request: HttpRequest, pk: int) -> HttpResponse:
    """Describe (or change) the impact model of a goal."""
    goal = get_object_for(request, Goal.objects.all(), "impact.change_goal", pk=pk)
    model = ImpactModel.objects.filter(goal=goal).first()
    require(request, "impact.change_impactmodel" if model else "impact.add_impactmodel")
    return _model_form(request, model, goal, goal=goal)


@require_GET
def initiative_model_pick(request: HttpRequest) -> HttpResponse:
    """The goals page's chooser: on to the impact model of the chosen initiative."""
    require(request, "impact.add_impactmodel")
    pk = request.GET.get("initiative", "")
    if not pk.isdigit():
        messages.error(request, _("Please choose an initiative."))
        return redirect("impact:goals", municipality_slug=_slug(request))
    return redirect(
        "impact:initiative_model", municipality_slug=_slug(request), pk=int(pk)
    )


def initiative_model(request: HttpRequest, pk: int) -> HttpResponse:
    """Describe (or change) the impact model of an initiative."""
    from quartier.initiatives.models import Initiative

    initiative = get_object_for(request, Initiative.objects.all(), pk=pk)
    model = ImpactModel.objects.filter(initiative=initiative).first()
    require(request, "impact.change_impactmodel" if model else "impact.add_impactmodel")
    return _model_form(request, model, initiative, initiative=initiative)


@require_GET
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    model = get_object_for(request, _with_indicators(_models(request)), pk=pk)
    return render(
        request,
        "impact/model_detail.html",
        {
            "model": model,
            "steps": staircase(model),
            "can_edit": request.user.has_perm("impact.change_impactmodel", model),
        },
    )


def _indicator_form(
    request: HttpRequest, model: ImpactModel, indicator: Indicator | None
) -> HttpResponse:
    initial = {}
    stage = request.GET.get("stage", "")
    if indicator is None and stage.isdigit():
        initial["stage"] = int(stage)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        initial=initial,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_save(
                by=request.user,
                impact_model=model,
                indicator=indicator,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect(indicator.get_absolute_url())
    return render(
        request,
        "impact/indicator_form.html",
        {
            "form": form,
            "model": model,
            "indicator": indicator,
            "sources": indicator_sources.sources(),
        },
    )


def indicator_new(request: HttpRequest, pk: int) -> HttpResponse:
    model = get_object_for(request, _models(request), "impact.add_indicator", pk=pk)
    return _indicator_form(request, model, None)


def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_for(
        request,
        Indicator.objects.select_related(
            "impact_model__goal", "impact_model__initiative"
        ),
        "impact.change_indicator",
        pk=pk,
    )
    return _indicator_form(request, indicator.impact_model, indicator)


def _indicator(request: HttpRequest, pk: int, perm: str | None = None) -> Indicator:
    return get_object_for(
        request,
        Indicator.objects.select_related(
            "municipality",
            "impact_model__goal__neighborhood",
            "impact_model__initiative",
        ),
        perm,
        pk=pk,
    )


def _indicator_page(
    request: HttpRequest, indicator: Indicator, form: MeasurementForm | None = None
) -> HttpResponse:
    user = request.user
    measurements = list(
        indicator.measurements.select_related("recorded_by").order_by("date", "pk")
    )
    can_record = user.has_perm("impact.record_measurement", indicator)
    if form is None and can_record and not indicator.is_computed:
        form = MeasurementForm(initial={"date": timezone.localdate()})
    source = (
        indicator_sources.get(indicator.source_key) if indicator.is_computed else None
    )
    return render(
        request,
        "impact/indicator_detail.html",
        {
            "indicator": indicator,
            "model": indicator.impact_model,
            "measurements": measurements,
            "rows": list(reversed(measurements)),
            "light": light(indicator, measurements),
            "chart": layout(indicator.name, measurements, indicator.target_value),
            "source": source,
            "form": form if can_record else None,
            "can_edit": user.has_perm("impact.change_indicator", indicator),
            "can_compute": indicator.is_computed
            and user.has_perm("impact.compute_indicator", indicator),
            "with_notes": user.has_perm(
                "impact.view_measurement_note", request.municipality
            ),
        },
    )


@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _indicator_page(request, _indicator(request, pk))


@require_POST
def measurement_record(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk, "impact.record_measurement")
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            services.measurement_record(
                by=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The value was recorded."))
            return redirect(indicator.get_absolute_url())
    return _indicator_page(request, indicator, form)


@require_POST
def indicator_compute(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk, "impact.compute_indicator")
    try:
        services.indicator_compute(indicator=indicator, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Today's value was computed and stored."))
    return redirect(indicator.get_absolute_url())
