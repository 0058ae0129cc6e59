"""Writes of the network analysis: snapshots, the public-page setting and the
relationship survey (docs/network.md)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.models import Municipality
from quartier.core.services import record_action
from quartier.network import graph
from quartier.network.models import NetworkSetting, Snapshot


def _require(by: Any, perm: str, obj: Any) -> None:
    if by is not None and not by.has_perm(perm, obj):
        raise PermissionDenied


def compute(
    municipality: Municipality, at: datetime.date, sources: Iterable[str]
) -> tuple[list[str], dict[str, Any], float]:
    """The chosen sources, the analysed network and the seconds it took."""
    chosen = [s for s in graph.SOURCES if s in set(sources)]
    if not chosen:
        raise ValidationError(_("Choose at least one source of ties."))
    started = time.perf_counter()
    nodes, edges = graph.collect(municipality, at, chosen)
    result = graph.analyse(nodes, edges)
    return chosen, result, time.perf_counter() - started


@transaction.atomic
def snapshot_take(
    *,
    by: Any,
    municipality: Municipality,
    at: datetime.date | None = None,
    sources: Iterable[str] = tuple(graph.SOURCES),
    automatic: bool = False,
) -> Snapshot:
    """Compute the network at `at` (default today) and store it with its measures.
    `by=None` is the yearly automatic run (take_network_snapshots)."""
    _require(by, "network.analyse_network", municipality)
    at = at or timezone.localdate()
    if at > timezone.localdate():
        raise ValidationError(_("A snapshot cannot be dated in the future."))
    chosen, result, seconds = compute(municipality, at, sources)
    snapshot = Snapshot.objects.create(
        municipality=municipality,
        taken_on=at,
        sources=chosen,
        measures=result["measures"],
        data={"nodes": result["nodes"], "edges": result["edges"]},
        automatic=automatic,
        taken_by=by,
        seconds=round(seconds, 3),
    )
    if by is not None:
        record_action(by, municipality, "network.take_snapshot", snapshot)
    return snapshot


def snapshot_take_yearly(*, municipality: Municipality, today: datetime.date) -> bool:
    """The automatic snapshot: one per municipality and year, taken on the first
    run of a year. Returns whether one was taken."""
    if (
        Snapshot.objects.of(municipality)
        .filter(automatic=True, taken_on__year=today.year)
        .exists()
    ):
        return False
    try:
        with transaction.atomic():
            snapshot_take(by=None, municipality=municipality, at=today, automatic=True)
    except IntegrityError:  # a parallel run took it the same day
        return False
    return True


@transaction.atomic
def public_page_set(*, by: Any, municipality: Municipality, public: bool) -> None:
    _require(by, "network.analyse_network", municipality)
    NetworkSetting.objects.update_or_create(
        municipality=municipality, defaults={"public_page": public}
    )
    record_action(by, municipality, "network.change_public_page", municipality)


def survey_open(
    *,
    by: Any,
    municipality: Municipality,
    title: str,
    closes_on: datetime.date,
    actors: Iterable[Any],
) -> Any:
    """Open a round of the relationship survey and send each actor's contact its
    signed answer link (actors without an e-mail address get none; the
    coordination can pass their link on)."""
    from quartier.core.tasks import lazy_subject, queue_email
    from quartier.network import survey_links
    from quartier.network.models import Participant, SurveyRound

    _require(by, "network.manage_surveys", municipality)
    if closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("The closing date lies in the past.")})
    chosen = [a for a in actors if a.municipality_id == municipality.pk]
    if len(chosen) < 2:
        raise ValidationError({"actors": _("Choose at least two organisations.")})
    round = SurveyRound.objects.create(
        municipality=municipality, title=title, closes_on=closes_on, opened_by=by
    )
    now = timezone.now()
    participants = [
        Participant.objects.create(round=round, actor=actor, email=actor.email)
        for actor in chosen
    ]
    record_action(by, municipality, "network.open_survey", round)
    for participant in participants:
        if not participant.email:
            continue
        # Through queue_email like every mail: in the recipient's language.
        queue_email(
            to=participant.email,
            subject=lazy_subject(round.title),  # the round's own title
            template="network/email/survey_invitation.txt",
            context={
                "round": round,
                "actor": participant.actor,
                "link": survey_links.link(participant),
                "municipality": municipality,
            },
        )
        participant.invited_at = now
        participant.save(update_fields=["invited_at"])
    return round


@transaction.atomic
def survey_answer(*, participant: Any, rows: list[tuple[Any, list[int]]]) -> None:
    """Replace the participant's answers by `rows`: (partner actor, six scores 1–4)."""
    from quartier.network.models import TRUST_ITEMS, VALUE_ITEMS, Answer

    if participant.round.closes_on < timezone.localdate():
        raise ValidationError(_("This survey is closed."))
    partners = [partner for partner, _scores in rows]
    if participant.actor in partners:
        raise ValidationError(_("An organisation cannot rate itself."))
    if len(set(partners)) != len(partners):
        raise ValidationError(_("Each partner can be rated once."))
    participant.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(
            participant=participant,
            partner=partner,
            **dict(zip(TRUST_ITEMS + VALUE_ITEMS, scores, strict=True)),
        )
        for partner, scores in rows
    )
    participant.answered_at = timezone.now()
    participant.save(update_fields=["answered_at"])
