"""The incremental import from a council information system (OParl 1.1).

A run crawls from the configured System object: its `body` list, and for each
body the `organization`, `meeting` (with their embedded agenda items) and
`paper` (with their embedded consultations) lists. The first run lists
everything; later runs pass `modified_since` = the start of the last successful
run, as the specification says, so only what changed comes back (deleted
objects come back with `"deleted": true`). Lists are followed page by page
through `links.next`.

Robustness:
- every object is checked against the shipped OParl schemas (schema.py) and
  parsed; a broken object is recorded in the run's report (URL and reason) and
  skipped, the rest goes on;
- a document that cannot be read (timeout, refused connection, HTTP error, not
  JSON) ends the run with a clear message; what was saved before stays, and the
  watermark is not moved, so the next run asks again for everything since the
  last successful run;
- only URLs that OParl objects name are followed (the System's body list, a
  body's lists); `links.next` must stay on the host of its list, so a page
  cannot send the importer elsewhere.

What is kept: see models.py (no persons; names of public bodies only).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from quartier.oparl import schema
from quartier.oparl.fetch import Fetcher, FetchError, HttpFetcher, is_web_url
from quartier.oparl.models import (
    CouncilAgendaItem,
    CouncilBody,
    CouncilConsultation,
    CouncilMeeting,
    CouncilOrganization,
    CouncilPaper,
    CouncilSource,
    ImportRun,
    ImportStatus,
)

MAX_PAGES = 10_000
KEEP_RUNS = 100  # import reports kept per council system


class BrokenObject(Exception):
    """One object cannot be used; it is reported and skipped."""


@dataclass
class Tally:
    new: int = 0
    changed: int = 0
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    def count(self, outcome: str | None) -> None:
        if outcome == "new":
            self.new += 1
        elif outcome == "changed":
            self.changed += 1

    def fail(self, url: str, reason: str) -> None:
        self.failed += 1
        self.failures.append({"url": url[:500], "reason": reason[:500]})


def _text(obj: dict[str, Any], key: str, limit: int) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BrokenObject(f"{key}: not a string")
    return value.strip()[:limit]


def _url(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key) or ""
    return value[:500] if is_web_url(value) else ""


def _urls(obj: dict[str, Any], key: str) -> list[str]:
    value = obj.get(key) or []
    return [u[:500] for u in value if is_web_url(u)] if isinstance(value, list) else []


def _datetime(obj: dict[str, Any], key: str) -> datetime.datetime | None:
    value = obj.get(key)
    if not value:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise BrokenObject(f"{key}: not a date and time")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _date(obj: dict[str, Any], key: str) -> datetime.date | None:
    value = obj.get(key)
    if not value:
        return None
    try:
        parsed = parse_date(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise BrokenObject(f"{key}: not a date")
    return parsed


def _common(obj: dict[str, Any]) -> dict[str, Any]:
    return {
        "web": _url(obj, "web"),
        "modified": _datetime(obj, "modified"),
        "deleted": obj.get("deleted") is True,
    }


def _upsert(
    model: Any, municipality: Any, oparl_id: str, values: dict[str, Any]
) -> Any:
    """Create or update one row; returns (row, "new" | "changed" | None)."""
    row = model.objects.filter(municipality=municipality, oparl_id=oparl_id).first()
    if row is None:
        row = model.objects.create(
            municipality=municipality, oparl_id=oparl_id, **values
        )
        return row, "new"
    changed = [k for k, v in values.items() if getattr(row, k) != v]
    if not changed:
        return row, None
    for key in changed:
        setattr(row, key, values[key])
    row.save(update_fields=[*changed, "imported_at"])
    return row, "changed"


class Run:
    def __init__(
        self,
        source: CouncilSource,
        fetcher: Fetcher,
        report: Callable[[str], None],
    ) -> None:
        self.source = source
        self.municipality = source.municipality
        self.fetcher = fetcher
        self.report = report
        self.tally = Tally()

    # -- reading ---------------------------------------------------------------

    def pages(self, list_url: str, since: datetime.datetime | None) -> Any:
        """The pages of one OParl list, following `links.next`."""
        params = {"modified_since": since.isoformat()} if since else None
        url: str | None = list_url
        host = urlsplit(list_url).hostname
        seen: set[str] = set()
        while url and len(seen) < MAX_PAGES:
            seen.add(url)
            page = self.fetcher.get(url, params)
            params = None  # links.next carries the query itself
            if not isinstance(page, dict) or not isinstance(page.get("data"), list):
                raise FetchError(_("%(url)s is not an OParl list.") % {"url": url})
            yield url, page["data"]
            links = page.get("links") if isinstance(page.get("links"), dict) else {}
            following = links.get("next")
            if not following:
                break
            if not is_web_url(following) or urlsplit(following).hostname != host:
                raise FetchError(
                    _("The next page %(url)s lies outside the council system.")
                    % {"url": following}
                )
            url = None if following in seen else following

    def each(
        self,
        list_url: str,
        since: datetime.datetime | None,
        kind: str,
        label: str,
        save: Callable[[dict[str, Any]], None],
    ) -> None:
        for number, (page_url, data) in enumerate(self.pages(list_url, since), 1):
            before = (self.tally.new, self.tally.changed, self.tally.failed)
            for index, obj in enumerate(data):
                where = (
                    obj.get("id") if isinstance(obj, dict) else None
                ) or f"{page_url} [{index}]"
                errors = schema.problems(obj, kind, lenient=True)
                if errors:
                    self.tally.fail(str(where), "; ".join(errors[:3]))
                    continue
                try:
                    with transaction.atomic():
                        save(obj)
                except BrokenObject as exc:
                    self.tally.fail(str(where), str(exc))
            self.report(
                f"{label}, page {number}: {len(data)} objects "
                f"({self.tally.new - before[0]} new, "
                f"{self.tally.changed - before[1]} changed, "
                f"{self.tally.failed - before[2]} skipped)"
            )

    # -- saving ----------------------------------------------------------------

    def save_body(self, obj: dict[str, Any]) -> None:
        values = {
            **_common(obj),
            "name": _text(obj, "name", 300),
            "short_name": _text(obj, "shortName", 100),
        }
        _, outcome = _upsert(CouncilBody, self.municipality, obj["id"], values)
        self.tally.count(outcome)

    def save_organization(self, obj: dict[str, Any]) -> None:
        values = {
            **_common(obj),
            "body_url": _url(obj, "body"),
            "name": _text(obj, "name", 300),
            "short_name": _text(obj, "shortName", 100),
            "organization_type": _text(obj, "organizationType", 100),
            "classification": _text(obj, "classification", 100),
        }
        _, outcome = _upsert(CouncilOrganization, self.municipality, obj["id"], values)
        self.tally.count(outcome)

    def save_meeting(self, obj: dict[str, Any]) -> None:
        values = {
            **_common(obj),
            "name": _text(obj, "name", 300),
            "start": _datetime(obj, "start"),
            "end": _datetime(obj, "end"),
            "cancelled": obj.get("cancelled") is True,
            "meeting_state": _text(obj, "meetingState", 100),
            "organization_urls": _urls(obj, "organization"),
        }
        _, outcome = _upsert(CouncilMeeting, self.municipality, obj["id"], values)
        self.tally.count(outcome)
        for item in obj.get("agendaItem") or []:
            if not isinstance(item, dict):  # a URL only: nothing to keep
                continue
            item_values = {
                **_common(item),
                "meeting_url": _url(item, "meeting") or obj["id"],
                "number": _text(item, "number", 50),
                "name": _text(item, "name", 500),
                "public": item.get("public") is not False,
                "result": _text(item, "result", 200),
            }
            _, outcome = _upsert(
                CouncilAgendaItem, self.municipality, item["id"], item_values
            )
            self.tally.count(outcome)

    def save_paper(self, obj: dict[str, Any]) -> None:
        values = {
            **_common(obj),
            "body_url": _url(obj, "body"),
            "name": _text(obj, "name", 500),
            "reference": _text(obj, "reference", 100),
            "date": _date(obj, "date"),
            "paper_type": _text(obj, "paperType", 200),
        }
        paper, outcome = _upsert(CouncilPaper, self.municipality, obj["id"], values)
        self.tally.count(outcome)
        kept = []
        for consultation in obj.get("consultation") or []:
            if not isinstance(consultation, dict):
                continue
            consultation_values = {
                **_common(consultation),
                "paper": paper,
                "meeting_url": _url(consultation, "meeting"),
                "agenda_item_url": _url(consultation, "agendaItem"),
                "organization_urls": _urls(consultation, "organization"),
                "role": _text(consultation, "role", 200),
                "authoritative": consultation.get("authoritative") is True,
            }
            row, outcome = _upsert(
                CouncilConsultation,
                self.municipality,
                consultation["id"],
                consultation_values,
            )
            self.tally.count(outcome)
            kept.append(row.pk)
        # A consultation the paper no longer names was withdrawn from it.
        CouncilConsultation.objects.filter(paper=paper).exclude(pk__in=kept).delete()

    # -- the crawl -------------------------------------------------------------

    def crawl(self, since: datetime.datetime | None) -> None:
        system = self.fetcher.get(self.source.system_url)
        errors = schema.problems(system, "System", lenient=True)
        if not errors and not is_web_url(system.get("body")):
            errors = ["body: no list of bodies"]
        if errors:
            raise FetchError(
                _("%(url)s is not an OParl System: %(errors)s")
                % {"url": self.source.system_url, "errors": "; ".join(errors[:3])}
            )
        bodies: list[dict[str, Any]] = []

        def keep_body(obj: dict[str, Any]) -> None:
            missing = [
                key
                for key in ("organization", "meeting", "paper")
                if not is_web_url(obj.get(key))
            ]
            if missing:
                raise BrokenObject(f"no list of {', '.join(missing)}")
            self.save_body(obj)
            if obj.get("deleted") is not True:
                bodies.append(obj)

        # All bodies, every time: they are few, and their lists are needed.
        self.each(system["body"], None, "Body", "Bodies", keep_body)
        for body in bodies:
            name = body.get("shortName") or body.get("name")
            self.each(
                body["organization"],
                since,
                "Organization",
                f"{name}: organisations",
                self.save_organization,
            )
            self.each(
                body["meeting"],
                since,
                "Meeting",
                f"{name}: meetings",
                self.save_meeting,
            )
            self.each(body["paper"], since, "Paper", f"{name}: papers", self.save_paper)


def run_import(
    source: CouncilSource,
    *,
    fetcher: Fetcher | None = None,
    report: Callable[[str], None] = lambda line: None,
    full: bool = False,
) -> ImportRun:
    """Import from the source's council system and record the run (ImportRun)."""
    from quartier.core.services import record_action

    started = timezone.now()
    since = None if full else source.last_success_at
    run = ImportRun.objects.create(
        municipality=source.municipality,
        source=source,
        started_at=started,
        modified_since=since,
    )
    worker = Run(source, fetcher or HttpFetcher(source.timeout), report)
    report(
        f"{source.municipality.slug}: {source.system_url}"
        + (f" (modified since {since.isoformat()})" if since else " (everything)")
    )
    try:
        worker.crawl(since)
    except FetchError as exc:
        run.status = ImportStatus.FAILED
        run.message = str(exc)
        report(str(exc))
    else:
        run.status = (
            ImportStatus.DONE_WITH_ERRORS if worker.tally.failed else ImportStatus.DONE
        )
        source.last_success_at = started
        source.save(update_fields=["last_success_at"])
    tally = worker.tally
    run.new_count, run.changed_count, run.failed_count = (
        tally.new,
        tally.changed,
        tally.failed,
    )
    run.failures = tally.failures
    run.finished_at = timezone.now()
    run.save()
    # The reports of the latest runs are enough to see what failed; a nightly
    # import would otherwise add a row every day for ever.
    kept = ImportRun.objects.filter(source=source).order_by("-started_at", "-pk")
    ImportRun.objects.filter(source=source).exclude(
        pk__in=list(kept.values_list("pk", flat=True)[:KEEP_RUNS])
    ).delete()
    record_action(
        None,
        source.municipality,
        "oparl.import",
        f"{run.get_status_display()}: {tally.new} new, {tally.changed} changed, "
        f"{tally.failed} skipped",
    )
    report(
        f"Done ({run.status}): {tally.new} new, {tally.changed} changed, "
        f"{tally.failed} skipped."
    )
    return run
