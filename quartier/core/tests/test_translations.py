"""German is the interface language: no string may lack a German translation.

The test extracts every marked string from a copy of the package (Django's
makemessages, which needs GNU gettext), merges it with the committed catalogue and fails
on any entry that is untranslated or fuzzy — so a new `{% translate %}` without a German
translation fails the suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUE = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "django.po"


def _problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                problems.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


def test_the_committed_german_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 100
    assert _problems(po) == []


def test_every_marked_string_has_a_german_translation(tmp_path):
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is missing: apt-get install gettext")
    copy = tmp_path / "src"
    shutil.copytree(
        PACKAGE, copy / "quartier", ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    env = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(copy)}
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "de",
            "--no-obsolete",
            "--settings",
            "quartier.settings",
        ],
        cwd=copy / "quartier",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(
        str(copy / "quartier" / "locale" / "de" / "LC_MESSAGES" / "django.po")
    )
    problems = _problems(extracted)
    assert problems == [], (
        "Strings without a German translation (run `make messages`, then translate "
        f"quartier/locale/de/LC_MESSAGES/django.po): {problems[:20]}"
    )


def test_every_override_of_a_third_party_string_still_matches_one():
    """locale_overrides re-words allauth's German ("Sie", not "du"); an allauth upgrade
    that changes a msgid would silently bring the old wording back."""
    import allauth

    overrides = PACKAGE / "locale_overrides" / "de" / "LC_MESSAGES" / "django.po"
    theirs = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES"
    ours = polib.pofile(str(overrides))
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(theirs / "django.po"))}

    assert len(ours) > 50
    assert _problems(ours) == []
    assert [e.msgid for e in ours if (e.msgctxt, e.msgid) not in known] == []


def test_the_german_texts_address_people_formally():
    informal = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)
    found = [
        entry.msgstr
        for path in (CATALOGUE, PACKAGE / "locale_overrides/de/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(path))
        if informal.search(entry.msgstr)
    ]
    assert found == []


def test_the_login_page_speaks_formal_german(client):
    # The root conftest compiles the catalogues before the session starts.
    text = client.get("/accounts/login/").content.decode()

    assert "Zum Inhalt springen" in text
    assert "Sie haben noch kein Konto?" in text
    assert "Du hast" not in text
