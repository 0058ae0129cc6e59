"""Demo data of the rooms app for Musterstadt (DEMO-WORLD.md).

`load(summary)` is called by loader.seed after the people, actors and forums; rows
are found by natural keys so that a second run changes nothing.
"""

from __future__ import annotations

from typing import Any


def load(summary: Any) -> None:
    """Write the rooms demo data (filled in by the rooms app)."""
