"""pytest plugin loaded with `-p` before pytest-django reads the settings.

Tests run with DEBUG off, like production, but over plain HTTP and with mail kept
in memory.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.pop("DEBUG", None)
