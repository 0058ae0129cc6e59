"""Truth-table rows of the records of processing (Art. 30 DSGVO): the municipality's
admins only (docs/permissions.md, "Legal pages")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

CASES = [
    Case(
        f"legal:records_of_processing{suffix}",
        S(302, 403, 403, 403, 200, 403),
        kwargs=m,
    )
    for suffix in ("", "_csv", "_pdf")
]
