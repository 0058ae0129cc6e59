"""Euro amounts written the German way, whatever the interface language:
"1.500,00 €" on pages and in letters, "1500,00" in CSV files for bookkeeping."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any


def _quantize(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return None


def euro(value: Any) -> str:
    """1500 → "1.500,00 €"; None → "–"."""
    amount = _quantize(value)
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}{'.'.join(groups)},{cents}\u00a0€"


def decimal_comma(value: Any) -> str:
    """1500 → "1500,00" (no thousands separator, as spreadsheets import it)."""
    amount = _quantize(value)
    return "" if amount is None else f"{amount:.2f}".replace(".", ",")
