"""The Leichte-Sprache pages (docs/languages.md, "Leichte Sprache").

Leichte Sprache is German by definition, written to the rules of the Netzwerk
Leichte Sprache; like the legal templates its text lives in the templates, not in
the gettext catalogues (a translation would no longer be Leichte Sprache). Each page
names the page of the platform it explains: that page links here with the
standard wording "Leichte Sprache" (easyread/_link.html), and this page links back.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    slug: str
    title: str  # German, Leichte Sprache
    explains: str  # the URL name of the page it explains (with the municipality)


PAGES = [
    Page("quartier", "Was ist Quartier?", "core:municipality"),
    Page("mitmachen", "So machen Sie mit", "participation:list"),
    Page("raum-buchen", "So buchen Sie einen Raum", "rooms:list"),
    Page("geld-beantragen", "So bekommen Sie Geld für Ihre Idee", "funds:list"),
    Page("impressum", "Impressum: Wer macht diese Internet-Seite?", "legal:imprint"),
    Page("datenschutz", "Datenschutz: Was passiert mit Ihren Daten?", "legal:privacy"),
    Page(
        "barrierefreiheit",
        "Barrierefreiheit: Können alle Menschen die Seite benutzen?",
        "legal:accessibility",
    ),
]
BY_SLUG = {page.slug: page for page in PAGES}
BY_EXPLAINED = {page.explains: page for page in PAGES}
