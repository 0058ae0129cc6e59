"""Signed, expiring links that invite a person without an account to act for an actor.

The link names one ActorInvitation row and its address. It is signed
(django.core.signing.TimestampSigner with a salt of its own, so no other signed value
of the site passes as one) and expires after INVITATION_MAX_AGE. The row makes it
single-use: it is deleted when the invitation is accepted or withdrawn, and a link to
a row that is gone is worth nothing. The address in the signed value must still be
the row's, and the person who accepts must be signed in with that address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.urls import reverse

from quartier.actors.models import ActorInvitation
from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality

SALT = "quartier.actors.invitation"
INVITATION_MAX_AGE = datetime.timedelta(days=14)


class LinkState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"  # tampered, used, withdrawn, or of another municipality


@dataclass
class LinkCheck:
    state: LinkState
    invitation: ActorInvitation | None = None


def make_token(invitation: ActorInvitation) -> str:
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign_object({"i": invitation.pk, "e": invitation.email.lower()})


def invitation_url(invitation: ActorInvitation) -> str:
    """The absolute address of the join page (for the e-mail)."""
    path = reverse(
        "actors:join",
        kwargs={
            "municipality_slug": invitation.actor.municipality.slug,
            "token": make_token(invitation),
        },
    )
    return absolute_url(path)


def check_token(municipality: Municipality, token: str) -> LinkCheck:
    """What a link is worth now; loads the invitation (of `municipality` only)."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        return LinkCheck(LinkState.EXPIRED)
    except (signing.BadSignature, ValueError, TypeError):
        return LinkCheck(LinkState.INVALID)
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return LinkCheck(LinkState.INVALID)
    invitation = (
        ActorInvitation.objects.select_related("actor__municipality")
        .filter(
            pk=data["i"],
            actor__municipality=municipality,
            actor__archived_at__isnull=True,
        )
        .first()
    )
    if invitation is None or invitation.email.lower() != data.get("e"):
        return LinkCheck(LinkState.INVALID)
    return LinkCheck(LinkState.VALID, invitation)
