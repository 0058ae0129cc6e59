"""The interface languages for the switch, each named in itself (settings.LANGUAGES;
Django's get_available_languages would translate the names)."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)
