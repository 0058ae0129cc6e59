"""Seeds role profiles, their holders and qualification offers from
`data/roles.yaml`, and tags some of the learning demo's time entries with a role.
Profiles and offers are written through the roles services (audited like a
coordinator's or adviser's work), holders and consents directly (the consent of
a demo person is part of the demo's content); idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.demo import records
from quartier.learning.models import TimeEntry
from quartier.roles import services
from quartier.roles.models import QualificationOffer, RoleHolder, RoleProfile


def _profile_values(spec: dict[str, Any]) -> dict[str, Any]:
    hours = spec.get("hours_per_week")
    return {
        "name": spec["name"],
        "tasks": "\n".join(spec["tasks"]),
        "hours_per_week": Decimal(str(hours)) if hours is not None else None,
        "time_note": spec.get("time_note", ""),
        "securing": spec["securing"],
        "securing_note": spec.get("securing_note", ""),
    }


def _same_profile(
    profile: RoleProfile, values: dict[str, Any], competences: list[str]
) -> bool:
    return (
        all(getattr(profile, k) == v for k, v in values.items())
        and [c.name for c in profile.competences.all()] == competences
    )


def _offer_values(spec: dict[str, Any]) -> dict[str, Any]:
    def day(value: str | None) -> datetime.date | None:
        return datetime.date.fromisoformat(value) if value else None

    return {
        "title": spec["title"],
        "provider": spec["provider"],
        "format": spec["format"],
        "starts_on": day(spec.get("starts_on")),
        "ends_on": day(spec.get("ends_on")),
        "dates_note": spec.get("dates_note", ""),
        "costs": spec.get("costs", ""),
        "link": spec.get("link", ""),
        "competences": "\n".join(spec["competences"]),
    }


def _write_offer(
    *, by: Any, municipality: Any, spec: dict[str, Any], summary: records.Summary
) -> None:
    values = _offer_values(spec)
    found = QualificationOffer.objects.filter(
        municipality=municipality, title=values["title"]
    ).first()
    if found is not None and all(getattr(found, k) == v for k, v in values.items()):
        summary.add("qualification offer", "unchanged")
        return
    services.offer_save(by=by, offer=found, municipality=municipality, values=values)
    summary.add("qualification offer", "created" if found is None else "updated")


def _write_holders(
    profile: RoleProfile, who: records.Who, specs: list[dict[str, Any]], summary: Any
) -> None:
    for spec in specs:
        kind, obj = who(spec["who"])
        lookup = {"profile": profile, "user" if kind == "user" else "actor": obj}
        holder = RoleHolder.objects.filter(**lookup).first()
        if holder is None:
            holder = RoleHolder.objects.create(
                municipality=profile.municipality, **lookup
            )
            summary.add("role holder", "created")
        else:
            summary.add("role holder", "unchanged")
        consenting = spec.get("consented_by")
        if consenting and holder.consented_at is None:
            holder.consented_at = timezone.now()
            holder.consented_by = records.get_user(consenting)
            holder.save(update_fields=["consented_at", "consented_by"])


def _tag_time(municipality: Any, who: records.Who, rules: list[dict[str, Any]]) -> None:
    roles = {p.name: p for p in RoleProfile.objects.of(municipality)}
    for rule in rules:
        kind, obj = who(rule["who"])
        entries = TimeEntry.objects.of(municipality).filter(
            **{"person" if kind == "user" else "actor": obj}
        )
        if rule.get("category"):
            entries = entries.filter(category=rule["category"])
        role = roles[rule["role"]]
        entries.exclude(role=role).update(role=role)


def load(summary: records.Summary) -> None:
    """Write the demo's role profiles, holders and qualification offers."""
    data = records.read("roles")
    for slug, spec in data["profiles"].items():
        municipality = records.get_municipality(slug)
        coordinator = records.get_user(spec["by"])
        who = records.Who(municipality)
        for item in spec["items"]:
            values = _profile_values(item)
            competences = item["competences"]
            found = (
                RoleProfile.objects.of(municipality).filter(name=item["name"]).first()
            )
            if found is not None and _same_profile(found, values, competences):
                summary.add("role profile", "unchanged")
                profile = found
            else:
                profile = services.role_profile_save(
                    by=coordinator,
                    profile=found,
                    municipality=municipality,
                    values=values,
                    competences=competences,
                )
                summary.add("role profile", "created" if found is None else "updated")
            _write_holders(profile, who, item.get("holders") or [], summary)
    adviser = records.get_user(data["curated_by"])
    for spec in data["offers"]["shared"]:
        _write_offer(by=adviser, municipality=None, spec=spec, summary=summary)
    for slug, own in data["offers"]["own"].items():
        municipality = records.get_municipality(slug)
        by = records.get_user(own["by"])
        for spec in own["items"]:
            _write_offer(by=by, municipality=municipality, spec=spec, summary=summary)
    for slug, rules in data["tag_time"].items():
        municipality = records.get_municipality(slug)
        _tag_time(municipality, records.Who(municipality), rules)
