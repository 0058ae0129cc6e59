"""Template filters of the funds app: `{{ amount|euro }}` → "1.500,00 €"."""

from __future__ import annotations

from typing import Any

from django import template

from quartier.funds.money import euro as format_euro

register = template.Library()


@register.filter
def euro(value: Any) -> str:
    return format_euro(value)
