"""`{% privacy_notice form %}`: the Art. 13 notice next to a form's submit button.

The form names its processing activity (`processing = "participation.contribution"`,
core/processing.py); a key may be given instead of the form. The notice says who is
responsible, why the data is collected, what becomes public, how to stay anonymous
where the activity allows it, and links the activity's section of the privacy notice
(`/<slug>/datenschutz/#<anchor>`, the operator's outside a municipality).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from quartier.core.processing import activity_of

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_notice(context: template.Context, form_or_key: Any) -> SafeString:
    activity = activity_of(form_or_key)
    if activity is None:
        # A form that takes personal data without an activity is caught by
        # core/tests/test_privacy_notices.py; nothing to show here.
        return SafeString("")
    # Inclusion tags may pass on only the request.
    municipality = context.get("municipality") or getattr(
        context.get("request"), "municipality", None
    )
    if municipality is not None:
        url = reverse("legal:privacy", kwargs={"municipality_slug": municipality.slug})
    else:
        url = reverse("legal_privacy")
    return SafeString(
        render_to_string(
            "includes/privacy_notice.html",
            {
                "activity": activity,
                "controller": municipality.name if municipality else None,
                "url": f"{url}#{activity.anchor}",
            },
        )
    )


@register.inclusion_tag("legal/processing_sections.html", takes_context=True)
def processing_sections(context: template.Context) -> dict[str, Any]:
    """The privacy notice's per-module sections, built from the registry with the
    municipality's current retention periods."""
    from quartier.core.processing import sections

    return {"sections": sections(context.get("municipality"))}


@register.filter
def without_module_anchors(body: str) -> SafeString:
    """An edited privacy notice without the ids the generated sections carry, so an
    anchor (`#participation`) exists once and leads to the generated section."""
    import re

    from quartier.core.processing import all_activities

    anchors = {activity.anchor for activity in all_activities()}
    names = "|".join(re.escape(anchor) for anchor in sorted(anchors))
    pattern = re.compile(rf'\sid="({names})"')
    return SafeString(pattern.sub("", str(body)))
