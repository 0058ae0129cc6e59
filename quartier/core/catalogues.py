"""Compiled message catalogues for runs without `make demo`.

The .mo files are not in the repository (git-ignored); `make demo` compiles them
with gettext. The test suite and `make bench` compile each catalogue whose .mo is
missing or older than its .po with polib (installed by `make install`), so both
see the German interface on a fresh clone.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def compile_stale() -> bool:
    """Compile every stale catalogue under quartier/locale*; True if any was."""
    import polib  # type: ignore[import-untyped]

    compiled = False
    for po_path in PACKAGE.glob("locale*/*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        partial = mo_path.with_name(f"django.mo.{os.getpid()}")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        os.replace(partial, mo_path)  # other processes never read half a file
        compiled = True
    return compiled
