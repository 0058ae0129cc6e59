"""Views of the learning app: time made visible (totals with charts, one's entries,
recording, editing and deleting time, CSV)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from quartier.core.charts import bar_chart
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.learning import services, year_sums
from quartier.learning.forms import TimeEntryForm, TimeTrackingForm, TotalsFilterForm
from quartier.learning.models import (
    TimeCategory,
    TimeEntry,
    TimeTrackingMode,
    TimeTrackingSetting,
)
from quartier.learning.totals import Top, year_totals

PAGE_SIZE = 25
# The actor and person charts show this many bars, the rest as one "together" bar:
# a town's 2,000 actors as 2,000 bars grew the page with the data and said less
# than the top (the CSV download has every entry).
TOP = 15


class _Hours:
    """A number format for bar_chart that writes hours the German way (12,5)."""

    @staticmethod
    def format(value: float) -> str:
        value = round(float(value), 2)
        places = next(p for p in (0, 1, 2) if round(value, p) == value or p == 2)
        return formats.number_format(value, decimal_pos=places)


def _hours(value: Any) -> float:
    return float(value or Decimal(0))


def _switched_off(request: HttpRequest) -> HttpResponse | None:
    """While time entries are off, every time page is this explanation (403)."""
    if TimeTrackingSetting.mode_of(request.municipality) != TimeTrackingMode.OFF:
        return None
    can_configure = request.user.has_perm(
        "learning.configure_time_tracking", request.municipality
    )
    return render(
        request,
        "learning/time_off.html",
        {"can_configure": can_configure},
        status=403,
    )


def setting_edit(request: HttpRequest) -> HttpResponse:
    """Admins: switch time entries off, to own entries only, or on by agreement."""
    municipality = request.municipality
    require(request, "learning.configure_time_tracking")
    setting = TimeTrackingSetting.objects.filter(municipality=municipality).first()
    initial = {
        "mode": setting.mode if setting else TimeTrackingMode.OFF,
        "agreement_note": setting.agreement_note if setting else "",
    }
    form = TimeTrackingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.time_tracking_set(
                by=request.user,
                municipality=municipality,
                mode=data["mode"],
                agreement_note=data["agreement_note"],
                confirmed=data["confirm_agreement"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The setting was saved."))
            return redirect(
                "learning:time_setting", municipality_slug=municipality.slug
            )
    return render(
        request, "learning/time_setting.html", {"form": form, "setting": setting}
    )


def _filtered(
    request: HttpRequest,
) -> tuple[TotalsFilterForm, QuerySet[TimeEntry], int, Neighborhood | None]:
    """The filter form, the municipality's entries it selects, the year and the
    neighbourhood."""
    municipality = request.municipality
    entries = TimeEntry.objects.of(municipality)
    this_year = timezone.localdate().year
    first, last = year_sums.entry_span(municipality.pk) or (this_year, this_year)
    years = list(range(max(last, this_year), min(first, this_year) - 1, -1))
    form = TotalsFilterForm(request.GET or None, municipality=municipality, years=years)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    year = data.get("year") or this_year
    entries = entries.filter(date__year=year)
    neighborhood = data.get("neighborhood")
    if neighborhood:
        entries = entries.filter(neighborhood=neighborhood)
    return form, entries, year, neighborhood


def _actors_together(count: int) -> str:
    return ngettext(
        "%(count)s more actor (together)", "%(count)s more actors (together)", count
    ) % {"count": count}


def _people_together(count: int) -> str:
    return ngettext(
        "%(count)s more person (together)", "%(count)s more people (together)", count
    ) % {"count": count}


def _top_rows(top: Top, label: Callable[[int], str]) -> list[tuple[str, float]]:
    """The top's bars and, if there are more, one bar for them together."""
    rows = [(name, _hours(total)) for name, total in top.rows]
    if top.rest_count > 0:
        rows.append((label(top.rest_count), round(_hours(top.rest_hours), 2)))
    return rows


def _chart(title: str, rows: list[tuple[str, float]], header: str) -> Any:
    return bar_chart(
        title,
        rows,
        unit="h",
        headers=(header, _("Hours")),
        number_format=_Hours,  # type: ignore[arg-type]
    )


@require_GET
def totals(request: HttpRequest) -> HttpResponse:
    """Totals per category, actor and quarter (members); per person (coordination)."""
    if off := _switched_off(request):
        return off
    municipality = request.municipality
    require(request, "learning.view_time_totals")
    form, _entries, year, neighborhood = _filtered(request)
    per_person = request.user.has_perm("learning.view_person_totals", municipality)
    sums = year_totals(
        municipality,
        year,
        neighborhood,
        viewer=request.user,
        per_person=per_person,
        top=TOP,
    )
    labels = dict(TimeCategory.choices)
    category_chart = _chart(
        _("Hours per category"),
        [(labels[key], _hours(sums.by_category[key])) for key in TimeCategory.values],
        _("Category"),
    )
    actor_rows = _top_rows(sums.actors, _actors_together)
    if sums.people:
        actor_rows.append((_("Individual people (together)"), _hours(sums.people)))
    actor_chart = _chart(_("Hours per actor"), actor_rows, _("Actor"))
    quarter_chart = _chart(
        _("Hours per quarter of %(year)s") % {"year": year},
        [
            (_("Q%(n)s %(year)s") % {"n": n, "year": year}, _hours(hours))
            for n, hours in enumerate(sums.by_quarter, start=1)
        ],
        _("Quarter"),
    )
    person_chart = None
    if sums.persons is not None:
        person_chart = _chart(
            _("Hours per person (visible to the coordination only)"),
            _top_rows(sums.persons, _people_together),
            _("Person"),
        )
    own_total = sums.own
    query = request.GET.copy()
    context = {
        "form": form,
        "year": year,
        "total": _Hours.format(_hours(sums.total)),
        "has_entries": sums.total is not None,
        "own_total": _Hours.format(_hours(own_total)) if own_total else None,
        "charts": [category_chart, actor_chart, quarter_chart],
        "person_chart": person_chart,
        "can_add": request.user.has_perm("learning.add_timeentry", municipality),
        "query": query.urlencode(),
    }
    return render(request, "learning/time_totals.html", context)


def _visible_entries(request: HttpRequest) -> QuerySet[TimeEntry]:
    return TimeEntry.objects.visible_to(request.user, request.municipality)


@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    """The single entries the user may see (their own, their actors'; all for the
    coordination), newest first."""
    if off := _switched_off(request):
        return off
    require(request, "learning.add_timeentry")
    entries = _visible_entries(request).select_related(
        "actor", "person", "neighborhood", "created_by"
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    user = request.user
    over_people = user.has_perm("learning.record_for_person", request.municipality)
    over_actors = user.has_perm("learning.record_for_anyone", request.municipality)
    for entry in page.object_list:
        entry.can_change = user.pk in (  # type: ignore[attr-defined]
            entry.person_id,
            entry.created_by_id,
        ) or (over_people if entry.person_id else over_actors)
    return render(request, "learning/time_entries.html", {"page": page, "query": ""})


def entry_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if off := _switched_off(request):
        return off
    entry = None
    if pk is not None:
        entry = get_object_for(
            request,
            TimeEntry.objects.select_related("actor", "person"),
            "learning.change_timeentry",
            pk=pk,
        )
    else:
        require(request, "learning.add_timeentry")
    initial = {} if entry else {"date": timezone.localdate()}
    form = TimeEntryForm(
        request.POST or None,
        instance=entry,
        initial=initial,
        user=request.user,
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.time_entry_save(
                by=request.user,
                municipality=request.municipality,
                entry=entry,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The time was recorded. Thank you!"))
            return redirect(
                "learning:time_entries", municipality_slug=request.municipality.slug
            )
    return render(request, "learning/time_form.html", {"form": form, "entry": entry})


def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if off := _switched_off(request):
        return off
    entry = get_object_for(
        request,
        TimeEntry.objects.select_related("actor", "person"),
        "learning.delete_timeentry",
        pk=pk,
    )
    if request.method == "POST":
        services.time_entry_delete(by=request.user, entry=entry)
        messages.success(request, _("The entry was deleted."))
        return redirect(
            "learning:time_entries", municipality_slug=request.municipality.slug
        )
    return render(request, "learning/time_delete.html", {"entry": entry})


CSV_COLUMNS = [
    "date",
    "person",
    "actor",
    "category",
    "hours",
    "neighbourhood",
    "note",
    "recorded_by",
]


@require_GET
def entries_csv(request: HttpRequest) -> HttpResponse:
    """The entries the user may see, with the totals page's filters, as CSV: UTF-8
    with BOM, `;`, hours with a decimal comma (a German Excel reads it as is)."""
    if off := _switched_off(request):
        return off
    require(request, "learning.add_timeentry")
    _form, entries, year, _neighborhood = _filtered(request)
    visible = _visible_entries(request)
    entries = (
        entries.filter(pk__in=visible.values("pk"))
        .select_related("actor", "person", "neighborhood", "created_by")
        .order_by("date", "pk")
    )
    labels = dict(TimeCategory.choices)
    lines = (
        [
            e.date.isoformat(),
            e.person.public_name if e.person else "",
            e.actor.name if e.actor else "",
            labels.get(e.category, e.category),
            f"{e.hours.normalize():f}".replace(".", ","),
            e.neighborhood.name if e.neighborhood else "",
            e.note,
            e.created_by.public_name if e.created_by else "",
        ]
        for e in entries
    )
    filename = f"zeiten-{request.municipality.slug}-{year}.csv"
    return csv_response(filename, CSV_COLUMNS, lines)
