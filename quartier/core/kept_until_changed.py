"""Values computed from the data, kept in Django's cache until the data changes.

Some figures cost as much as the data is large and do not depend on who asks: the
newest change of 100,000 contributions, the exact number of 20,000 offerings that an
HSDS page must state. They are kept under a key that holds the page cache's data
version (`core/pagecache.py`: every successful write through the web bumps it), so a
change made on the web shows with the next request; a write outside the web (an
import, a background task) shows within KEEP_SECONDS.

`opendata/kept.py` (the open-data page and the catalogue) and the HSDS API's totals
(`hsds/views/api.py`) keep theirs here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from quartier.core.pagecache import VERSION_KEY

# The longest a change made outside a web request stays unseen.
KEEP_SECONDS = 60


def kept_key(*parts: Any) -> str:
    """A cache key of `parts` under the current data version; the parts (a path, a
    search) are hashed, so that any cache backend takes the key."""
    version = cache.get(VERSION_KEY, 0)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"kept:{version}:{digest}"


def kept(key: str, compute: Callable[[], Any]) -> Any:
    """The value kept under `key`, or `compute()` kept for KEEP_SECONDS."""
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, KEEP_SECONDS)
    return found
