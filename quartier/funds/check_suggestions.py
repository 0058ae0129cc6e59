"""Quartiers-Check suggestion from the neighbourhood funds
(core/check_suggestions.py): R2 funds from which projects were really paid."""

from __future__ import annotations

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def paid_projects(municipality: Municipality) -> Suggestion | None:
    from quartier.funds.models import Application, Fund, FundStatus

    funds = list(
        Fund.objects.filter(municipality=municipality).exclude(status=FundStatus.DRAFT)
    )
    if not funds:
        return None
    paid = (
        Application.objects.filter(municipality=municipality)
        .filter(payouts__pending=False)
        .distinct()
        .select_related("call__fund")
    )
    projects = list(paid)
    with_payouts = {a.call.fund for a in projects}
    count = len(projects)
    value = 2 if count == 0 else 3 if count < 5 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil aus {len(with_payouts)} von {len(funds)} "
        f"Quartiersfonds {count} Projekte Geld ausgezahlt bekommen haben.",
        [Evidence(f.name, f.get_absolute_url()) for f in sorted(with_payouts, key=str)],
    )


register("r2.micro_funds", paid_projects, source="funds")
