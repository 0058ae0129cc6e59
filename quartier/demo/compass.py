"""Demo data of the compass app for Musterstadt (DEMO-WORLD.md).

`load(summary)` is called by loader.seed after the people, actors and forums; rows
are found by natural keys so that a second run changes nothing.
"""

from __future__ import annotations

from typing import Any


def load(summary: Any) -> None:
    """Write the compass demo data (filled in by the compass app)."""
