"""Euro amounts in the active language: "1.500,00 €" in German, "€1,500.00" in
English (pages, letters, messages); "1500,00" in CSV files for bookkeeping, whatever
the language, as German spreadsheets import it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import formats, translation


def _quantize(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return None


def _english() -> bool:
    return (translation.get_language() or "de").startswith("en")


def euro(value: Any) -> str:
    """1500 → "1.500,00 €" (German) or "€1,500.00" (English); None → "–"."""
    amount = _quantize(value)
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    number = formats.number_format(abs(amount), 2, use_l10n=True, force_grouping=True)
    if _english():
        return f"{sign}€{number}"
    return f"{sign}{number}\u00a0€"


def amount_input(value: Any) -> str:
    """An amount for an input field, in the active language, without grouping:
    "1500,00" (German) or "1500.00" (English)."""
    amount = _quantize(value)
    if amount is None:
        return ""
    return formats.number_format(amount, 2, use_l10n=True)


def decimal_comma(value: Any) -> str:
    """1500 → "1500,00" (no thousands separator, as spreadsheets import it)."""
    amount = _quantize(value)
    return "" if amount is None else f"{amount:.2f}".replace(".", ",")
