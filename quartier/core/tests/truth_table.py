"""Building blocks of the permission truth table (test_truth_table.py).

Apps add their own rows in `quartier/<app>/tests/truth_table_cases*.py`: a module-level
`CASES` list of `Case`, and optionally `extend_world(world)` that adds the objects
their URLs need to the shared `world` dict (keys: the role users, "municipality",
"neighborhood", "actor", "internal_actor", "tie", …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ["anonymous", "resident", "partner", "coordinator", "admin", "other_admin"]


def S(anonymous, resident, partner, coordinator, admin, other_admin):  # noqa: N802
    return dict(
        zip(
            ROLES,
            [anonymous, resident, partner, coordinator, admin, other_admin],
            strict=True,
        )
    )


@dataclass
class Case:
    name: str
    expect: dict[str, int]
    method: str = "get"
    kwargs: Callable[[dict], dict] = field(default=lambda w: {})
    data: dict = field(default_factory=dict)
    label: str = ""


def m(w):
    return {"municipality_slug": w["municipality"].slug}
