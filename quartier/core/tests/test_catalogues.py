"""Every interface language is complete and speaks with one voice.

- Each catalogue under quartier/locale (all but English, whose msgids are the English
  text) translates every entry of the German catalogue, with no fuzzy entry and with
  every plural form filled; the languages on disk are the languages offered.
- Terminology (docs/languages.md): each language keeps `terms.json`, the platform's
  words with the stem every translation of the word contains. Wherever an English
  msgid uses one of the terms as a word (singular or plural), every form of the
  translation contains the stem (or one of `stems`, for plurals that change the
  word inside), unless the entry is listed as another sense of the
  word (`except`). Placeholders and HTML are not words.

test_translations.py checks that the German catalogue covers every marked string,
so these tests make every language cover them too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(__file__).resolve().parents[2] / "locale"
TRANSLATED = sorted(
    p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / "django.po").exists()
)
OTHERS = [code for code in TRANSLATED if code not in ("de", "en")]
NOT_WORDS = re.compile(r"%\([^)]*\)[a-z]|%[sd]|\{[^}]*\}|<[^>]+>")


def _catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def _forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_the_languages_on_disk_are_the_languages_offered():
    assert {code for code, _name in settings.LANGUAGES} == set(TRANSLATED)
    assert len(OTHERS) >= 4


@pytest.mark.parametrize("code", OTHERS)
def test_every_german_entry_is_translated(code):
    german = {(e.msgctxt, e.msgid) for e in _catalogue("de") if not e.obsolete}
    entries = {(e.msgctxt, e.msgid): e for e in _catalogue(code) if not e.obsolete}
    missing = sorted(m for _c, m in german - set(entries))
    assert missing == [], f"{code}: {len(missing)} entries missing: {missing[:10]}"
    problems = [
        key[1]
        for key, e in entries.items()
        if key in german and ("fuzzy" in e.flags or not all(_forms(e)))
    ]
    assert problems == [], f"{code}: untranslated or fuzzy: {problems[:10]}"


@pytest.mark.parametrize("code", OTHERS)
def test_every_plural_has_the_forms_of_its_language(code):
    po = _catalogue(code)
    wanted = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"])[1])
    wrong = [e.msgid for e in po if e.msgid_plural and len(e.msgstr_plural) != wanted]
    assert wrong == []


def _terminology_problems(terms: list[dict], po: list[polib.POEntry]) -> list[str]:
    problems = []
    for term in terms:
        word = re.compile(rf"\b{re.escape(term['en'])}(s|es)?\b", re.IGNORECASE)
        # Languages whose plurals change the word inside (Arabic's broken plurals)
        # list every stem in `stems`; one of them must be there.
        stems = [s.casefold() for s in term.get("stems", [term["stem"]])]
        excepted = set(term.get("except", []))
        for entry in po:
            if entry.msgid in excepted:
                continue
            english = NOT_WORDS.sub(" ", f"{entry.msgid} {entry.msgid_plural or ''}")
            if not word.search(english):
                continue
            for form in _forms(entry):
                if form and not any(s in form.casefold() for s in stems):
                    problems.append(f"{term['en']} → {term['stem']}: {entry.msgid!r}")
                    break
    return problems


@pytest.mark.parametrize("code", OTHERS)
def test_the_platform_words_are_translated_the_same_way(code):
    terms = json.loads((LOCALE / code / "terms.json").read_text(encoding="utf-8"))
    assert len(terms) >= 25, "terms.json lists the platform's words (docs/languages.md)"
    po = [e for e in _catalogue(code) if not e.obsolete]
    problems = _terminology_problems(terms, po)
    assert problems == [], f"{code}: {len(problems)} entries: " + "\n".join(
        problems[:15]
    )


def test_the_terminology_check_can_fail():
    """The check itself: a translation without the stem is caught, a listed other
    sense and a placeholder named like the word are not."""
    terms = [{"en": "room", "stem": "raum", "except": ["Room for improvement"]}]
    entries = [
        polib.POEntry(msgid="Book a room", msgstr="Reservieren Sie etwas"),
        polib.POEntry(msgid="Room for improvement", msgstr="Luft nach oben"),
        polib.POEntry(msgid="Booked: %(room)s", msgstr="Gebucht: %(room)s"),
        polib.POEntry(msgid="Rooms", msgstr="Räume und Raumplan"),
    ]
    assert _terminology_problems(terms, entries) == ["room → raum: 'Book a room'"]
