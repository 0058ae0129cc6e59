"""`{% content_translations obj %}`: on an object's page, the original's language,
links to its translations (`?lang=xx`, no JavaScript), the chosen translation
marked as such with who made it, and for signed-in people "ask for a translation"
or, for coordinators and translators, "translate".

Objects shown in a list on another object's page (the comments of a
contribution) fetch their translations together, in one query for the list:
`{% with_translations comments as comments %}`, then in the loop
`{% inline_translations comment %}` — each translation in a `<details>` under the
original (open for `?lang=xx` or the reader's interface language), and for
coordinators and translators "translate"."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

from quartier.translations import registry
from quartier.translations.reading import (
    has_translations,
    language_name,
    versions,
    versions_of_many,
)

register = template.Library()


@register.inclusion_tag("translations/_panel.html", takes_context=True)
def content_translations(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context["request"]
    kind = registry.for_model(type(obj))
    if kind is None:
        return {"kind": None}
    original = kind.original_language(obj)
    # Most objects have no translation: a small query first (reading.py).
    available = versions(kind, obj) if has_translations(kind, obj) else {}
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


# Where with_translations leaves each object's translations (language → Version).
_VERSIONS = "_content_translation_versions"


@register.simple_tag(takes_context=True)
def with_translations(context: template.Context, objects: Any) -> list[Any]:
    """The objects as a list, each carrying its translations, fetched in one query
    for all of them; objects of the request's municipality share its instance (the
    permission check then reads no municipality per object)."""
    items = list(objects)
    kind = registry.for_model(type(items[0])) if items else None
    if kind is None:
        return items
    found = versions_of_many(kind, items)
    municipality = getattr(context.get("request"), "municipality", None)
    for item in items:
        setattr(item, _VERSIONS, found.get(str(item.pk), {}))
        if (
            municipality is not None
            and getattr(item, "municipality_id", None) == municipality.pk
        ):
            item.municipality = municipality
    return items


@register.inclusion_tag("translations/_inline.html", takes_context=True)
def inline_translations(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context["request"]
    kind = registry.for_model(type(obj))
    if kind is None:
        return {"kind": None}
    available = getattr(obj, _VERSIONS, None)
    if available is None:  # not prepared by with_translations: one query of its own
        available = versions(kind, obj)
    chosen = request.GET.get("lang", "") or get_language()
    original = kind.original_language(obj)
    return {
        "kind": kind,
        "obj": obj,
        "anchor": f"{kind.model._meta.model_name}-{obj.pk}",
        "municipality": context.get("municipality"),
        "available": list(available.values()),
        "chosen": chosen,
        "others": [
            (code, name) for code, name in settings.LANGUAGES if code != original
        ],
        "may_translate": request.user.has_perm(kind.translate_perm, obj),
    }
