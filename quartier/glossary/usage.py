""" "Used in": where a term appears in the texts of other modules.

One registry entry per source (forum purposes, initiative summaries, decision
texts); each is one `icontains` query on what the viewer may see, limited to
USAGE_LIMIT rows, so the term page costs a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

USAGE_LIMIT = 10


@dataclass(frozen=True)
class UsageSource:
    label: Any
    find: Callable[[Any, Any, str], list[tuple[str, str]]]


def _forums(user: Any, municipality: Any, term: str) -> list[tuple[str, str]]:
    from quartier.forums.models import Forum

    rows = (
        Forum.objects.visible_to(user, municipality)
        .filter(purpose__icontains=term)
        .select_related("municipality")
        .order_by("name")[:USAGE_LIMIT]
    )
    return [(forum.name, forum.get_absolute_url()) for forum in rows]


def _initiatives(user: Any, municipality: Any, term: str) -> list[tuple[str, str]]:
    from quartier.initiatives.models import Initiative

    rows = (
        Initiative.objects.visible_to(user, municipality)
        .filter(summary__icontains=term)
        .select_related("municipality")
        .order_by("title")[:USAGE_LIMIT]
    )
    return [(i.title, i.get_absolute_url()) for i in rows]


def _decisions(user: Any, municipality: Any, term: str) -> list[tuple[str, str]]:
    from quartier.forums.models import Decision
    from quartier.forums.services.decisions import decision_label

    rows = (
        Decision.objects.visible_to(user, municipality)
        .filter(text__icontains=term)
        .select_related("municipality")
        .order_by("-decided_on", "-number")[:USAGE_LIMIT]
    )
    return [(f"{decision_label(d)}: {d.text[:80]}", d.get_absolute_url()) for d in rows]


SOURCES = [
    UsageSource(_("Forums"), _forums),
    UsageSource(_("Initiatives"), _initiatives),
    UsageSource(_("Decisions"), _decisions),
]


def used_in(user: Any, municipality: Any, term: str) -> list[dict[str, Any]]:
    """The places `term` appears that `user` may see, per source (empty ones left
    out)."""
    result = []
    for source in SOURCES:
        found = source.find(user, municipality, term)
        if found:
            result.append({"label": source.label, "items": found})
    return result
