"""The translated legal page templates keep the German structure and fields."""

from __future__ import annotations

import importlib
import re

import pytest

from quartier.legal import defaults

LANGUAGES = ("en", "tr", "ar", "uk", "ru")
NAMES = ("NOTE", "IMPRINT", "PRIVACY", "ACCESSIBILITY")
TAG = re.compile(r"<(/?)(\w+)")
# Innermost bracketed or parenthesised text; removed repeatedly for nesting.
ENCLOSED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
GERMAN_WORDS = (" und ", " der ", " die ", " Sie ")


def translation(language):
    return importlib.import_module(f"quartier.legal.default_texts.{language}")


def tags(html):
    return TAG.findall(html)


def outside_brackets(text):
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, ENCLOSED.sub(" ", text)
    return " ".join(text.split())


def german_words(text):
    rest = f" {outside_brackets(text)} "
    return [word for word in GERMAN_WORDS if word in rest]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_language_defines_exactly_the_four_templates(language):
    module = translation(language)
    public = {name for name in vars(module) if name.isupper()}
    assert public == set(NAMES)
    assert module.__doc__


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_the_german_tags_and_fields(language, name):
    text = getattr(translation(language), name)
    german = getattr(defaults, name)
    assert text.strip()
    assert tags(text) == tags(german)
    assert text.count("[") == german.count("[")
    assert text.count("]") == german.count("]")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_german_sentence_is_left_untranslated(language, name):
    assert german_words(getattr(translation(language), name)) == []


def test_the_heuristic_finds_the_german_text():
    assert german_words(defaults.PRIVACY)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_note_says_the_german_version_is_binding(language):
    note = translation(language).NOTE
    assert note != defaults.NOTE
    assert len(note) > len(defaults.NOTE)
