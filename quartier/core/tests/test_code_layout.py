"""A house a newcomer can find their way in: files are named after what they hold,
and every API router the project mounts offers something."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
# Names that say when or by whom a file was written, not what it holds.
SPLIT_OF_WORK = re.compile(
    r"_(extra|main|new|old|misc|more|other|tmp|temp|helpers2|v2|\d+)$|^(extra|misc)$"
)


def test_no_file_is_named_after_a_split_of_work():
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and SPLIT_OF_WORK.search(path.stem)
    ]
    assert found == []


def test_every_mounted_api_router_has_operations():
    from quartier.api import api

    empty = [
        prefix or "/"
        for prefix, router in api._routers
        if router is not api.default_router
        and not any(path.operations for path in router.path_operations.values())
        and not router._routers
    ]
    assert empty == []
