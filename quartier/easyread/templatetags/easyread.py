"""`{% easyread_link "rooms:list" %}`: the "Leichte Sprache" link on the page that a
Leichte-Sprache page explains (quartier/easyread/pages.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from quartier.easyread.pages import BY_EXPLAINED

register = template.Library()


@register.inclusion_tag("easyread/_link.html", takes_context=True)
def easyread_link(context: template.Context, explains: str) -> dict[str, Any]:
    page = BY_EXPLAINED.get(explains)
    municipality = context.get("municipality")
    if page is None or municipality is None:
        return {"url": None}
    url = reverse(
        "easyread:page",
        kwargs={"municipality_slug": municipality.slug, "slug": page.slug},
    )
    return {"url": url}
