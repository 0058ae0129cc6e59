"""Computing a clustering run: in the request for small runs, as a background task
(django-tasks, see core/tasks.py) for large ones, writing its progress as it goes.

Every run ends, done or failed with a reason: `run_compute` turns any error into a
failed run and, in a `finally`, fails a run that is still open; a run whose worker
died is ended as failed by `end_stale_runs` when someone looks at the runs.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.topics.clustering import MIN_TEXTS, TooFewTexts, cluster_texts
from quartier.topics.models import OPEN_STATUSES, Cluster, ClusterRun, RunStatus
from quartier.topics.sources import Text, collect_texts

logger = logging.getLogger(__name__)


def _fail(run: ClusterRun, reason: str) -> None:
    ClusterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=reason, finished_at=timezone.now()
    )


def stopped() -> str:
    return _(
        "The clustering stopped because of an unexpected error. Please try again, "
        "perhaps with a shorter period."
    )


def run_compute(run: ClusterRun, texts: Sequence[Text] | None = None) -> None:
    """Cluster the run's texts (collected anew if not given) and store the clusters.
    The run always ends: done, or failed with a reason."""
    try:
        _compute(run, texts)
    except Exception:
        logger.exception("Clustering run %s stopped", run.pk)
        _fail(run, stopped())
    finally:
        # Also after errors that are no Exception (a worker being shut down).
        ClusterRun.objects.filter(pk=run.pk, status__in=OPEN_STATUSES).update(
            status=RunStatus.FAILED, error=stopped(), finished_at=timezone.now()
        )


def _compute(run: ClusterRun, texts: Sequence[Text] | None) -> None:
    started = time.monotonic()
    ClusterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    if texts is None:
        texts = collect_texts(
            municipality=run.municipality,
            start=run.period_start,
            end=run.period_end,
            kinds=run.sources,
            neighborhood=run.neighborhood,
        )
        ClusterRun.objects.filter(pk=run.pk).update(text_count=len(texts))

    def progress(percent: int) -> None:
        ClusterRun.objects.filter(pk=run.pk).update(progress=min(percent, 99))

    try:
        result = cluster_texts([t.text for t in texts], progress=progress)
    except TooFewTexts:
        _fail(
            run,
            _(
                "There are too few texts to form groups: at least %(count)s texts "
                "with words that also occur in another text are needed. Please "
                "choose a longer period or more kinds of text."
            )
            % {"count": MIN_TEXTS},
        )
        return
    Cluster.objects.bulk_create(
        [
            Cluster(
                run=run,
                position=position,
                terms=cluster.terms,
                size=cluster.size,
                typical=[[texts[i].kind, texts[i].pk] for i in cluster.typical],
                members=[[texts[i].kind, texts[i].pk] for i in cluster.members],
            )
            for position, cluster in enumerate(result.clusters, start=1)
        ]
    )
    ClusterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        progress=100,
        k=result.k,
        silhouette=round(result.silhouette, 4),
        scores={str(k): score for k, score in result.scores.items()},
        seconds=round(time.monotonic() - started, 3),
        finished_at=timezone.now(),
    )


def stale_after() -> datetime.timedelta:
    """An open run older than this has lost its worker."""
    return datetime.timedelta(
        minutes=int(getattr(settings, "TOPICS_STALE_MINUTES", 60))
    )


def end_stale_runs(municipality: object) -> int:
    """Fail the municipality's runs whose worker died; the number ended."""
    return (
        ClusterRun.objects.of(municipality)  # type: ignore[arg-type]
        .open()
        .filter(created_at__lt=timezone.now() - stale_after())
        .update(
            status=RunStatus.FAILED,
            error=_(
                "The clustering did not finish (its worker stopped). Please start "
                "it again."
            ),
            finished_at=timezone.now(),
        )
    )


@task()
def run_clustering(*, run_id: int) -> None:
    run = ClusterRun.objects.select_related("municipality", "neighborhood").filter(
        pk=run_id
    )
    found = run.first()
    if found is not None and not found.is_finished:
        run_compute(found)
