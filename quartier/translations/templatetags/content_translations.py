"""`{% content_translations obj %}`: on an object's page, the original's language,
links to its translations (`?lang=xx`, no JavaScript), the chosen translation
marked as such with who made it, and for signed-in people "ask for a translation"
or, for coordinators and translators, "translate"."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from quartier.translations import registry
from quartier.translations.reading import language_name, versions

register = template.Library()


@register.inclusion_tag("translations/_panel.html", takes_context=True)
def content_translations(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context["request"]
    kind = registry.for_model(type(obj))
    if kind is None:
        return {"kind": None}
    original = kind.original_language(obj)
    available = versions(kind, obj)
    chosen = available.get(request.GET.get("lang", ""))
    user = request.user
    others = [(code, name) for code, name in settings.LANGUAGES if code != original]
    return {
        "kind": kind,
        "obj": obj,
        "request": request,
        "municipality": context.get("municipality"),
        "original": original,
        "original_name": language_name(original),
        "available": list(available.values()),
        "chosen": chosen,
        "here": request.path,
        "others": others,
        "may_translate": user.has_perm(kind.translate_perm, obj),
        "may_request": user.is_authenticated,
    }
