"""Signed links of guest registrations (people without an account).

Two links per registration, signed with django.core.signing and a salt of their own
(no other signed value of the platform is accepted here):
- the confirmation link of the double opt-in: expires after GUEST_CONFIRM_HOURS and
  works once (a confirmed registration is no longer waiting for it);
- the cancellation link in every mail to the guest: valid until the meeting begins.
Both carry the registration's id and e-mail address; a link of one kind is refused
as the other.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.urls import reverse

from quartier.core.maillinks import absolute_url

SALT = "forums.guest-registration"
GUEST_CONFIRM_HOURS = 48
CONFIRM = "confirm"
CANCEL = "cancel"


class LinkExpired(Exception):
    pass


def make_token(registration: Any, action: str) -> str:
    return signing.dumps(
        {"r": registration.pk, "e": registration.guest_email, "a": action}, salt=SALT
    )


def read_token(token: str, action: str) -> dict[str, Any] | None:
    """The signed data of a link of `action`, None when forged or of the other kind;
    LinkExpired when a confirmation link is older than GUEST_CONFIRM_HOURS."""
    max_age = GUEST_CONFIRM_HOURS * 3600 if action == CONFIRM else None
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("a") != action:
        return None
    if not isinstance(data.get("r"), int) or not isinstance(data.get("e"), str):
        return None
    return data


def link(registration: Any, action: str) -> str:
    """The absolute address of the guest's confirmation or cancellation page."""
    name = "forums:guest_confirm" if action == CONFIRM else "forums:guest_cancel"
    path = reverse(
        name,
        kwargs={
            "municipality_slug": registration.municipality.slug,
            "token": make_token(registration, action),
        },
    )
    return absolute_url(path)
