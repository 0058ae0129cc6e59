"""`{% linked_objects obj %}`: the one display of links between objects
(core/object_links.py). Every page that shows linked objects uses it, so a linked object
appears only when the viewer may see it.

`{% linked_objects item among=items %}` reads the links of all `items` at once (one
query per kind for the whole list, kept in the render context).
"""

from __future__ import annotations

from typing import Any

from django import template

from quartier.core.object_links import link_from_target_entries, visible_links

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_objects(context: Any, obj: Any, among: Any = None) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    cache = context.render_context.setdefault("core_links", {})
    groups = visible_links(user, obj, among=among, cache=cache) if user else []
    # "Link with …" from this side: on an object's own page, not in lists (`among`).
    entries = link_from_target_entries(user, obj) if user and among is None else []
    if not groups and not entries:
        # Most rows of a list link nothing: no template to render for them (a
        # template per row was a tenth of a 200-row page; docs/benchmarks.md).
        return ""
    template = context.template.engine.get_template("core/object_links.html")
    with context.push(groups=groups, entries=entries):
        return template.render(context)


@register.inclusion_tag("core/object_links.html", takes_context=True)
def link_offers(context: Any, obj: Any) -> dict[str, Any]:
    """Only the "Link with …" entries, for a page that lists its links itself (the
    initiative's page shows its own link table)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {
        "groups": [],
        "entries": link_from_target_entries(user, obj) if user else [],
    }
