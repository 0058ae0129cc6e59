"""Writes of topics in free text: starting a clustering run and turning a cluster
into a topic (docs/topics.md)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.core.models import Municipality, Neighborhood
from quartier.core.services import ensure_allowed, record_action
from quartier.participation import services as participation_services
from quartier.participation.models import Contribution, Topic
from quartier.topics.models import Cluster, ClusterRun
from quartier.topics.sources import SOURCES, collect_texts


def background_texts() -> int:
    """Runs over more texts than this are computed as a background task."""
    return int(getattr(settings, "TOPICS_BACKGROUND_TEXTS", 1000))


def run_start(
    *,
    by: Any,
    municipality: Municipality,
    period_start: datetime.date,
    period_end: datetime.date,
    sources: Iterable[str],
    neighborhood: Neighborhood | None = None,
) -> ClusterRun:
    """Record a run and compute it: at once for up to background_texts() texts,
    else as a background task (the run's page shows its progress).

    Not one transaction: the run must be stored before a worker looks for it.
    """
    from quartier.topics import tasks

    ensure_allowed(by, "topics.start_run", municipality)
    kinds = [key for key in SOURCES if key in set(sources)]
    if not kinds:
        raise ValidationError(
            {"sources": _("Please choose at least one kind of text.")}
        )
    if period_start > period_end:
        raise ValidationError(
            {"period_end": _("The end of the period must not lie before its start.")}
        )
    if neighborhood is not None and neighborhood.municipality_id != municipality.pk:
        raise ValidationError({"neighborhood": _("Please choose a neighbourhood.")})
    texts = collect_texts(
        municipality=municipality,
        start=period_start,
        end=period_end,
        kinds=kinds,
        neighborhood=neighborhood,
    )
    with transaction.atomic():
        run = ClusterRun.objects.create(
            municipality=municipality,
            period_start=period_start,
            period_end=period_end,
            sources=kinds,
            neighborhood=neighborhood,
            text_count=len(texts),
            created_by=by,
        )
        record_action(by, municipality, "topics.start_run", run)
    if len(texts) > background_texts():
        tasks.run_clustering.enqueue(run_id=run.pk)
    else:
        tasks.run_compute(run, texts)
    run.refresh_from_db()
    return run


def contributions_tag(*, topic: Topic, contribution_ids: Iterable[int]) -> int:
    """Add `topic` to the contributions (of the topic's municipality), keeping
    their other topics; the number tagged.

    participation has no service for a plain topic on many contributions (its
    contribution_tag_layers sets the model's layers), so this writes the
    contributions' `topics` relation directly, through its own through model, in one
    query. Callers check the permission (cluster_adopt).
    """
    ids = list(
        Contribution.objects.of(topic.municipality)
        .filter(pk__in=list(contribution_ids))
        .values_list("pk", flat=True)
    )
    through = Contribution.topics.through
    through.objects.bulk_create(
        [
            through(
                municipality_id=topic.municipality_id,
                contribution_id=pk,
                topic_id=topic.pk,
            )
            for pk in ids
        ],
        ignore_conflicts=True,
    )
    return len(ids)


@transaction.atomic
def cluster_adopt(
    *, by: Any, cluster: Cluster, name: str, tag_contributions: bool
) -> tuple[Topic, int]:
    """Turn a cluster into a topic of the municipality named `name` (participation's
    topic_add), optionally tagging the cluster's contributions with it. Returns the
    topic and the number of contributions tagged."""
    ensure_allowed(by, "topics.adopt_cluster", cluster)
    municipality = cluster.run.municipality
    topic = participation_services.topic_add(
        by=by, municipality=municipality, name=name
    )
    tagged = 0
    if tag_contributions:
        tagged = contributions_tag(
            topic=topic,
            contribution_ids=[
                pk for kind, pk in cluster.members if kind == "contribution"
            ],
        )
    cluster.topic = topic
    cluster.save(update_fields=["topic"])
    record_action(by, municipality, "topics.adopt_cluster", cluster)
    return topic, tagged
