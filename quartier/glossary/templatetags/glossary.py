"""`{{ text|glossary_terms:municipality }}`: links glossary terms (glossary/linker.py)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from quartier.glossary.linker import linker_for

register = template.Library()


@register.filter(is_safe=True)
def glossary_terms(value: Any, municipality: Any) -> Any:
    """Mark the first occurrence of each of `municipality`'s glossary terms in the
    (safe or to-be-escaped) HTML `value` as a link to its definition."""
    if municipality is None:
        return value
    result: SafeString = linker_for(municipality).link(value)
    return result
