"""Views of the compass app: results (current round, one round, trends, CSV), the
assessment form, rounds and tension fields for the coordination, and putting a
field on a forum meeting's agenda."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.compass import services
from quartier.compass.forms import (
    AgendaForm,
    AssessmentForm,
    RoundForm,
    TensionFieldForm,
)
from quartier.compass.models import (
    Assessment,
    Round,
    RoundStatus,
    TensionField,
)
from quartier.compass.results import compute_round, compute_trends, field_comments
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.services import set_archived


def _round(request: HttpRequest, pk: int, perm: str | None = None) -> Round:
    return get_object_for(
        request, Round.objects.select_related("neighborhood"), perm, pk=pk
    )


def _rounds(request: HttpRequest) -> list[Round]:
    return list(
        Round.objects.visible_to(request.user, request.municipality).select_related(
            "neighborhood"
        )
    )


def _results_context(request: HttpRequest, round: Round) -> dict[str, Any]:  # noqa: A002
    user = request.user
    with_comments = user.has_perm("compass.view_comments", request.municipality)
    result = compute_round(round, with_comments=with_comments)
    own = None
    if user.is_authenticated:
        own = Assessment.objects.filter(round=round, user=user).first()
    return {
        "round": round,
        "result": result,
        "own": own,
        "with_comments": with_comments,
        "can_assess": user.has_perm("compass.assess_round", round),
        "can_manage": user.has_perm("compass.change_round", round),
        "can_agenda": user.has_perm("compass.put_on_agenda", round),
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The current round (the open one, else the last one) and every round."""
    require(request, "core.view_municipality")
    rounds = _rounds(request)
    visible = [r for r in rounds if r.status != RoundStatus.DRAFT]
    current = next((r for r in visible if r.status == RoundStatus.OPEN), None)
    if current is None and visible:
        current = max(visible, key=lambda r: (r.closed_at or r.created_at, r.pk))
    context: dict[str, Any] = {
        "rounds": rounds,
        "can_manage": request.user.has_perm("compass.add_round", request.municipality),
    }
    if current is not None:
        context.update(_results_context(request, current))
    return render(request, "compass/index.html", context)


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    context = _results_context(request, round)
    context["rounds"] = _rounds(request)
    return render(request, "compass/round_detail.html", context)


@require_GET
def trends(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    rounds = [r for r in _rounds(request) if r.status != RoundStatus.DRAFT]
    context = {
        "rounds": rounds,
        "trends": compute_trends(request.municipality, rounds) if rounds else [],
    }
    return render(request, "compass/trends.html", context)


@require_GET
def comments(request: HttpRequest, pk: int, field_pk: int) -> HttpResponse:
    """Every comment on one field of a round, a page at a time (the results list
    the newest few); for those who may read comments."""
    round = _round(request, pk)
    require(request, "compass.view_comments", request.municipality)
    field = get_object_for(request, TensionField.objects.all(), pk=field_pk)
    before = request.GET.get("before", "")
    # A cursor that is not a number shows the first page.
    cursor = int(before) if before.isdigit() and len(before) < 12 else None
    shown, after = field_comments(round, field, cursor)
    context = {"round": round, "field": field, "comments": shown, "after": after}
    return render(request, "compass/comments.html", context)


def _number(value: float | None) -> str:
    """A number for a German spreadsheet: decimal comma, empty when unknown."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


CSV_COLUMNS = [
    "field",
    "left_pole",
    "right_pole",
    "perspective",
    "n",
    "current_median",
    "current_q1",
    "current_q3",
    "current_iqr",
    "current_min",
    "current_max",
    "target_median",
    "target_q1",
    "target_q3",
    "target_iqr",
    "target_min",
    "target_max",
    "gap",
    "divergence_current",
    "divergence_target",
    "divergence",
]


def _summary_cells(summary: Any) -> list[str]:
    return [
        _number(summary.median),
        _number(summary.q1),
        _number(summary.q3),
        _number(summary.iqr),
        _number(summary.minimum),
        _number(summary.maximum),
    ]


@require_GET
def round_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The numbers of one round as CSV: UTF-8 with BOM, `;`, decimal comma (what a
    German Excel expects). One row per field for all perspectives, then one per
    perspective; small groups keep only their count (docs/compass.md)."""
    round = _round(request, pk)
    result = compute_round(round)
    lines = []
    for fr in result.fields:
        head = [fr.field.name, fr.field.left_pole, fr.field.right_pole]
        for group in [fr.overall, *fr.groups]:
            if group.shown:
                numbers = [
                    *_summary_cells(group.current),
                    *_summary_cells(group.target),
                    _number(group.gap),
                ]
            else:
                numbers = [""] * 13
            tail = (
                [
                    _number(fr.divergence_current),
                    _number(fr.divergence_target),
                    _number(fr.divergence),
                ]
                if group is fr.overall
                else ["", "", ""]
            )
            lines.append([*head, group.key, str(group.n), *numbers, *tail])
    filename = f"kompass-{request.municipality.slug}-{round.pk}.csv"
    return csv_response(filename, CSV_COLUMNS, lines)


def assess(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessment form of an open round; a second visit edits one's own."""
    round = _round(request, pk, "compass.assess_round")
    fields = list(TensionField.objects.of(request.municipality).active())
    own = (
        Assessment.objects.filter(round=round, user=request.user)
        .prefetch_related("positions")
        .first()
    )
    initial: dict[str, Any] = {}
    if own is not None:
        initial["perspective"] = own.perspective
        for position in own.positions.all():
            initial[f"f{position.field_id}_current"] = position.current
            initial[f"f{position.field_id}_target"] = position.target
            initial[f"f{position.field_id}_comment"] = position.comment
    form = AssessmentForm(
        data=request.POST if request.method == "POST" else None,
        initial=initial,
        fields=fields,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                by=request.user,
                round=round,
                perspective=form.cleaned_data["perspective"],
                positions=form.positions(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your assessment was saved."))
            return redirect(round)
    return render(
        request,
        "compass/assess.html",
        {"round": round, "form": form, "own": own},
    )


def round_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    round = None
    if pk is not None:
        round = _round(request, pk, "compass.change_round")
    else:
        require(request, "compass.add_round")
    form = RoundForm(
        request.POST or None, instance=round, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.round_save(
                by=request.user,
                municipality=request.municipality,
                round=round,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.title)
            return redirect(saved)
    return render(request, "compass/round_form.html", {"form": form, "round": round})


def _set_status(request: HttpRequest, pk: int, opening: bool) -> HttpResponse:
    round = _round(request, pk, "compass.change_round")
    try:
        if opening:
            services.round_open(by=request.user, round=round)
        else:
            services.round_close(by=request.user, round=round)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The round is open for assessments.")
            if opening
            else _("The round is closed."),
        )
    return redirect(round)


@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_status(request, pk, opening=True)


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_status(request, pk, opening=False)


def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a field of this round on an upcoming meeting's agenda (coordinators)."""
    from quartier.forums.models import Meeting, MeetingStatus

    round = _round(request, pk, "compass.put_on_agenda")
    fields = TensionField.objects.of(request.municipality)
    meetings = (
        Meeting.objects.of(request.municipality)
        .filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .select_related("forum")
        .order_by("starts_at", "pk")
    )
    initial = {}
    if request.method == "GET" and request.GET.get("field", "").isdigit():
        initial["field"] = int(request.GET["field"])
    form = AgendaForm(
        request.POST or None, initial=initial, fields=fields, meetings=meetings
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.field_to_agenda(
                by=request.user,
                round=round,
                field=form.cleaned_data["field"],
                meeting=form.cleaned_data["meeting"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(field)s” is on the agenda of “%(meeting)s”.")
                % {"field": form.cleaned_data["field"].name, "meeting": item.meeting},
            )
            return redirect(item.meeting)
    return render(
        request,
        "compass/agenda_form.html",
        {"round": round, "form": form, "has_meetings": meetings.exists()},
    )


@require_GET
def field_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    can_manage = request.user.has_perm(
        "compass.change_tensionfield", request.municipality
    )
    fields = TensionField.objects.of(request.municipality)
    if not can_manage:
        fields = fields.active()
    return render(
        request,
        "compass/field_list.html",
        {"fields": fields, "can_manage": can_manage},
    )


def field_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    field = None
    if pk is not None:
        field = get_object_for(
            request, TensionField.objects.all(), "compass.change_tensionfield", pk=pk
        )
    else:
        require(request, "compass.add_tensionfield")
    form = TensionFieldForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():
        try:
            services.field_save(
                by=request.user,
                municipality=request.municipality,
                field=field,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The tension field was saved."))
            return redirect(
                "compass:fields", municipality_slug=request.municipality.slug
            )
    return render(request, "compass/field_form.html", {"form": form, "field": field})


@require_POST
def field_archive(request: HttpRequest, pk: int) -> HttpResponse:
    field = get_object_for(
        request, TensionField.objects.all(), "compass.archive_tensionfield", pk=pk
    )
    archive = field.archived_at is None
    set_archived(by=request.user, obj=field, archived=archive)
    messages.success(
        request,
        _("The tension field was archived: new rounds leave it out.")
        if archive
        else _("The tension field is back in use."),
    )
    return redirect(
        reverse(
            "compass:fields", kwargs={"municipality_slug": request.municipality.slug}
        )
    )
