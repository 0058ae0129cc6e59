"""What accounts put on “Meine Übersicht” (core/worklist.py): membership requests
waiting for the coordination (join flow, docs/accounts.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import MembershipRequest
from quartier.core import worklist
from quartier.core.models import Municipality


def _entry(request: MembershipRequest) -> worklist.Entry:
    return worklist.Entry(
        title=request.user.display_name or request.user.email,
        url=reverse(
            "members:requests",
            kwargs={"municipality_slug": request.municipality.slug},
        ),
        note=date_format(request.created_at, "SHORT_DATE_FORMAT"),
    )


def requests(user: Any, municipality: Municipality) -> QuerySet[MembershipRequest]:
    """Open requests to join, the oldest first."""
    return (
        MembershipRequest.objects.filter(municipality=municipality)
        .pending()
        .select_related("user", "municipality")
        .order_by("created_at", "id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="accounts.membership_requests",
            label=_("Membership requests"),
            audience=worklist.WORK,
            perm="accounts.view_membershiprequest",
            rows=requests,
            entry=_entry,
            url_name="members:requests",
            empty=_("No open requests."),
            order=5,
        )
    )
