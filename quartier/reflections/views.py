"""Views of the reflections app, mounted at /<municipality_slug>/reflections/
(namespace "reflections"): the list, a reflection with its three steps and the
state of its adaptations, the forms, and counting a decision as an adaptation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, may_view, require
from quartier.core.object_links import link_choices
from quartier.forums.models import Decision
from quartier.forums.services.decisions import Assignment
from quartier.reflections import services
from quartier.reflections.forms import AdaptationForm, LinkForm, ReflectionForm
from quartier.reflections.links import KEY as LINK_KEY
from quartier.reflections.models import AdaptationState, Reflection
from quartier.reflections.text_changes import text_change_context

RELATED = ("municipality", "meeting__forum", "compass_round", "initiative", "fund")


def _adaptations(request: HttpRequest, reflection: Reflection) -> list[Any]:
    """The adaptations whose decision the viewer may see, with their state."""
    rows = reflection.adaptations.select_related(
        "decision__forum", "decision__municipality"
    ).prefetch_related("decision__responsibilities__actor")
    return [a for a in rows if may_view(request.user, a.decision)]


@require_GET
def reflection_list(request: HttpRequest) -> HttpResponse:
    require(request, "reflections.view_reflection", request.municipality)
    reflections = Reflection.objects.visible_to(
        request.user, request.municipality
    ).select_related(*RELATED)
    return render(
        request,
        "reflections/list.html",
        {
            "reflections": reflections,
            "can_add": request.user.has_perm(
                "reflections.add_reflection", request.municipality
            ),
        },
    )


def _subject_data(request: HttpRequest, reflection: Reflection) -> dict[str, Any]:
    """What "Und jetzt?" shows beside it: the compass round's divergences (or the
    one field's), or the initiative's phase."""
    data: dict[str, Any] = {}
    if reflection.compass_round_id:
        from quartier.compass.results import compute_round

        result = compute_round(reflection.compass_round)
        ranked = result.ranked
        if reflection.compass_field_id:
            ranked = [f for f in ranked if f.field.pk == reflection.compass_field_id]
        data["compass_fields"] = ranked
    if reflection.initiative_id:
        data["initiative"] = reflection.initiative
    return data


@require_GET
def reflection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = get_object_for(
        request, Reflection.objects.select_related(*RELATED), pk=pk
    )
    adaptations = _adaptations(request, reflection)
    text_changes = text_change_context(request, reflection)
    counts = {state: 0 for state in AdaptationState.values}
    for adaptation in adaptations:
        counts[adaptation.state] += 1
    for change, _may_apply in text_changes:
        counts[change.state_in_reflection] += 1
    return render(
        request,
        "reflections/detail.html",
        {
            "reflection": reflection,
            "adaptations": adaptations,
            "text_changes": text_changes,
            "counts": [(AdaptationState(s).label, n) for s, n in counts.items()],
            "can_edit": request.user.has_perm(
                "reflections.change_reflection", reflection
            ),
            **_subject_data(request, reflection),
        },
    )


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """A new reflection opened from a compass field ("Gesprächsstoff"): the round,
    the field and the field's results as the first observations."""
    from quartier.compass.models import Round
    from quartier.compass.results import compute_round

    round_pk, field_pk = request.GET.get("round"), request.GET.get("field")
    if not (round_pk and round_pk.isdigit()):
        return {}
    round_ = Round.objects.of(request.municipality).filter(pk=int(round_pk)).first()
    if round_ is None or not request.user.has_perm("compass.view_round", round_):
        return {}
    initial: dict[str, Any] = {"compass_round": round_.pk}
    field = None
    if field_pk and field_pk.isdigit():
        field = compute_round(round_).field(int(field_pk))
    if field is None:
        initial["title"] = _("Reflection on “%(round)s”") % {"round": round_}
        return initial
    lines = [
        _("Tension field “%(field)s” in the compass round “%(round)s”.")
        % {"field": field.field.name, "round": round_}
    ]
    if field.overall.n:
        lines.append(
            _(
                "All perspectives: where we are %(current)s, where we should be %(target)s."
            )
            % {
                "current": _number(field.overall.current.median),
                "target": _number(field.overall.target.median),
            }
        )
    for group in field.shown_groups:
        lines.append(
            f"{group.label}: {_number(group.current.median)} → "
            f"{_number(group.target.median)}"
        )
    if field.divergence is not None:
        lines.append(
            _("The perspectives are %(points)s points apart.")
            % {"points": _number(field.divergence)}
        )
    initial.update(
        compass_field=field.field.pk,
        title=_("Reflection on “%(field)s”") % {"field": field.field.name},
        what="\n".join(lines),
    )
    return initial


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _form(request: HttpRequest, reflection: Reflection | None) -> HttpResponse:
    form = ReflectionForm(
        request.POST or None,
        instance=reflection,
        initial=_prefill(request) if reflection is None else None,
        municipality=request.municipality,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reflection = services.reflection_save(
                by=request.user,
                municipality=request.municipality,
                reflection=reflection,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The reflection has been saved."))
            return redirect(reflection)
    return render(
        request, "reflections/form.html", {"form": form, "reflection": reflection}
    )


def reflection_new(request: HttpRequest) -> HttpResponse:
    require(request, "reflections.add_reflection", request.municipality)
    return _form(request, None)


def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = get_object_for(
        request,
        Reflection.objects.select_related(*RELATED),
        "reflections.change_reflection",
        pk=pk,
    )
    return _form(request, reflection)


def adaptation_new(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = get_object_for(
        request,
        Reflection.objects.select_related(*RELATED),
        "reflections.change_reflection",
        pk=pk,
    )
    form = AdaptationForm(
        request.POST or None, municipality=request.municipality, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adaptation_record(
                by=request.user,
                reflection=reflection,
                agenda_item=data["agenda_item"],
                text=data["text"],
                due_date=data["due_date"],
                responsibilities=[
                    Assignment(role="R", actor=data["actor"], user=data["person"])
                ],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The adaptation is recorded in the decisions register.")
            )
            return redirect(reflection)
    return render(
        request,
        "reflections/adaptation_form.html",
        {"form": form, "reflection": reflection},
    )


def decision_link(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_for(
        request,
        Decision.objects.select_related("forum", "municipality"),
        "reflections.link_decision",
        pk=pk,
    )
    form = LinkForm(
        request.POST or None,
        choices=link_choices(request.user, request.municipality, LINK_KEY),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adaptation_link(
                by=request.user,
                decision=decision,
                reflection=form.cleaned_data["reflection"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision counts as an adaptation now."))
            return redirect(decision)
    return render(
        request, "reflections/link_form.html", {"form": form, "decision": decision}
    )
