"""“Ist das noch aktuell?”: confirming an offering through its signed link, and the
yearly e-mails that ask providers (the links themselves: confirmation_links.py).

Sent requests are remembered in the audit log (action CONFIRMATION_ACTION, target
"Service:<id>"): the directory models have no field for it, and the audit log is
where an administrator looks for "who was asked what, when" anyway.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.actors.models import Actor, ActorMember
from quartier.core.maillinks import absolute_url
from quartier.core.models import AuditEntry, Municipality
from quartier.core.services import record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.directory.confirmation_links import (
    CONFIRM_MAX_AGE,
    LinkState,
    check_token,
    confirm_url,
    is_current,
    make_token,
)
from quartier.directory.models import Service, ServiceStatus
from quartier.directory.services import service_confirm

CONFIRMATION_ACTION = "directory.confirmation_requested"
CONFIRMED_ACTION = "directory.confirm_service"
# Ask once a year; ask again after REMIND_AFTER when there was no answer.
ASK_AFTER = datetime.timedelta(days=365)
REMIND_AFTER = datetime.timedelta(days=30)


@transaction.atomic
def service_confirm_by_token(
    *, municipality: Municipality, token: str, today: datetime.date | None = None
) -> Service:
    """Confirm the offering a signed link names ("Ist das noch aktuell?" → yes).

    The signed, expiring link is the permission: whoever received the e-mail may
    confirm that offering, and only that one. Raises ValidationError with the code
    "expired", "used" or "invalid".
    """
    check = check_token(municipality, token)
    if check.state == LinkState.EXPIRED:
        raise ValidationError(
            _("This link has expired. Please sign in and check the offering there."),
            code="expired",
        )
    if check.state == LinkState.INVALID or check.service is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    # Lock the row and look again: of two clicks at the same moment, one confirms.
    service = Service.objects.select_for_update().get(pk=check.service.pk)
    if check.state == LinkState.USED or not is_current(service, check.stamp):
        raise ValidationError(
            _("This offering has already been confirmed with this link."),
            code="used",
        )
    service_confirm(service=service, on=today or timezone.localdate())
    record_action(None, municipality, CONFIRMED_ACTION, f"Service:{service.pk}")
    return service


def due_for_confirmation(municipality: Municipality, now: datetime.datetime) -> Any:
    """Offerings to ask about: not discontinued or archived, of a provider that is
    not archived, confirmed more than a year ago (never confirmed: created more than
    a year ago), and not asked in the last REMIND_AFTER."""
    from django.db.models import Q

    year_ago = timezone.localdate(now) - ASK_AFTER
    asked = AuditEntry.objects.filter(
        municipality=municipality,
        action=CONFIRMATION_ACTION,
        created_at__gte=now - REMIND_AFTER,
    ).values_list("target", flat=True)
    recently_asked = {target.split(":", 1)[1] for target in asked}
    services = (
        Service.objects.filter(
            municipality=municipality,
            archived_at__isnull=True,
            provider__archived_at__isnull=True,
        )
        .exclude(status=ServiceStatus.DEFUNCT)
        .filter(
            Q(last_confirmed_at__lte=year_ago)
            | Q(last_confirmed_at__isnull=True, created_at__date__lte=year_ago)
        )
        .select_related("provider", "municipality")
        .order_by("provider__name", "name", "pk")
    )
    return [s for s in services if str(s.pk) not in recently_asked]


def recipients_of(provider: Actor, services: list[Service]) -> list[str]:
    """Who is asked for a provider: its partners (members with an active account)
    and the provider's own e-mail address; when it has neither, the offerings' own
    e-mail addresses."""
    addresses = list(
        ActorMember.objects.filter(actor=provider, user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    if provider.email:
        addresses.append(provider.email)
    if not addresses:
        addresses = [s.email for s in services if s.email]
    seen: dict[str, str] = {}
    for address in addresses:
        seen.setdefault(address.strip().lower(), address.strip())
    return list(seen.values())


def confirmations_send(
    *, now: datetime.datetime | None = None, municipality: Municipality | None = None
) -> tuple[int, int]:
    """Send the yearly "Ist das noch aktuell?" e-mails: one per provider and
    address, listing its offerings that are due, each with its own signed link.

    Idempotent: every offering asked is recorded in the audit log, and an offering
    asked in the last REMIND_AFTER is not asked again, so running it daily (or twice
    a day) asks once and reminds once a month until someone confirms. Returns
    (e-mails sent, offerings asked).
    """
    now = now or timezone.now()
    municipalities = (
        [municipality]
        if municipality is not None
        else list(Municipality.objects.filter(is_active=True))
    )
    mails = asked = 0
    for place in municipalities:
        with transaction.atomic():
            # One run at a time per municipality (PostgreSQL); the check of the
            # audit log below then sees what a parallel run has just recorded.
            Municipality.objects.select_for_update().filter(pk=place.pk).first()
            due = due_for_confirmation(place, now)
            by_provider: dict[int, list[Service]] = defaultdict(list)
            for service in due:
                by_provider[service.provider_id].append(service)
            entries: list[AuditEntry] = []
            for services in by_provider.values():
                provider = services[0].provider
                to = recipients_of(provider, services)
                if not to:
                    continue
                mails += _send(place, provider, services, to)
                asked += len(services)
                entries.extend(
                    AuditEntry(
                        municipality=place,
                        kind=AuditEntry.Kind.ADMIN_ACTION,
                        action=CONFIRMATION_ACTION,
                        target=f"Service:{service.pk}",
                    )
                    for service in services
                )
            AuditEntry.objects.bulk_create(entries)
    return mails, asked


def _send(
    municipality: Municipality, provider: Actor, services: list[Service], to: list[str]
) -> int:
    items = [
        {
            "service": service,
            "confirm_url": confirm_url(service, make_token(service)),
            "detail_url": absolute_url(service.get_absolute_url()),
        }
        for service in services
    ]
    subject = lazy_subject(
        gettext_lazy("Is this still up to date? Your offerings in %(municipality)s"),
        municipality=municipality.name,
    )
    for address in to:
        queue_email(
            to=address,
            subject=subject,
            template="directory/email/confirm_request.txt",
            context={
                "municipality": municipality,
                "provider": provider,
                "items": items,
                "valid_days": CONFIRM_MAX_AGE.days,
                "site_url": absolute_url("/").rstrip("/"),
            },
        )
    return len(to)
