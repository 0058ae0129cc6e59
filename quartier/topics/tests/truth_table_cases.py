"""Truth-table rows of topics in free text (docs/permissions.md): the coordination's
working material, for coordinators and admins of the municipality only."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

PAGE = S(302, 403, 403, 200, 200, 403)
OBJECT_PAGE = S(404, 404, 404, 200, 200, 404)


def extend_world(world):
    import datetime

    from quartier.topics.models import Cluster, ClusterRun

    run = ClusterRun.objects.create(
        municipality=world["municipality"],
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        sources=["contribution", "story", "comment"],
        status="done",
        progress=100,
        k=2,
        silhouette=0.3,
    )
    Cluster.objects.create(
        run=run, position=1, terms=["Bus", "Haltestelle"], size=5, members=[]
    )
    world["topics_run"] = run


def run_pk(w):
    return {**m(w), "pk": w["topics_run"].pk}


def cluster(w):
    return {**run_pk(w), "position": 1}


CASES = [
    Case("topics:runs", PAGE, kwargs=m),
    Case(
        "topics:runs",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=m,
        data={
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "sources": ["contribution", "story"],
        },
    ),
    Case(
        "topics:runs",
        S(403, 403, 403, 400, 400, 403),
        "post",
        kwargs=m,
        data={"period_start": "2026-06-30", "period_end": "2026-01-01"},
        label="invalid",
    ),
    Case("topics:run", OBJECT_PAGE, kwargs=run_pk),
    Case("topics:adopt", OBJECT_PAGE, kwargs=cluster),
    Case(
        "topics:adopt",
        S(404, 404, 404, 302, 302, 404),
        "post",
        kwargs=cluster,
        data={"name": "Busverkehr", "tag_contributions": "on"},
    ),
]
