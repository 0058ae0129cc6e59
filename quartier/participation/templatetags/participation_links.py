"""`{% contributions_linked_to obj %}`: the public contributions linked to an agenda
item or a decision, for the forums' pages (the other side of the link)."""

from __future__ import annotations

from typing import Any

from django import template

from quartier.participation.models import Contribution

register = template.Library()


@register.inclusion_tag("participation/linked_contributions.html", takes_context=True)
def contributions_linked_to(context: Any, obj: Any) -> dict[str, Any]:
    """For an agenda item, the links of the whole meeting are read once per page and
    cached in the render context, so a long agenda costs one query, not one per item."""
    from quartier.forums.models import AgendaItem, Decision

    if isinstance(obj, Decision):
        rows = list(
            Contribution.objects.public()
            .filter(decision=obj)
            .select_related("municipality")
            .order_by("-created_at")
        )
    elif isinstance(obj, AgendaItem):
        cache = context.render_context.setdefault("participation_linked", {})
        key = obj.meeting_id
        if key not in cache:
            by_item: dict[int, list[Contribution]] = {}
            for c in (
                Contribution.objects.public()
                .filter(agenda_item__meeting_id=key)
                .select_related("municipality")
                .order_by("-created_at")
            ):
                by_item.setdefault(c.agenda_item_id, []).append(c)
            cache[key] = by_item
        rows = cache[key].get(obj.pk, [])
    else:
        rows = []
    return {"contributions": rows}
