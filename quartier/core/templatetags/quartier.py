from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def breadcrumbs(*items: Any) -> str:
    """{% breadcrumbs "Start" url "Akteure" url "This page" %}: label, url pairs;
    the last label stands alone for the current page."""
    crumbs = [
        (items[i], items[i + 1] if i + 1 < len(items) else None)
        for i in range(0, len(items), 2)
    ]
    return render_to_string("includes/breadcrumbs.html", {"crumbs": crumbs})


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for filter links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def squash(value: str) -> str:
    """Collapse runs of whitespace (e.g. in a page title built from blocks)."""
    return " ".join(str(value).split())
