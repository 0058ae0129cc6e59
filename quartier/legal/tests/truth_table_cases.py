"""Truth-table rows of the legal pages (docs/permissions.md, "Legal pages")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

KINDS = ("imprint", "privacy", "accessibility")

CASES = [
    case
    for kind in KINDS
    for case in (
        Case(f"legal_{kind}", S(200, 200, 200, 200, 200, 200)),
        Case(f"legal:{kind}", S(200, 200, 200, 200, 200, 200), kwargs=m),
        Case(f"legal:{kind}_edit", S(302, 403, 403, 403, 200, 403), kwargs=m),
        Case(
            f"legal:{kind}_edit",
            S(403, 403, 403, 403, 302, 403),
            "post",
            kwargs=m,
            data={"body": "<p>Impressum der Kommune</p>"},
        ),
    )
]
