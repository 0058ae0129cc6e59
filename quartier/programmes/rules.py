"""Permissions of the programme library (docs/permissions.md, "Programme library").

`view`/`change` take a programme; `add` takes a municipality (its own library) and
`add_shared` takes nothing: the shared library belongs to no municipality.
"""

from typing import Any

import rules

from quartier.core.predicates import can_read_internal_pred, is_coordinator


@rules.predicate
def is_shared(user: Any, programme: Any = None) -> bool:
    """A programme of the shared library (no municipality)."""
    return programme is not None and getattr(programme, "municipality_id", 0) is None


@rules.predicate
def is_adviser(user: Any, obj: Any = None) -> bool:
    """An active adviser (Fachberatung), whatever the municipalities share."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_adviser", False)
    )


# The shared library is public reading; a municipality's own programmes are its
# internal working material (members and the advisers it shares with).
rules.add_perm("programmes.view_programme", is_shared | can_read_internal_pred)
rules.add_perm("programmes.add_programme", is_coordinator)
rules.add_perm("programmes.add_shared_programme", is_adviser)
rules.add_perm(
    "programmes.change_programme",
    (is_shared & is_adviser) | (~is_shared & is_coordinator),
)
# Copying a shared programme is adding one to the municipality's own library
# (services.programme_copy checks `add_programme` on the municipality).
