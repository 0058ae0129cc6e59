"""The term linker: marks glossary terms in the text of public pages.

Pattern (docs/glossary.md): the first occurrence of each term in a text becomes
`<a class="kern-link q-term" href="<term page>"><dfn>word as written</dfn></a>`, so
the word keeps its case, is announced as a link to its definition, and stays
readable without styles.

The HTML is tokenised with the standard library's `html.parser`, never matched with
regular expressions: only text nodes are searched, and never inside links, headings,
`dfn`/`abbr`, code or raw-text elements. The output is rebuilt from the tokens with
every text and attribute value escaped, unclosed elements are closed and stray end
tags dropped, so the result is well-formed and no safer or less safe than its input
(which must be safe already: plain strings are escaped first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from quartier.core.kept import Kept

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Text inside these is left as it is.
NO_LINK = {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dfn",
    "abbr",
    "code",
    "pre",
    "script",
    "style",
    "textarea",
    "button",
    "label",
    "option",
    "select",
    "title",
}
RAW_TEXT = {"script", "style"}
_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of _LINKED
class Linker:
    """The compiled terms of one municipality: one pattern, the URL per term (by its
    lower-case spelling)."""

    pattern: re.Pattern[str] | None
    urls: dict[str, str]
    # By the first word of a term (lower case): (term in lower case, its length in
    # the text, url), longest first. None when a term starts with a non-word
    # character: then the pattern finds the terms.
    by_first_word: dict[str, list[tuple[str, int, str]]] | None = None

    def matches(self, data: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, term key, url) of the terms in `data`, left to right, the
        longest where several start at the same place; whole words only."""
        if self.by_first_word is None:
            if self.pattern is None:
                return
            for match in self.pattern.finditer(data):
                key = match.group().lower()
                url = self.urls.get(key)
                if url is not None:
                    yield match.start(), match.end(), key, url
            return
        # Look only at the start of each word: one dictionary lookup per word is
        # far cheaper than letting a pattern of 200 terms try every position.
        end = 0
        for word in _WORD_RUN.finditer(data):
            start = word.start()
            if start < end:
                continue
            for key, length, url in self.by_first_word.get(word.group().lower(), ()):
                stop = start + length
                if data[start:stop].lower() == key and not _WORD_CHAR.match(data, stop):
                    yield start, stop, key, url
                    end = stop
                    break

    def link(self, html: Any) -> SafeString:
        value = conditional_escape(html)
        if self.pattern is None or not value:
            return mark_safe(value)  # noqa: S308 - escaped or already safe
        text = str(value)
        key = (self, text)
        done = _LINKED.get(key)
        if done is None:
            builder = _Builder(self)
            builder.feed(text)
            builder.close()
            done = builder.result()
            if len(text) <= _LINKED_MAX_TEXT:
                _LINKED.put(key, done)
        return mark_safe(done)  # noqa: S308 - rebuilt with escaping


def _trie(words: list[str]) -> str:
    """One regular expression for all `words`, shaped as a prefix tree: at each
    character the engine follows one branch instead of trying every term in turn
    (a flat alternation of 200 terms made a long page ~100 ms slower). Greedy
    optional tails make the longest term win ("Gesundheitsförderung" over
    "Gesundheit"); the word-boundary check after it backtracks to a shorter one."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + render(node[char]) for char in sorted(node) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


def build_linker(terms: list[tuple[str, str]]) -> Linker:
    """`terms`: (term, url) pairs; matched case-insensitively as whole words, the
    longest term first where several could start."""
    urls: dict[str, str] = {}
    for term, url in terms:
        key = term.strip().lower()
        if key:
            urls.setdefault(key, url)
    if not urls:
        return Linker(None, {})
    pattern = re.compile(rf"(?<!\w){_trie(sorted(urls))}(?!\w)", re.IGNORECASE)
    by_first: dict[str, list[tuple[str, int, str]]] | None = {}
    for key, url in urls.items():
        first = _WORD_RUN.match(key)
        if first is None or by_first is None:
            by_first = None  # a term starting with "<", "„" …: the pattern finds it
            continue
        by_first.setdefault(first.group(), []).append((key, len(key), url))
    for candidates in (by_first or {}).values():
        candidates.sort(key=lambda c: -c[1])
    return Linker(pattern, urls, by_first)


# Compiled linkers by (municipality, slug, terms): a glossary's version is its
# terms themselves, so a changed term is a new key and nothing has to be
# invalidated. Bounded, oldest dropped first.
_COMPILED: Kept[Linker] = Kept(64)
# Linked texts by (linker, text): the result depends on nothing else, so a page shown
# again (signed-in people get no page cache) does not parse its texts again.
_LINKED: Kept[str] = Kept(256)
_LINKED_MAX_TEXT = 20_000


def linker_for(municipality: Any) -> Linker:
    """The municipality's linker: one query for its terms per request (kept on the
    municipality object, which the middleware loads anew for every request) and
    one compiled pattern per version of its glossary (kept in the process)."""
    cached = getattr(municipality, "_glossary_linker", None)
    if cached is None:
        from quartier.glossary.models import Term

        rows = tuple(
            Term.objects.filter(municipality=municipality)
            .order_by("pk")
            .values_list("term", "slug")
        )
        key = (municipality.pk, municipality.slug, rows)
        cached = _COMPILED.get_or_make(
            key,
            lambda: build_linker(
                [
                    (
                        term,
                        reverse(
                            "glossary:term",
                            kwargs={
                                "municipality_slug": municipality.slug,
                                "slug": slug,
                            },
                        ),
                    )
                    for term, slug in rows
                ]
            ),
        )
        municipality._glossary_linker = cached
    return cached


class _Builder(HTMLParser):
    def __init__(self, linker: Linker) -> None:
        super().__init__(convert_charrefs=True)
        self.linker = linker
        self.out: list[str] = []
        self.stack: list[str] = []
        self.done: set[str] = set()

    def result(self) -> str:
        self.out.extend(f"</{tag}>" for tag in reversed(self.stack))
        self.stack = []
        return "".join(self.out)

    @staticmethod
    def _tag(tag: str, attrs: list[tuple[str, str | None]], close: str = "") -> str:
        parts = [tag]
        for name, value in attrs:
            if not re.fullmatch(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*", name):
                continue
            parts.append(name if value is None else f'{name}="{escape(value)}"')
        return f"<{' '.join(parts)}{close}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.out.append(self._tag(tag, attrs))
            return
        self.out.append(self._tag(tag, attrs))
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs))
        if tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return  # a stray end tag: dropped
        while self.stack:
            open_tag = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag in RAW_TEXT for tag in self.stack):
            self.out.append(data)
            return
        if any(tag in NO_LINK for tag in self.stack):
            self.out.append(escape(data, quote=False))
            return
        self.out.append(self._linked(data))

    def _linked(self, data: str) -> str:
        pattern = self.linker.pattern
        if pattern is None:
            return escape(data, quote=False)
        parts: list[str] = []
        last = 0
        for start, end, key, target in self.linker.matches(data):
            if key in self.done:
                continue  # linked already (first occurrence only)
            self.done.add(key)
            parts.append(escape(data[last:start], quote=False))
            url = escape(target)
            word = escape(data[start:end], quote=False)
            parts.append(
                f'<a class="kern-link q-term" href="{url}"><dfn>{word}</dfn></a>'
            )
            last = end
        parts.append(escape(data[last:], quote=False))
        return "".join(parts)

    # Comments, declarations and processing instructions are not content: dropped.
    def handle_comment(self, data: str) -> None:
        return

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return
