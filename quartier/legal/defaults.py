"""The built-in templates of the legal pages (German, the language of the law they
serve). Fields to complete are marked „[…]“. They are a starting point, not legal
advice: docs/privacy.md says what a municipality must fill in.

Readers of another interface language see a translation of the template
(legal/default_texts/<language>.py, each saying that the German version is binding);
a municipality writes and saves its pages in German."""

from __future__ import annotations

import importlib

NOTE = (
    "<p><strong>Hinweis: Dies ist eine Vorlage, keine Rechtsberatung.</strong> "
    "Alle Angaben in eckigen Klammern müssen vor der Veröffentlichung ergänzt und "
    "rechtlich geprüft werden.</p>"
)

IMPRINT = """
<h2>Angaben nach § 5 Digitale-Dienste-Gesetz (DDG)</h2>
<p>[Name der Kommune]<br>[Anschrift: Straße, Hausnummer, Postleitzahl, Ort]</p>
<p>Die Kommune ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten durch
[Bürgermeister:in bzw. vertretungsberechtigte Person].</p>
<h3>Kontakt</h3>
<p>Telefon: [Telefonnummer]<br>E-Mail: [E-Mail-Adresse]</p>
<h3>Umsatzsteuer-Identifikationsnummer</h3>
<p>[USt-IdNr., falls vorhanden – sonst diesen Abschnitt löschen]</p>
<h3>Aufsichtsbehörde</h3>
<p>[Zuständige Rechtsaufsichtsbehörde, z. B. Landratsamt oder Regierungspräsidium]</p>
<h3>Verantwortlich für die Inhalte</h3>
<p>[Name, Anschrift der verantwortlichen Stelle oder Person]</p>
<h3>Technischer Betrieb</h3>
<p>[Name und Anschrift des Betreibers der Plattform]</p>
"""

PRIVACY = """
<h2>Verantwortliche Stelle</h2>
<p>[Name der Kommune], [Anschrift], E-Mail: [E-Mail-Adresse], Telefon: [Telefonnummer]</p>
<h2>Datenschutzbeauftragte:r</h2>
<p>[Datenschutzbeauftragte:r: Name oder Funktion, Anschrift, E-Mail-Adresse]</p>
<h2>Zwecke und Rechtsgrundlagen</h2>
<p>Wir verarbeiten personenbezogene Daten nur, soweit es für die jeweilige Funktion nötig
ist. Rechtsgrundlage ist, soweit unten nicht anders genannt, die Erfüllung einer Aufgabe
im öffentlichen Interesse (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit
[Landesdatenschutzgesetz, Paragraf]) oder Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a
DSGVO), die Sie jederzeit für die Zukunft widerrufen können.</p>
<p>Welche Daten jedes Modul zu welchem Zweck und auf welcher Rechtsgrundlage verarbeitet,
wer sie erhält, was davon öffentlich ist und wie lange sie gespeichert werden, steht unten
im Abschnitt „Die Verarbeitungen im Einzelnen“. Er wird aus dem Verzeichnis der
Verarbeitungstätigkeiten der Plattform erzeugt und nennt die aktuell geltenden Fristen.</p>
<h2>Empfänger</h2>
<p>[Technischer Betreiber als Auftragsverarbeiter nach Art. 28 DSGVO]. Die Empfänger je
Verarbeitung stehen unten bei den einzelnen Verarbeitungen. Eine Übermittlung in Staaten
außerhalb der EU findet [nicht] statt.</p>
<h2>Speicherdauer</h2>
<p>Die Fristen je Datenart stehen unten bei den einzelnen Verarbeitungen. Danach werden
die Daten gelöscht oder anonymisiert.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung
(Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und
Widerspruch (Art. 21). Eine Einwilligung können Sie jederzeit widerrufen. Ihre Daten
können Sie in Ihrem Konto unter „Meine Daten“ einsehen und herunterladen.</p>
<h2>Beschwerde bei der Aufsichtsbehörde</h2>
<p>Sie können sich bei der bzw. dem Landesbeauftragten für Datenschutz beschweren:
[Name und Anschrift der Landesbeauftragten für den Datenschutz und die
Informationsfreiheit Ihres Landes].</p>
<p>Stand: [Datum]</p>
"""

# The introduction only: status, limitations, review date, feedback, enforcement
# body, Leichte Sprache and DGS follow from the municipality's details
# (AccessibilitySettings) in legal/accessibility.html.
ACCESSIBILITY = """
<p>[Name der Kommune] ist bemüht, diese Plattform im Einklang mit
[§ 10 L-BGG Baden-Württemberg bzw. dem Behindertengleichstellungsgesetz Ihres Landes]
und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei
zugänglich zu machen. Diese Erklärung gilt für [Adresse der Plattform].</p>
"""

TEMPLATES = {"imprint": IMPRINT, "privacy": PRIVACY, "accessibility": ACCESSIBILITY}


def _translated(language: str) -> object | None:
    if language == "de":
        return None
    try:
        return importlib.import_module(f"quartier.legal.default_texts.{language}")
    except ImportError:
        return None


def template_language(language: str) -> str:
    """The language the template is shown in for a reader of `language`."""
    return language if _translated(language) is not None else "de"


def template_body(kind: str, language: str = "de") -> str:
    """The built-in text of `kind` in `language` (German when there is no
    translation), with the note that it must be completed."""
    texts = _translated(language)
    if texts is not None:
        return str(texts.NOTE) + str(getattr(texts, kind.upper()))
    return NOTE + TEMPLATES[kind]
