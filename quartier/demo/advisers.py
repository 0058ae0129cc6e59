"""Seeds the Fachberatung from `data/advisers.yaml`: the state's advisory
organisation with beratung@land.example, the municipalities' grants (one expired,
one revoked), the consultation log and three practice examples. A municipality that
is not in the demo is skipped (the small ones come with the support seeder)."""

from __future__ import annotations

from typing import Any

from quartier.advisers.models import (
    AdvisoryOrganisation,
    Consultation,
    PracticeExample,
    SharingGrant,
)
from quartier.core.models import Municipality
from quartier.demo import records
from quartier.demo.records import upsert


def _municipality(slug: str) -> Municipality | None:
    return Municipality.objects.filter(slug=slug).first()


def _admin(municipality: Municipality) -> Any:
    from quartier.accounts.models import User

    return (
        User.objects.filter(
            memberships__municipality=municipality, memberships__role="admin"
        )
        .order_by("pk")
        .first()
    )


def _source_pk(municipality: Municipality, kind: str, title: str | None) -> int | None:
    if not title:
        return None
    if kind == "initiative":
        from quartier.initiatives.models import Initiative

        found = Initiative.objects.of(municipality).filter(title=title).first()
    else:
        from quartier.reflections.models import Reflection

        found = Reflection.objects.of(municipality).filter(title=title).first()
    return found.pk if found else None


def load(summary: records.Summary) -> None:
    data = records.read("advisers")
    spec = data["organisation"]
    organisation = upsert(
        AdvisoryOrganisation,
        {"name": spec["name"]},
        {
            "contact_email": spec["contact_email"],
            "contact_phone": spec["contact_phone"],
        },
        summary,
        "advisory organisation",
    )
    records.set_m2m(
        organisation, "members", [records.get_user(e) for e in spec["advisers"]]
    )
    for grant in data["grants"]:
        municipality = _municipality(grant["municipality"])
        if municipality is None:
            continue
        revoked = grant.get("revoked")
        admin = _admin(municipality)
        upsert(
            SharingGrant,
            {
                "municipality": municipality,
                "organisation": organisation,
                "module_key": grant["module"],
            },
            {
                "purpose": grant["purpose"],
                "starts_on": records.day(grant["from"]),
                "ends_on": records.day(grant["until"]),
                "legal_basis": " ".join(data["legal_basis"].split()),
                "granted_by": admin,
                "revoked_at": records.at(records.day(revoked), "10:00")
                if revoked
                else None,
                "revoked_by": admin if revoked else None,
            },
            summary,
            "sharing agreement",
        )
    for entry in data["consultations"]:
        municipality = _municipality(entry["municipality"])
        if municipality is None:
            continue
        upsert(
            Consultation,
            {
                "municipality": municipality,
                "organisation": organisation,
                "topic": entry["topic"],
            },
            {
                "held_on": records.day(entry["held_on"]),
                "next_steps": entry["next_steps"],
                "follow_up_on": records.day(entry["follow_up_on"]),
                "written_by": records.get_user(spec["advisers"][0]),
            },
            summary,
            "consultation",
        )
    for example in data["practice_examples"]:
        municipality = _municipality(example["municipality"])
        if municipality is None:
            continue
        contact = records.get_user(example["contact"])
        upsert(
            PracticeExample,
            {"municipality": municipality, "title": example["title"]},
            {
                "kind": example["kind"],
                "source_pk": _source_pk(
                    municipality, example["kind"], example.get("source")
                ),
                "summary": " ".join(example["summary"].split()),
                "contact": contact,
                "contact_consent": True,
                "published_by": contact,
                "withdrawn_at": None,
            },
            summary,
            "practice example",
        )
