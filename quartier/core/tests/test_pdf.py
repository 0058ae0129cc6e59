"""Every PDF is made in core/pdf.py, and every PDF is tagged PDF/UA: language,
headings, tables and alt texts in the structure tree (read back with pypdf)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

PACKAGE = Path(__file__).resolve().parents[2]


def structure(content: bytes) -> tuple[dict, list[tuple[str, str | None]]]:
    """The document catalogue and the (tag, alt text) of every structure element."""
    from pypdf import PdfReader

    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    found: list[tuple[str, str | None]] = []

    def walk(node) -> None:
        node = node.get_object()
        if "/S" in node:
            found.append((str(node["/S"]), node.get("/Alt")))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(root["/StructTreeRoot"])
    return root, found


def assert_tagged(content: bytes, *, lang: str = "de") -> list[tuple[str, str | None]]:
    root, elements = structure(content)
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    metadata = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid" in metadata  # declares PDF/UA-1
    tags = [tag for tag, _alt in elements]
    assert "/H1" in tags
    # Every image is a figure with an alt text.
    assert all(alt for tag, alt in elements if tag == "/Figure")
    return elements


def test_every_pdf_is_made_by_the_one_tagged_renderer():
    makers = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "write_pdf(" in path.read_text()
    ]
    assert makers == ["core/pdf.py"]


def test_every_image_in_a_pdf_template_has_an_alt_text():
    templates = [
        path
        for path in PACKAGE.rglob("templates/**/*.html")
        if 'extends "pdf/base.html"' in path.read_text()
    ]
    assert len(templates) >= 3
    missing = [
        f"{path.relative_to(PACKAGE)}: {tag}"
        for path in templates
        for tag in re.findall(r"<img\b[^>]*>", path.read_text())
        if not re.search(r'\salt="[^"]+', tag)
    ]
    assert missing == []


@pytest.mark.django_db
def test_the_poster_is_tagged_with_its_qr_code_as_a_described_figure(
    client_for, coordinator, neighborhood
):
    response = client_for(coordinator).get(
        reverse(
            "participation:poster_neighborhood",
            kwargs={"municipality_slug": "musterstadt", "slug": neighborhood.slug},
        )
    )

    elements = assert_tagged(response.content)
    assert ("/Figure", "QR-Code") in elements


@pytest.mark.django_db
def test_the_printed_directory_is_tagged_with_its_tables(client_for, municipality):
    from quartier.directory.tests.factories import ServiceFactory

    ServiceFactory(municipality=municipality, name="Spaziergang am Dienstag")
    response = client_for(None).get(
        reverse("directory:print_pdf", kwargs={"municipality_slug": "musterstadt"})
    )
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )

    tags = [tag for tag, _alt in assert_tagged(content)]
    assert "/H2" in tags or "/Table" in tags


@pytest.mark.django_db
def test_an_english_pdf_says_so(client_for, coordinator, neighborhood):
    from quartier.accounts.tests.helpers import english

    response = english(client_for(coordinator)).get(
        reverse(
            "participation:poster_neighborhood",
            kwargs={"municipality_slug": "musterstadt", "slug": neighborhood.slug},
        )
    )

    assert_tagged(response.content, lang="en")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["tr", "ar"])
def test_a_pdf_is_in_the_language_of_the_person_who_downloads_it(
    client_for, coordinator, neighborhood, settings, language
):
    from django.utils import translation
    from pypdf import PdfReader

    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(
        reverse(
            "participation:poster_neighborhood",
            kwargs={"municipality_slug": "musterstadt", "slug": neighborhood.slug},
        )
    )

    assert_tagged(response.content, lang=language)
    with translation.override(language):
        lead = translation.gettext("QR code")
    with translation.override("de"):
        assert translation.gettext("QR code") != lead
    if language == "tr":  # Latin script: the text layer reads back as written
        text = " ".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(response.content)).pages
        )
        with translation.override("tr"):
            title = translation.gettext("Your idea for %(name)s?") % {
                "name": neighborhood.name
            }
        assert " ".join(title.split()) in " ".join(text.split())
    else:  # the figure's alternative text is the Arabic one
        _root, elements = structure(response.content)
        assert lead in [alt for tag, alt in elements if tag == "/Figure"]
