"""Signed one-click links for "Ist das noch aktuell?".

A link names one offering and the date it was last confirmed when the link was
made. It is signed (django.core.signing.TimestampSigner with a salt of its own, so
no other signed value of the site passes as a link) and expires after
CONFIRM_MAX_AGE. Because the last confirmation is part of the signed value, a link
works once: after the offering is confirmed, the same link says so instead of
confirming again.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.urls import reverse

from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality
from quartier.directory.models import Service

SALT = "quartier.directory.confirm-service"
CONFIRM_MAX_AGE = datetime.timedelta(days=30)
NEVER = "-"


class LinkState(StrEnum):
    VALID = "valid"
    USED = "used"  # confirmed since the link was made
    EXPIRED = "expired"
    INVALID = "invalid"  # tampered, truncated, or not an offering of this municipality


@dataclass
class LinkCheck:
    state: LinkState
    service: Service | None = None
    stamp: str = ""


def _stamp(service: Service) -> str:
    confirmed = service.last_confirmed_at
    return confirmed.isoformat() if confirmed else NEVER


def make_token(service: Service) -> str:
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign_object({"s": str(service.pk), "c": _stamp(service)})


def confirm_url(service: Service, token: str | None = None) -> str:
    """The absolute address of the confirmation page (for e-mails)."""
    path = reverse(
        "directory:confirm",
        kwargs={
            "municipality_slug": service.municipality.slug,
            "token": token or make_token(service),
        },
    )
    return absolute_url(path)


def check_token(municipality: Municipality, token: str) -> LinkCheck:
    """What a link is worth now; loads the offering (of `municipality` only)."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return LinkCheck(LinkState.EXPIRED)
    except (signing.BadSignature, ValueError, TypeError):
        return LinkCheck(LinkState.INVALID)
    if not isinstance(data, dict):
        return LinkCheck(LinkState.INVALID)
    try:
        pk = uuid.UUID(str(data.get("s")))
    except ValueError:
        return LinkCheck(LinkState.INVALID)
    service = (
        Service.objects.filter(municipality=municipality, pk=pk)
        .select_related("provider", "municipality")
        .first()
    )
    if service is None or service.archived_at is not None:
        return LinkCheck(LinkState.INVALID)
    stamp = str(data.get("c"))
    if not is_current(service, stamp):
        return LinkCheck(LinkState.USED, service, stamp)
    return LinkCheck(LinkState.VALID, service, stamp)


def is_current(service: Service, stamp: str) -> bool:
    """True while the offering has not been confirmed since the link was made."""
    return _stamp(service) == stamp
