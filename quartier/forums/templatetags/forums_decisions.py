"""`{% decision_status_badge decision %}` and `{% decision_due decision %}`: the status
badge and the due date of a decision, written in Python.

The register shows both on each of its rows; as included templates they cost about
a sixth of the page's rendering (docs/benchmarks.md, issue 19). The markup is the
one the included templates wrote (forums/tests/test_register_at_scale.py holds it).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()

# KERN badge modifier per status; "rejected" is the plain badge.
BADGE_MODIFIER = {
    "done": " kern-badge--success",
    "in_progress": " kern-badge--info",
    "rejected": "",
    "postponed": " kern-badge--warning",
}
DEFAULT_MODIFIER = " kern-badge--info"


@register.simple_tag
def decision_status_badge(decision: Any) -> SafeString:
    return format_html(
        '<span class="kern-badge{}"><span class="kern-label">{}</span></span>',
        BADGE_MODIFIER.get(decision.status, DEFAULT_MODIFIER),
        decision.get_status_display(),
    )


@register.simple_tag
def decision_due(decision: Any) -> SafeString | str:
    if not decision.due_date:
        return "–"
    due = date_format(decision.due_date, "SHORT_DATE_FORMAT")
    if not decision.is_overdue:
        return format_html("{}", due)
    return format_html(
        '{} <span class="kern-badge kern-badge--danger">'
        '<span class="kern-label">{}</span></span>',
        due,
        gettext("overdue"),
    )
