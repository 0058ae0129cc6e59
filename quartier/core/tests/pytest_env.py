"""pytest plugin loaded with `-p` before pytest-django reads the settings.

Tests run with DEBUG off, like production, but over plain HTTP and with mail kept
in memory.
"""

import os

os.environ.setdefault(
    "SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")
os.environ.setdefault("EMAIL_URL", "memorymail://")
# Guests' page cache is off in tests (they change data behind its back);
# test_pagecache.py switches it on.
os.environ.setdefault("ANON_CACHE_SECONDS", "0")
# Tests never fetch map tiles: the maps draw their points without a tile layer.
os.environ.setdefault("MAP_TILE_URL", "")
os.environ.pop("DEBUG", None)
