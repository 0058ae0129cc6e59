"""Seeds stories from the neighbourhoods and one completed Most Significant Change
round (stories app) from `data/stories.yaml`. Idempotent: stories are found by
municipality and title, rounds by title, picks by domain and member."""

from __future__ import annotations

import datetime

from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.forums.models import Forum
from quartier.initiatives.models import Initiative
from quartier.stories.models import Domain, Pick, Round, Selection, Story
from quartier.stories.services import tally

SLUG = "musterstadt"


def load(summary: records.Summary) -> None:
    municipality = records.get_municipality(SLUG)
    now = timezone.now()
    today = timezone.localdate()
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    who = records.Who(municipality)
    data = records.read("stories")
    stories = {}
    for spec in data["stories"]:
        received = now - datetime.timedelta(days=spec["days"])
        consent = spec.get("consent", True)
        teller = spec["teller"]
        email = spec.get("email", "")
        lookup = {"municipality": municipality, "title": spec["title"]}
        # Dates relative to today are set once, so a second run changes nothing.
        known = Story.objects.filter(**lookup).first()
        story = records.upsert(
            Story,
            lookup,
            {
                "text": " ".join(spec["text"].split()),
                "neighborhood": neighborhoods[spec["neighborhood"]],
                "channel": spec["channel"],
                "teller": teller,
                "actor": who("actor:" + spec["actor"])[1]
                if teller == "actor"
                else None,
                "author_name": spec.get("name", ""),
                "author_email": email,
                "moderation": "approved" if consent else "pending",
                "consent_at": known.consent_at
                if known
                else (received if consent else None),
                "email_confirmed_at": known.email_confirmed_at
                if known
                else (received if email else None),
            },
            summary,
            "story",
        )
        if known is None:
            Story.objects.filter(pk=story.pk).update(created_at=received)
        if "initiatives" in spec:
            records.set_m2m(
                story,
                "initiatives",
                [
                    Initiative.objects.of(municipality).get(title=title)
                    for title in spec["initiatives"]
                ],
            )
        stories[spec["key"]] = Story.objects.get(pk=story.pk)
    for spec in data["rounds"]:
        _round(municipality, spec, stories, today, now, summary)


def _round(municipality, spec, stories, today, now, summary) -> None:  # noqa: ANN001
    forum = Forum.objects.get(municipality=municipality, slug=spec["forum"])
    round_ = records.upsert(
        Round,
        {"municipality": municipality, "title": spec["title"]},
        {
            "forum": forum,
            "starts_on": today - datetime.timedelta(days=spec["starts_days"]),
            "ends_on": today - datetime.timedelta(days=spec["ends_days"]),
        },
        summary,
        "Most Significant Change round",
    )
    for order, domain_spec in enumerate(spec["domains"]):
        domain = records.upsert(
            Domain,
            {"round": round_, "name": domain_spec["name"]},
            {"order": order},
            summary,
            "domain of change",
        )
        for pick in domain_spec["picks"]:
            records.upsert(
                Pick,
                {"domain": domain, "member": records.get_user(pick["member"])},
                {
                    "story": stories[pick["story"]],
                    "reason": " ".join(pick["reason"].split()),
                },
                summary,
                "pick",
            )
        if spec.get("closed_days") is not None:
            story, count = tally(domain)[0]  # the demo has no ties
            records.upsert(
                Selection,
                {"domain": domain},
                {"story": story, "picks": count},
                summary,
                "selection",
            )
    if spec.get("closed_days") is not None and round_.closed_at is None:
        round_.closed_at = now - datetime.timedelta(days=spec["closed_days"])
        round_.save(update_fields=["closed_at"])
