"""Signed, expiring answer links of the relationship survey, one per participating
actor's contact (django.core.signing with a salt of its own). A link is good until
the round's closing date and at most LINK_DAYS after it was sent."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from quartier.core.maillinks import absolute_url

SALT = "network.relationship-survey"
LINK_DAYS = 120


def make_token(participant: Any) -> str:
    return signing.dumps({"p": participant.pk, "r": participant.round_id}, salt=SALT)


def participant_for(token: str) -> Any:
    """The participant of a valid, unexpired link of an open round, or None."""
    from quartier.network.models import Participant

    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        return None
    participant = (
        Participant.objects.select_related("round", "actor", "round__municipality")
        .filter(pk=data["p"], round_id=data.get("r"))
        .first()
    )
    if participant is None or participant.round.closes_on < timezone.localdate():
        return None
    return participant


def link(participant: Any) -> str:
    return absolute_url(
        reverse(
            "network:survey_answer",
            kwargs={
                "municipality_slug": participant.round.municipality.slug,
                "token": make_token(participant),
            },
        )
    )
