"""Render allauth's forms with Quartier's KERN field template.

allauth's forms are not `KernForm`s, so their bound fields lack the KERN classes,
`aria-invalid` and `aria-describedby`. `kern_field` wraps a bound field in
`KernBoundField`, which adds them, so core/forms/field.html renders it like every
other field of the platform.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms.boundfield import BoundField

from quartier.core.forms import KernBoundField

register = template.Library()


@register.filter
def kern_field(bound: BoundField) -> BoundField:
    if isinstance(bound, KernBoundField):
        return bound
    # A placeholder repeating the label only disappears as one types (and is
    # read twice by screen readers): the label above the field is enough.
    bound.field.widget.attrs.pop("placeholder", None)
    return KernBoundField(bound.form, bound.field, bound.name)


@register.filter
def has_tag(attrs: dict[str, Any], tag: str) -> bool:
    """{% if attrs|has_tag:"danger" %}: allauth passes element tags as a list."""
    return tag in (attrs.get("tags") or [])
