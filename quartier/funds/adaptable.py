"""The fund text a reflection may change (core/adaptable_texts.py): its rules in
plain language, written through funds' own `fund_save`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.core.adaptable_texts import AdaptableText, register
from quartier.funds.models import Fund


def _funds(user: Any, municipality: Any) -> Any:
    return Fund.objects.visible_to(user, municipality).order_by("-year", "name")


def _write(*, by: Any, obj: Fund, text: str) -> Fund:
    from quartier.funds.services.setup import fund_save

    return fund_save(by=by, municipality=obj.municipality, fund=obj, rules=text)


register(
    AdaptableText(
        key="funds.Fund.rules",
        model=Fund,
        field="rules",
        label=_("Rules of a fund"),
        view_perm="funds.view_fund",
        change_perm="funds.change_fund",
        choices=_funds,
        write=_write,
        html=True,
        describe=lambda f: f.name if str(f.year) in f.name else f"{f.name} ({f.year})",
    ),
)
