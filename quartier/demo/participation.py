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
from quartier.forums.models import AgendaItem, Decision, Meeting
from quartier.participation.models import (
    ACCOUNT_REPORT_WEIGHT,
    ADDRESS_REPORT_WEIGHT,
    REPORT_WEIGHT_TO_HIDE,
    Comment,
    Contribution,
    EventWindow,
    Report,
    Response,
    StatusChange,
    Support,
    Topic,
    create_layer_topics,
    report_weight,
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


def _meeting(municipality: Any, key: str) -> Meeting:
    spec = next(m for m in records.read("forums")["meetings"] if m["key"] == key)
    return Meeting.objects.get(
        municipality=municipality, forum__slug=spec["forum"], title=spec["title"]
    )


def _reports(
    contribution: Contribution, spec: dict[str, Any], user: Any
) -> list[Report]:
    """The reports of `spec` as unsaved rows, as services.report_add writes them:
    an anonymous address weighs 1, an account 2; each report here comes from its
    own address. Reports before a coordinator's review were resolved by it."""
    rows = []
    for n, report in enumerate(spec.get("reports", [])):
        if isinstance(report, str):
            report = {"reason": report}
        account = user(report["by"]) if "by" in report else None
        key = f"demo-{n}-{contribution.title}"[:64]
        rows.append(
            Report(
                contribution=contribution,
                reporter=account,
                reporter_key="" if account else key,
                address_key=key,
                weight=ACCOUNT_REPORT_WEIGHT if account else ADDRESS_REPORT_WEIGHT,
                reason=report.get("reason", ""),
                resolved_at=contribution.reviewed_at,
            )
        )
    return rows


def _hidden(contribution: Contribution, reports: Any) -> bool:
    """Open reports hide a contribution nobody has reviewed once their distinct
    addresses weigh REPORT_WEIGHT_TO_HIDE (services.report_add)."""
    return (
        contribution.reviewed_at is None
        and report_weight(r for r in reports if r.resolved_at is None)
        >= REPORT_WEIGHT_TO_HIDE
    )


def _sync_moderation(
    contribution: Contribution,
    spec: dict[str, Any],
    user: Any,
    today: datetime.date,
) -> bool:
    """Bring a contribution of an earlier seed to the reports and review of the data
    (its reports may predate weights and review); True when something changed."""
    changed = False
    if "reviewed" in spec and contribution.reviewed_at is None:
        contribution.reviewed_at = records.moment(spec["reviewed"], today)
        Contribution.objects.filter(pk=contribution.pk).update(
            reviewed_at=contribution.reviewed_at
        )
        changed = True
    have = {r.address_key or r.reporter_key: r for r in contribution.reports.all()}
    later = min(contribution.created_at + datetime.timedelta(hours=5), timezone.now())
    fields = ["reporter", "reporter_key", "address_key", "weight", "reason"]
    for wanted in _reports(contribution, spec, user):
        row = have.get(wanted.address_key)
        if row is None:
            wanted.save()
            Report.objects.filter(pk=wanted.pk).update(created_at=later)
            changed = True
            continue
        values = {name: getattr(wanted, name) for name in fields}
        if wanted.resolved_at and row.resolved_at is None:
            values["resolved_at"] = wanted.resolved_at
        differ = {k: v for k, v in values.items() if getattr(row, k) != v}
        if differ:
            Report.objects.filter(pk=row.pk).update(**differ)
            changed = True
    hidden = _hidden(contribution, contribution.reports.all())
    if contribution.is_hidden != hidden:
        Contribution.objects.filter(pk=contribution.pk).update(is_hidden=hidden)
        changed = True
    return changed


def _event_windows(
    municipality: Any, data: dict[str, Any], user: Any, summary: records.Summary
) -> None:
    """Workshop windows around demo meetings (from 30 minutes before to 30 after)."""
    now = timezone.now()
    margin = datetime.timedelta(minutes=30)
    for spec in data.get("event_windows", []):
        meeting = _meeting(municipality, spec["meeting"])
        values = {
            "name": spec.get("name", meeting.title),
            "place": meeting.address,
            "starts_at": meeting.starts_at - margin,
            "ends_at": meeting.ends_at + margin,
            "limit": spec["limit"],
            "created_by": user(spec["by"]),
        }
        window = records.upsert(
            EventWindow,
            {"municipality": municipality, "code": spec["code"]},
            values,
            summary,
            "event window",
        )
        opened = min(meeting.starts_at - datetime.timedelta(days=10), now)
        if window.created_at > opened:
            EventWindow.objects.filter(pk=window.pk).update(created_at=opened)


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
        existing = Contribution.objects.of(municipality).filter(title=title).first()
        if existing is not None:
            changed = _sync_moderation(existing, spec, user, today)
            summary.add("contribution", "updated" if changed else "unchanged")
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
            + [own[slug] for slug in spec.get("topics", [])],
            through_defaults={"municipality": municipality},
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
        if "reviewed" in spec:
            contribution.reviewed_at = records.moment(spec["reviewed"], today)
        reports = _reports(contribution, spec, user)
        contribution.is_hidden = _hidden(contribution, reports)
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
        Report.objects.bulk_create(reports)
        for model in (Support, Comment, Report):
            model.objects.filter(contribution=contribution).update(created_at=later)
        summary.add("contribution", "created")
    _event_windows(municipality, data, user, summary)
