"""Indicator sources of role profiles (core/indicator_sources.py): hours of
relationship work per role, from time entries tagged with the role."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import NotAvailable, Source, register


def _profiles(municipality: Any) -> list[tuple[str, str]]:
    from quartier.roles.models import RoleProfile

    return [
        (str(pk), name)
        for pk, name in RoleProfile.objects.of(municipality).values_list("pk", "name")
    ]


def role_hours(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> Decimal:
    from quartier.roles.hours import Counting, counting, hours_per_role

    if counting(municipality) == Counting.OFF:
        raise NotAvailable(
            gettext("Not available: time entries are switched off here.")
        )
    profile_id = None
    if option:
        try:
            profile_id = int(option)
        except (TypeError, ValueError):
            raise NotAvailable(gettext("This role profile no longer exists.")) from None
    totals = hours_per_role(
        municipality, start, end, neighbourhood=neighbourhood, profile_id=profile_id
    )
    return sum(totals.values(), Decimal("0"))


register(
    Source(
        key="roles.role_hours",
        label=_("Hours of relationship work per role"),
        unit=_("hours"),
        stage=1,
        formula=_(
            "Sum of the hours of the time entries dated in the period that are "
            "tagged with a role (optionally one role); without an agreement with "
            "the staff council only the actors' entries count; not available while "
            "time entries are switched off."
        ),
        compute=role_hours,
        options=_profiles,
        option_label=_("role"),
    ),
)
