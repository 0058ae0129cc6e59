"""Demo data of the participation app for Musterstadt (DEMO-WORLD.md).

`load(summary)` is called by loader.seed after the people, actors and forums; rows
are found by natural keys so that a second run changes nothing.
"""

from __future__ import annotations

from typing import Any


def load(summary: Any) -> None:
    """Write the participation demo data (filled in by the participation app)."""
