"""Template filters of the funds app: `{{ amount|euro }}` → "1.500,00 €"."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from quartier.funds.money import euro as format_euro

register = template.Library()


@register.filter
def euro(value: Any) -> str:
    return format_euro(value)


# The badges of an application, as in funds/_status.html and funds/_channel.html:
# tags instead of one {% include %} per row of the long lists (applications of a
# fund, the jury's queue, "My applications").
_STATUS_TONE = {
    "approved": "success",
    "paid": "success",
    "reported": "success",
    "closed": "success",
    "rejected": "danger",
    "withdrawn": "danger",
    "questions": "warning",
    "draft": "warning",
}


@register.simple_tag
def status_badge(application: Any) -> str:
    return format_html(
        '<span class="kern-badge kern-badge--{}"><span class="kern-label '
        'kern-label--small">{}</span></span>',
        _STATUS_TONE.get(application.status, "info"),
        application.get_status_display(),
    )


@register.simple_tag
def channel_badge(application: Any) -> str:
    if not application.recorded_for_someone:
        return ""
    return format_html(
        ' <span class="kern-badge kern-badge--info"><span class="kern-label '
        'kern-label--small">{}</span></span>',
        application.get_channel_display(),
    )
