"""Views of the learning app: time made visible (totals with charts, one's entries,
recording, editing and deleting time, CSV)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from quartier.accounts.models import User
from quartier.core.charts import bar_chart
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.learning import services
from quartier.learning.forms import TimeEntryForm, TimeTrackingForm, TotalsFilterForm
from quartier.learning.models import (
    TimeCategory,
    TimeEntry,
    TimeTrackingMode,
    TimeTrackingSetting,
)

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
) -> tuple[TotalsFilterForm, QuerySet[TimeEntry], int]:
    """The filter form, the municipality's entries it selects, and the year."""
    municipality = request.municipality
    entries = TimeEntry.objects.of(municipality)
    this_year = timezone.localdate().year
    # The years from the first entry to the last (two index reads, not a pass over
    # every entry: dates() truncated each row's date in Python on SQLite).
    span = entries.aggregate(first=Min("date"), last=Max("date"))
    first = span["first"].year if span["first"] else this_year
    last = span["last"].year if span["last"] else this_year
    years = list(range(max(last, this_year), min(first, this_year) - 1, -1))
    form = TotalsFilterForm(request.GET or None, municipality=municipality, years=years)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    year = data.get("year") or this_year
    entries = entries.filter(date__year=year)
    if data.get("neighborhood"):
        entries = entries.filter(neighborhood=data["neighborhood"])
    return form, entries, year


def _actors_together(count: int) -> str:
    return ngettext(
        "%(count)s more actor (together)", "%(count)s more actors (together)", count
    ) % {"count": count}


def _people_together(count: int) -> str:
    return ngettext(
        "%(count)s more person (together)", "%(count)s more people (together)", count
    ) % {"count": count}


def _the_rest(
    entries: QuerySet[TimeEntry],
    key: str,
    top: list[tuple[Any, Any]],
    label: Callable[[int], str],
) -> list[tuple[str, float]]:
    """One bar for everyone of `key` beyond the `top` rows: how many and their hours
    together (one aggregate query, asked also when there are none, so the page's
    queries do not depend on the data); no bar if there are none."""
    together = entries.aggregate(n=Count(key, distinct=True), t=Sum("hours"))
    rest = together["n"] - len(top)
    if rest <= 0:
        return []
    hours = _hours(together["t"]) - sum(_hours(total) for _k, total in top)
    return [(label(rest), round(hours, 2))]


@require_GET
def totals(request: HttpRequest) -> HttpResponse:
    """Totals per category, actor and quarter (members); per person (coordination)."""
    if off := _switched_off(request):
        return off
    municipality = request.municipality
    require(request, "learning.view_time_totals")
    form, entries, year = _filtered(request)
    labels = dict(TimeCategory.choices)
    by_category = dict(
        entries.values_list("category").annotate(total=Sum("hours")).order_by()
    )
    category_chart = bar_chart(
        _("Hours per category"),
        [(labels[key], _hours(by_category.get(key))) for key in TimeCategory.values],
        unit="h",
        headers=(_("Category"), _("Hours")),
        number_format=_Hours,  # type: ignore[arg-type]
    )
    of_actors = entries.filter(actor__isnull=False)
    by_actor = list(
        of_actors.values_list("actor__name")
        .annotate(total=Sum("hours"))
        .order_by("-total", "actor__name")[:TOP]
    )
    people_total = entries.filter(person__isnull=False).aggregate(t=Sum("hours"))["t"]
    actor_rows = [(name, _hours(total)) for name, total in by_actor]
    actor_rows += _the_rest(of_actors, "actor__name", by_actor, _actors_together)
    if people_total:
        actor_rows.append((_("Individual people (together)"), _hours(people_total)))
    actor_chart = bar_chart(
        _("Hours per actor"),
        actor_rows,
        unit="h",
        headers=(_("Actor"), _("Hours")),
        number_format=_Hours,  # type: ignore[arg-type]
    )
    # Four sums over date ranges in one query (extracting each row's quarter ran a
    # Python function per row on SQLite).
    starts = [datetime.date(year, month, 1) for month in (1, 4, 7, 10)]
    ends = [*starts[1:], datetime.date(year + 1, 1, 1)]
    by_quarter = entries.aggregate(
        **{
            str(q): Sum("hours", filter=Q(date__gte=start, date__lt=end))
            for q, start, end in zip((1, 2, 3, 4), starts, ends, strict=True)
        }
    )
    quarter_chart = bar_chart(
        _("Hours per quarter of %(year)s") % {"year": year},
        [
            (_("Q%(n)s %(year)s") % {"n": q, "year": year}, _hours(by_quarter[str(q)]))
            for q in (1, 2, 3, 4)
        ],
        unit="h",
        headers=(_("Quarter"), _("Hours")),
        number_format=_Hours,  # type: ignore[arg-type]
    )
    total = entries.aggregate(t=Sum("hours"))["t"]
    person_chart = None
    if request.user.has_perm("learning.view_person_totals", municipality):
        of_people = entries.filter(person__isnull=False)
        by_person = list(
            of_people.values_list("person_id")
            .annotate(total=Sum("hours"))
            .order_by("-total", "person_id")[:TOP]
        )
        names = {
            u.pk: u.public_name
            for u in User.objects.filter(pk__in=[pk for pk, _t in by_person])
        }
        person_rows = [(names.get(pk, "?"), _hours(t)) for pk, t in by_person]
        person_rows += _the_rest(of_people, "person", by_person, _people_together)
        person_chart = bar_chart(
            _("Hours per person (visible to the coordination only)"),
            person_rows,
            unit="h",
            headers=(_("Person"), _("Hours")),
            number_format=_Hours,  # type: ignore[arg-type]
        )
    own_total = None
    if request.user.is_authenticated:
        own_total = entries.filter(person=request.user).aggregate(t=Sum("hours"))["t"]
    query = request.GET.copy()
    context = {
        "form": form,
        "year": year,
        "total": _Hours.format(_hours(total)),
        "has_entries": total is not None,
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
    _form, entries, year = _filtered(request)
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
