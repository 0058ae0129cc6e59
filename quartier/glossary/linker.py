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
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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


@dataclass(frozen=True)
class Linker:
    """The compiled terms of one municipality: one pattern, one URL per group."""

    pattern: re.Pattern[str] | None
    urls: tuple[str, ...]

    def link(self, html: Any) -> SafeString:
        value = conditional_escape(html)
        if self.pattern is None or not value:
            return mark_safe(value)  # noqa: S308 - escaped or already safe
        builder = _Builder(self)
        builder.feed(str(value))
        builder.close()
        return mark_safe(builder.result())  # noqa: S308 - rebuilt with escaping


def build_linker(terms: list[tuple[str, str]]) -> Linker:
    """`terms`: (term, url) pairs. Longer terms first, so "Gesundheitsförderung"
    wins over "Gesundheit" where both could start."""
    pairs = sorted(
        ((t.strip(), u) for t, u in terms if t.strip()), key=lambda p: -len(p[0])
    )
    if not pairs:
        return Linker(None, ())
    alternatives = "|".join(f"({re.escape(term)})" for term, _ in pairs)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return Linker(pattern, tuple(url for _, url in pairs))


def linker_for(municipality: Any) -> Linker:
    """The municipality's linker, built once per request: it is kept on the
    municipality object, which the middleware loads anew for every request."""
    cached = getattr(municipality, "_glossary_linker", None)
    if cached is None:
        from quartier.glossary.models import Term

        rows = Term.objects.filter(municipality=municipality).values_list(
            "term", "slug"
        )
        cached = build_linker(
            [
                (
                    term,
                    reverse(
                        "glossary:term",
                        kwargs={"municipality_slug": municipality.slug, "slug": slug},
                    ),
                )
                for term, slug in rows
            ]
        )
        municipality._glossary_linker = cached
    return cached


class _Builder(HTMLParser):
    def __init__(self, linker: Linker) -> None:
        super().__init__(convert_charrefs=True)
        self.linker = linker
        self.out: list[str] = []
        self.stack: list[str] = []
        self.done: set[int] = set()

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
        for match in pattern.finditer(data):
            index = (match.lastindex or 1) - 1
            if index in self.done:
                continue
            self.done.add(index)
            parts.append(escape(data[last : match.start()], quote=False))
            url = escape(self.linker.urls[index])
            word = escape(match.group(), quote=False)
            parts.append(
                f'<a class="kern-link q-term" href="{url}"><dfn>{word}</dfn></a>'
            )
            last = match.end()
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
