"""Open data of the funds (core/open_datasets.py): which projects got how much.

Approved, paid and reported grants of published funds: the project's title, the
fund, the amount granted (less what was paid back), the fund's year and the
neighbourhood. Never the applicant, the contact person or the group's name (a
group may be a handful of neighbours), nor the application's texts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _l

from quartier.core import open_datasets as od
from quartier.core.csvexport import csv_response

COLUMNS = ["title", "fund", "amount_eur", "year", "neighbourhood"]


def funded_projects(municipality: Any) -> Any:
    from quartier.funds.models import Application, FundStatus

    return (
        Application.objects.of(municipality)
        .funded()
        .exclude(call__fund__status=FundStatus.DRAFT)
    )


def contact_names(municipality: Any) -> Any:
    """Contact persons named in applications (not where an organisation is)."""
    from quartier.actors.models import Actor
    from quartier.funds.models import Application

    return (
        Application.objects.of(municipality)
        .exclude(contact_name="")
        .exclude(contact_name__in=Actor.objects.of(municipality).values("name"))
        .values_list("contact_name", flat=True)
    )


od.register_person_names(contact_names)


def projects_csv(request: Any) -> HttpResponse:
    scrub = od.redactor(request.municipality)
    projects = (
        funded_projects(request.municipality)
        .select_related("call__fund__neighborhood", "neighborhood")
        .order_by("-call__fund__year", "call__fund__name", "title", "id")
    )
    rows = (
        [
            scrub(p.title),
            p.call.fund.name,
            f"{p.commitment:.2f}",
            p.call.fund.year,
            str(p.neighborhood or p.call.fund.neighborhood or ""),
        ]
        for p in projects
    )
    filename = f"gefoerderte-projekte-{request.municipality.slug}.csv"
    return csv_response(filename, COLUMNS, rows)


def _changed(municipality: Any) -> Any:
    return funded_projects(municipality).aggregate(m=Max("updated_at"))["m"]


od.register(
    od.Dataset(
        key="funded-projects",
        title=_l("Funded projects"),
        description=_l(
            "The projects the neighbourhood funds have granted money to: title, "
            "fund, amount in euros, year and neighbourhood. Without the names of "
            "the applicants."
        ),
        distributions=(od.Distribution("CSV", build=projects_csv),),
        frequency=od.IRREGULAR,
        last_change=_changed,
        keywords=(_l("funding"), _l("neighbourhood fund"), _l("projects")),
        themes=(od.THEME_ECONOMY, od.THEME_SOCIETY),
        position=70,
    ),
)
