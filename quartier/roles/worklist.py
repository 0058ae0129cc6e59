"""What role profiles put on “Meine Übersicht” (core/worklist.py): the roles one is
named for – oneself or an organisation one administers – that wait for consent, so
that the person named learns of it and decides."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.roles.models import RoleHolder


def waiting(user: Any, municipality: Municipality) -> QuerySet[RoleHolder]:
    """Holder rows without consent that the user decides about."""
    from quartier.actors.models import ActorMember, ActorMemberRole

    administered = ActorMember.objects.filter(
        user=user, role=ActorMemberRole.ADMIN
    ).values("actor")
    return (
        RoleHolder.objects.filter(municipality=municipality, consented_at__isnull=True)
        .filter(Q(user=user) | Q(actor__in=administered))
        .select_related("profile", "actor", "municipality")
        .order_by("added_at", "pk")
    )


def _entry(holder: RoleHolder) -> worklist.Entry:
    return worklist.Entry(
        title=holder.profile.name,
        url=reverse(
            "roles:holder_consent",
            kwargs={"municipality_slug": holder.municipality.slug, "pk": holder.pk},
        ),
        note=gettext(
            "%(name)s is named for this role; the name is shown only with consent."
        )
        % {"name": holder.actor.name}
        if holder.actor is not None
        else gettext(
            "You are named for this role; your name is shown only with consent."
        ),
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="roles.consent_wanted",
            label=_("Roles you are named for"),
            audience=worklist.MINE,
            rows=waiting,
            entry=_entry,
            url_name="roles:list",
            empty=_("No role waits for your consent."),
            order=60,
        )
    )
