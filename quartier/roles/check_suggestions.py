"""Quartiers-Check suggestions from the role profiles (core/check_suggestions.py):
R10 described roles that someone fills (with consent), and how they are secured."""

from __future__ import annotations

from django.urls import reverse

from quartier.core.check_suggestions import (
    Evidence,
    Suggestion,
    percent,
    register,
    scale_by_share,
)
from quartier.core.models import Municipality


def _list(municipality: Municipality) -> list[Evidence]:
    return [
        Evidence(
            "Rollenprofile",
            reverse("roles:list", kwargs={"municipality_slug": municipality.slug}),
        )
    ]


def filled_roles(municipality: Municipality) -> Suggestion | None:
    from quartier.roles.models import RoleHolder, RoleProfile

    total = RoleProfile.objects.filter(municipality=municipality).count()
    if not total:
        return None
    filled = (
        RoleHolder.objects.filter(municipality=municipality, consented_at__isnull=False)
        .values("profile")
        .distinct()
        .count()
    )
    value = 2 if filled == 0 else 3 if filled < 3 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {filled} von {total} beschriebenen Rollen jemanden "
        "haben, der sie ausfüllt (mit Einverständnis).",
        _list(municipality),
    )


def secured_roles(municipality: Municipality) -> Suggestion | None:
    from quartier.roles.models import RoleProfile, Securing

    profiles = RoleProfile.objects.filter(municipality=municipality)
    total = profiles.count()
    if not total:
        return None
    secured = profiles.filter(
        securing__in=[Securing.JOB_SHARE, Securing.CONTRACT]
    ).count()
    return Suggestion(
        scale_by_share(secured / total, (0.25, 0.5, 0.75)),
        f"vorgeschlagen, weil {secured} von {total} Rollen "
        f"({percent(secured, total)}) mit einem Stellenanteil oder einem Vertrag "
        "abgesichert sind.",
        _list(municipality),
    )


register("r10.roles", filled_roles, source="roles")
register("r10.secured", secured_roles, source="roles")
