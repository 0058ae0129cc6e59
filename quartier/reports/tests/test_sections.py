"""The registry of report sections (core/report_sections.py), walked: every
section builds plain JSON content, names no person, and reads the database with
a number of queries that does not grow with the data."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.core import report_sections
from quartier.reports.tests.world import PERSON_NAMES, populate

pytestmark = pytest.mark.django_db

EXPECTED = {
    "forums.decisions",
    "participation.contributions",
    "rooms.bookings",
    "funds.projects",
    "directory.coverage",
    "compass.results",
    "initiatives.phases",
    "impact.indicators",
    "network.measures",
    "stories.published",
    "reflections.adaptations",
}


def period():
    today = timezone.localdate()
    return today - datetime.timedelta(days=365), today


def build_all(municipality, user, hoods=()):
    start, end = period()
    return [
        section.build(municipality, start, end, list(hoods), user).as_dict()
        for section in report_sections.sections()
    ]


def test_every_module_offers_its_section_with_a_label_and_order():
    found = {section.key for section in report_sections.sections()}
    assert found >= EXPECTED
    for section in report_sections.sections():
        assert str(section.label)
        assert section.audiences <= report_sections.ALL_AUDIENCES
        assert section.key in report_sections.defaults_for("council") or (
            section.key not in report_sections.defaults_for("public")
        )


def test_a_section_with_an_unknown_audience_is_refused():
    with pytest.raises(ValueError):
        report_sections.register(
            report_sections.ReportSection(
                key="x.y",
                label="x",
                order=1,
                build=lambda *a: None,
                audiences=frozenset({"press"}),
            )
        )


def test_every_section_reports_the_data_as_plain_json_and_names_no_person(
    municipality, neighborhood, coordinator
):
    populate(municipality, neighborhood)
    for user in (coordinator, AnonymousUser()):
        content = build_all(municipality, user, [neighborhood])
        text = json.dumps(content, ensure_ascii=False)
        for name in PERSON_NAMES:
            assert name not in text
        assert all(part["sources"] for part in content if part["blocks"])
    coordination = {part["key"]: part for part in build_all(municipality, coordinator)}
    assert set(coordination) >= EXPECTED
    figures = {
        item["label"]: item["value"]
        for block in coordination["funds.projects"]["blocks"]
        if block["kind"] == "figures"
        for item in block["items"]
    }
    assert figures["Geförderte Projekte"] == "1"
    assert figures["Bewilligter Betrag"] == "800,00 €"


def test_the_public_never_sees_the_coordinations_sections(municipality, neighborhood):
    populate(municipality, neighborhood)
    public = {part["key"]: part for part in build_all(municipality, AnonymousUser())}
    assert public["reflections.adaptations"]["blocks"] == []
    assert public["network.measures"]["blocks"] == []


def test_the_full_report_reads_the_same_number_of_queries_for_three_times_the_data(
    municipality, neighborhood, coordinator
):
    # Each measurement follows a first build: the user's roles are cached per
    # request (as on a page), whatever the data.
    populate(municipality, neighborhood, times=1)
    build_all(municipality, coordinator, [neighborhood])
    with CaptureQueriesContext(connection) as small:
        build_all(municipality, coordinator, [neighborhood])
    populate(municipality, neighborhood, times=2)
    build_all(municipality, coordinator, [neighborhood])
    with CaptureQueriesContext(connection) as large:
        content = build_all(municipality, coordinator, [neighborhood])
    shapes = [q["sql"][:150] for q in small.captured_queries]
    assert len(large) == len(small), [
        q["sql"][:150] for q in large.captured_queries if q["sql"][:150] not in shapes
    ] + [s for s in shapes if s not in [q["sql"][:150] for q in large.captured_queries]]
    decisions = next(p for p in content if p["key"] == "forums.decisions")
    assert decisions["blocks"][0]["items"][1]["value"] == "9"


def _subqueries(sql):
    """Every `(SELECT …)` in a query, each up to its closing parenthesis."""
    found, start = [], sql.find("(SELECT")
    while start != -1:
        depth = 0
        for end in range(start, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        found.append(sql[start : end + 1])
        start = sql.find("(SELECT", start + 1)
    return found


def test_no_section_reads_a_subquery_over_every_municipality(
    municipality, neighborhood, coordinator
):
    """A subquery without the municipality reads every municipality's rows (the
    participation section's `pk IN (every public contribution)` cost ~0.5 s per
    preview on the bench data, issue 19): each one names the municipality."""
    populate(municipality, neighborhood, times=1)
    build_all(municipality, coordinator, [neighborhood])
    with CaptureQueriesContext(connection) as captured:
        build_all(municipality, coordinator, [neighborhood])
    unscoped = [
        sub
        for query in captured.captured_queries
        for sub in _subqueries(query["sql"])
        if "municipality_id" not in sub
    ]
    assert unscoped == []


def test_the_size_estimate_stops_counting_once_the_report_is_too_large(
    municipality, neighborhood
):
    from quartier.reports.generation import estimate_rows

    populate(municipality, neighborhood, times=1)
    start, end = period()
    keys = [section.key for section in report_sections.sections()]
    with CaptureQueriesContext(connection) as every:
        total = estimate_rows(municipality, start, end, keys)
    with CaptureQueriesContext(connection) as first:
        assert estimate_rows(municipality, start, end, keys, stop_above=0) > 0
    assert total > 0
    assert len(first) == 1 < len(every)
