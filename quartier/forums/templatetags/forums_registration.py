"""{% registration_box meeting %}: the registration part of a meeting page (the
include forums/_meeting_registration.html puts it there)."""

from __future__ import annotations

from typing import Any

from django import template

from quartier.forums.forms_registrations import RegistrationForm
from quartier.forums.models import Registration, RegistrationStatus
from quartier.forums.services.registrations import registration_closed_reason

register = template.Library()


@register.inclusion_tag("forums/registration_box.html", takes_context=True)
def registration_box(context: dict[str, Any], meeting: Any) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    own = None
    if user.is_authenticated:
        own = (
            Registration.objects.filter(meeting=meeting, user=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    confirmed = None
    if meeting.capacity is not None:
        confirmed = Registration.objects.filter(
            meeting=meeting, status=RegistrationStatus.CONFIRMED
        ).count()
    may_register = user.has_perm("forums.register_for_meeting", meeting)
    return {
        "request": request,
        "meeting": meeting,
        "municipality_slug": meeting.municipality.slug,
        "forum": meeting.forum,
        "own": own,
        "closed_reason": registration_closed_reason(meeting),
        "may_register": may_register,
        "may_register_as_guest": not user.is_authenticated
        and user.has_perm("forums.register_as_guest", meeting),
        "form": RegistrationForm() if may_register and own is None else None,
        "free_places": (
            max(0, meeting.capacity - confirmed) if confirmed is not None else None
        ),
        "can_see_registrations": user.has_perm("forums.view_registration", meeting),
        "csrf_token": context.get("csrf_token"),
    }
