"""Seeds the contributions of Musterstadt from `data/participation.yaml`, with
answers, status history, supports, comments and reports, some of them on agenda
items and decisions of the demo forums.

Contributions are found by their title, so a second run changes nothing. The times in
the data are relative to the day of the seed (records.moment).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.forums.models import AgendaItem, Decision
from quartier.participation.models import (
    Comment,
    Contribution,
    Report,
    Response,
    StatusChange,
    Support,
    Topic,
    create_layer_topics,
)

SLUG = "musterstadt"


def _agenda_item(municipality: Any, ref: str) -> AgendaItem:
    """ "<meeting key> <position>" → the agenda item seeded from forums.yaml."""
    key, position = ref.split(" ")
    meeting = next(m for m in records.read("forums")["meetings"] if m["key"] == key)
    return AgendaItem.objects.get(
        municipality=municipality,
        meeting__forum__slug=meeting["forum"],
        meeting__title=meeting["title"],
        position=int(position),
    )


def load(summary: records.Summary) -> None:
    """Write the contributions of Musterstadt (idempotent, by title)."""
    data = records.read("participation")
    municipality = records.get_municipality(SLUG)
    create_layer_topics(municipality)
    for slug, name in data["topics"].items():
        _, created = Topic.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )
        summary.add("topic", "created" if created else "unchanged")
    layers = {t.layer: t for t in Topic.objects.of(municipality).exclude(layer=None)}
    own = {t.slug: t for t in Topic.objects.of(municipality).filter(layer=None)}
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    who = records.Who(municipality)
    today = timezone.localdate()
    coordinators = data["coordinators"]

    def user(email: str) -> Any:
        return who("user:" + email)[1]

    for spec in data["contributions"]:
        title = spec["title"]
        if Contribution.objects.of(municipality).filter(title=title).exists():
            summary.add("contribution", "unchanged")
            continue
        written = records.moment(spec["written"], today)
        author = spec["author"]
        online = spec["channel"] == "online"
        contribution = Contribution.objects.create(
            municipality=municipality,
            kind=spec["kind"],
            title=title,
            text=spec["text"],
            neighborhood=neighborhoods[spec["neighborhood"]],
            address=spec["address"],
            language=spec.get("language", "de"),
            channel=spec["channel"],
            author=user(author["user"]) if "user" in author else None,
            author_name=author.get("name", ""),
            author_email=author.get("email", ""),
            email_confirmed_at=written if author.get("email") else None,
            entered_by=None if online else user(coordinators[spec["neighborhood"]]),
            moderation=spec.get("moderation", "approved"),
        )
        if "location" in spec:
            contribution.latitude, contribution.longitude = spec["location"]
        contribution.topics.set(
            [layers[layer] for layer in spec["layers"]]
            + [own[slug] for slug in spec.get("topics", [])]
        )
        status = spec["status"]
        answered_at = None
        StatusChange.objects.create(contribution=contribution, new_status="received")
        if status != "received":
            answered_at = records.moment(spec["answered"], today)
            coordinator = user(spec["answered_by"])
            StatusChange.objects.create(
                contribution=contribution,
                old_status="received",
                new_status=status,
                reason=data["reasons"].get(status, ""),
                changed_by=coordinator,
            )
            Response.objects.create(
                contribution=contribution,
                text=spec.get("answer", data["answers"][status]),
                author=coordinator,
            )
        if "agenda_item" in spec:
            contribution.agenda_item = _agenda_item(municipality, spec["agenda_item"])
        if "decision" in spec:
            contribution.decision = Decision.objects.get(
                municipality=municipality, number=spec["decision"]
            )
        contribution.status = status
        contribution.answered_at = answered_at
        contribution.is_hidden = len(spec.get("reports", [])) >= 3
        contribution.save()
        Contribution.objects.filter(pk=contribution.pk).update(created_at=written)
        StatusChange.objects.filter(contribution=contribution, old_status="").update(
            changed_at=written
        )
        if answered_at:
            StatusChange.objects.filter(
                contribution=contribution, old_status="received"
            ).update(changed_at=answered_at)
            Response.objects.filter(contribution=contribution).update(
                created_at=answered_at
            )
        # Supports, comments and reports follow within hours, never after today.
        later = min(written + datetime.timedelta(hours=5), timezone.now())
        for email in spec.get("supporters", []):
            Support.objects.create(
                contribution=contribution, user=user(email), confirmed_at=later
            )
        by_email = spec.get("supports_by_email", {})
        for n in range(by_email.get("confirmed", 0) + by_email.get("unconfirmed", 0)):
            Support.objects.create(
                contribution=contribution,
                email=f"nachbar{n}@post.example",
                confirmed_at=later if n < by_email.get("confirmed", 0) else None,
            )
        for comment in spec.get("comments", []):
            Comment.objects.create(
                municipality=municipality,
                contribution=contribution,
                author=user(comment["by"]),
                text=comment["text"],
                moderation=comment.get("moderation", "approved"),
            )
        for n, reason in enumerate(spec.get("reports", [])):
            Report.objects.create(
                contribution=contribution,
                reporter_key=f"demo-{n}-{title}"[:64],
                reason=reason,
            )
        for model in (Support, Comment, Report):
            model.objects.filter(contribution=contribution).update(created_at=later)
        summary.add("contribution", "created")
