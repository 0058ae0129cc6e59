"""Truth-table rows of the network analysis (docs/permissions.md, "Network
analysis"). The public page switched on is covered in test_views.py."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

COORDINATION_PAGE = S(302, 403, 403, 200, 200, 403)
COORDINATION_POST = S(403, 403, 403, 302, 302, 403)


def extend_world(world):
    from quartier.network import services

    world["network_snapshot"] = services.snapshot_take(
        by=None, municipality=world["municipality"], sources=["ties"]
    )


def snapshot_pk(w):
    return {**m(w), "pk": w["network_snapshot"].pk}


CASES = [
    Case("network:index", COORDINATION_PAGE, kwargs=m),
    Case("network:snapshots", COORDINATION_PAGE, kwargs=m),
    Case("network:compare", COORDINATION_PAGE, kwargs=m),
    Case("network:snapshot", S(404, 404, 404, 200, 200, 404), kwargs=snapshot_pk),
    Case(
        "network:take",
        COORDINATION_POST,
        "post",
        kwargs=m,
        data={"taken_on": "2026-01-05", "sources": ["ties", "forums"]},
    ),
    Case("network:public_page", COORDINATION_POST, "post", kwargs=m, data={}),
]
