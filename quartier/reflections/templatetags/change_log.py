"""`{% change_log obj %}`: the dated change log of an object's adaptable texts (a
forum's mandate, an initiative's plan, a fund's rules; core/adaptable_texts.py),
as changed by reflections. One query; the reflection behind a change is linked
only for whoever may see it (reflections are for members)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from quartier.core.gate import may_view
from quartier.core.sanitize import clean_html

register = template.Library()


def _shown(spec: Any, text: str) -> Any:
    if spec is not None and spec.html:
        return mark_safe(clean_html(text))  # noqa: S308 - cleaned by nh3
    return text


@register.inclusion_tag("reflections/_change_log.html", takes_context=True)
def change_log(context: Any, obj: Any) -> dict[str, Any]:
    from quartier.reflections.models import TextChange

    request = context.get("request")
    user = getattr(request, "user", None)
    changes = (
        TextChange.objects.of_object(obj)
        .filter(municipality_id=obj.municipality_id)
        .applied()
        .select_related(
            "reflection__municipality",
            "reflection__meeting__forum",
            "reflection__compass_round",
            "reflection__initiative",
            "reflection__fund",
        )
        .order_by("-decided_at", "-pk")
    )
    entries = []
    for change in changes:
        spec = change.adaptable
        entries.append(
            {
                "change": change,
                "label": change.label,
                "before": _shown(spec, change.before),
                "after": _shown(spec, change.after),
                "html": bool(spec and spec.html),
                "reflection": change.reflection
                if user is not None and may_view(user, change.reflection)
                else None,
            }
        )
    return {"entries": entries, "obj_pk": obj.pk}
