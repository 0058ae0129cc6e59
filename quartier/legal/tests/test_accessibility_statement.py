"""The accessibility statement (§ 10 L-BGG BW / BITV 2.0 pattern): its parts, the
municipality's details, and the generated limitations, which claim only what the
checks of legal/accessibility_facts.py verify in the code."""

from __future__ import annotations

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from quartier.core.charts import bar_chart
from quartier.core.models import AuditEntry
from quartier.legal import accessibility_facts
from quartier.legal.accessibility_facts import FACTS, Fact, verified_facts
from quartier.legal.models import AccessibilitySettings

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def statement(client, municipality=None):
    if municipality is None:
        return client.get(reverse("legal_accessibility"), **DE).content.decode()
    return client.get(
        reverse("legal:accessibility", kwargs={"municipality_slug": municipality.slug}),
        **DE,
    ).content.decode()


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.key)
def test_every_claimed_limitation_and_alternative_holds_in_the_code(fact):
    assert fact.check(fact) == []


def test_every_fact_is_checked_labelled_and_unique():
    keys = [fact.key for fact in FACTS]
    assert len(keys) == len(set(keys))
    for fact in FACTS:
        assert callable(fact.check), fact.key
        for text in (fact.feature, fact.limitation, fact.alternative):
            assert str(text).strip(), fact.key


def test_a_map_without_its_list_breaks_the_claim():
    maps = next(f for f in FACTS if f.key == "maps")
    # A template that uses the map but is not declared, and one whose list is gone.
    undeclared = Fact(**{**maps.__dict__, "uses": {}})
    assert any("declares no alternative" in p for p in undeclared.check(undeclared))
    broken = Fact(
        **{
            **maps.__dict__,
            "uses": {**maps.uses, next(iter(maps.uses)): r"no-such-list-here"},
        }
    )
    assert any("alternative" in p for p in broken.check(broken))


def test_a_pdf_without_its_web_page_breaks_the_claim():
    pdfs = next(f for f in FACTS if f.key == "pdfs")
    uses = dict(pdfs.uses)
    del uses["funds/views/applications.py"]
    undeclared = Fact(**{**pdfs.__dict__, "uses": uses})
    expected = "funds/views/applications.py uses pdf_response( but declares no "
    assert expected + "alternative" in undeclared.check(undeclared)
    uses["funds/views/applications.py"] = "funds:no_such_page"
    wrong = Fact(**{**pdfs.__dict__, "uses": uses})
    assert any("funds:no_such_page does not exist" in p for p in wrong.check(wrong))


def test_a_chart_without_its_table_breaks_the_claim(monkeypatch):
    charts = next(f for f in FACTS if f.key == "charts")
    original = accessibility_facts.templates

    def with_a_bare_chart():
        yield from original()
        yield "x/templates/x/bare.html", "<svg role='img'></svg><p>no table</p>"
        yield (
            "x/templates/x/hidden.html",
            '{% include "includes/bar_chart.html" with chart=c hide_table=True %}',
        )

    monkeypatch.setattr(accessibility_facts, "templates", with_a_bare_chart)
    problems = charts.check(charts)
    assert any("bare.html draws an SVG" in p for p in problems)
    assert any("hidden.html hides a chart's table" in p for p in problems)


def test_an_image_without_alt_breaks_the_claim(monkeypatch):
    images = next(f for f in FACTS if f.key == "images")
    monkeypatch.setattr(
        accessibility_facts,
        "templates",
        lambda: iter([("x/templates/x/a.html", '<img\n src="{{ x.url }}">')]),
    )
    assert images.check(images) == [
        "x/templates/x/a.html: an image without a text alternative"
    ]


def test_the_chart_include_renders_a_table_row_per_bar():
    chart = bar_chart("Beiträge je Quartier", [("Altstadt", 3), ("Sonnenberg", 5)])
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    assert html.count("<svg") == 1
    assert len(re.findall(r"<th scope=\"row\"", html)) == 2


@pytest.mark.django_db
def test_the_statement_has_every_part_of_the_pattern(client, municipality):
    html = statement(client, municipality)
    for part in (
        "Stand der Vereinbarkeit",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "axe-core",
        "360 Pixel",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
        "Landes-Behindertenbeauftragten",
        "Informationen in Leichter Sprache",
        "Deutscher Gebärdensprache",
        "keine Rechtsberatung",
        "Wir antworten innerhalb von 6 Wochen.",
    ):
        assert part in html, part
    assert (
        reverse("legal:feedback", kwargs={"municipality_slug": municipality.slug})
        in html
    )
    # Nothing decided yet: the gaps are marked, the DGS notice says so.
    assert html.count("[Von der Kommune zu ergänzen") == 5
    assert "noch kein Video in Deutscher Gebärdensprache" in html


@pytest.mark.django_db
def test_the_statement_lists_exactly_the_verified_facts(client, municipality):
    html = statement(client, municipality)
    shown = re.findall(r'data-fact="([a-z]+)"', html)
    assert shown == [fact.key for fact in verified_facts()]
    assert "Zu jedem Diagramm gibt es direkt darunter eine Tabelle" in html


@pytest.mark.django_db
def test_the_municipalitys_details_fill_the_gaps(client, municipality):
    AccessibilitySettings.objects.create(
        municipality=municipality,
        conformity="partial",
        reviewed_on=datetime.date(2026, 11, 2),
        known_limitations="Alte Protokolle als Scan (auf Anfrage als Text)",
        contact="Bürgerbüro, Musterstraße 1, 12345 Musterstadt",
        enforcement_body="Schlichtungsstelle BGG beim Land (fiktiv)",
        dgs_video_url="https://video.example/dgs",
        feedback_weeks=4,
    )
    html = statement(client, municipality)
    assert "teilweise vereinbar" in html
    assert "zuletzt am 2. November 2026 überprüft" in html
    assert "Alte Protokolle als Scan" in html
    assert "Bürgerbüro, Musterstraße 1" in html
    assert "Schlichtungsstelle BGG beim Land (fiktiv)" in html
    assert 'href="https://video.example/dgs"' in html
    assert "Wir antworten innerhalb von 4 Wochen." in html
    assert "[Von der Kommune zu ergänzen" not in html


@pytest.mark.django_db
def test_the_operators_statement_sends_feedback_to_the_municipalities(
    client, municipality, other_municipality
):
    html = statement(client)
    for place in (municipality, other_municipality):
        url = reverse("legal:accessibility", kwargs={"municipality_slug": place.slug})
        assert f'href="{url}"' in html


@pytest.mark.django_db
def test_the_admin_sets_the_details_and_bad_input_is_refused_in_german(
    client_for, municipality, admin_user
):
    client = client_for(admin_user)
    url = reverse(
        "legal:accessibility_settings", kwargs={"municipality_slug": municipality.slug}
    )
    page = statement(client, municipality)
    assert f'href="{url}"' in page
    response = client.post(
        url,
        {
            "conformity": "full",
            "feedback_weeks": "13",
            "dgs_video_url": "kein link",
            "contact": "Bürgerbüro",
        },
        **DE,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "kleiner oder gleich 12" in html
    assert "Bitte eine gültige Adresse eingeben." in html
    assert "Bürgerbüro" in html  # what was typed stays
    assert not AccessibilitySettings.objects.exists()

    response = client.post(url, {"conformity": "full", "feedback_weeks": "8"})
    assert response.status_code == 302
    saved = AccessibilitySettings.objects.get(municipality=municipality)
    assert saved.conformity == "full" and saved.feedback_weeks == 8
    assert AuditEntry.objects.filter(
        municipality=municipality, action="legal.change_accessibilitysettings"
    ).exists()
