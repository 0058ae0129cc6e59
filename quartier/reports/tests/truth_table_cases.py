"""Truth-table rows of reports (docs/permissions.md, "Reports"): reports to the
council and to funders for the coordination; published public reports for
everybody."""

from __future__ import annotations

import datetime

from quartier.core.tests.truth_table import Case, S, m

PAGE = S(302, 403, 403, 200, 200, 403)
POST_INVALID = S(403, 403, 403, 400, 400, 403)
OWN = S(404, 404, 404, 200, 200, 404)
OWN_POST = S(404, 404, 404, 302, 302, 404)
EVERYBODY = S(200, 200, 200, 200, 200, 200)


def extend_world(world):
    from django.utils import timezone

    from quartier.reports import generation, services
    from quartier.reports.models import Report

    municipality = world["municipality"]
    council = services.report_create(
        by=world["coordinator"],
        municipality=municipality,
        title="Bericht an den Gemeinderat",
        audience="council",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        section_keys=["forums.decisions", "funds.projects"],
    )
    world["report_council"] = generation.run(council)
    public = services.report_create(
        by=world["coordinator"],
        municipality=municipality,
        title="Jahresbericht",
        audience="public",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        section_keys=["forums.decisions"],
    )
    world["report_public"] = generation.run(public)
    published = Report.objects.create(
        municipality=municipality,
        title="Veröffentlichter Jahresbericht",
        audience="public",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status="done",
        content=[],
        data_as_of=timezone.now(),
        published_at=timezone.now(),
    )
    world["report_published"] = published


def council(w):
    return {**m(w), "pk": w["report_council"].pk}


def public(w):
    return {**m(w), "pk": w["report_public"].pk}


def published(w):
    return {**m(w), "pk": w["report_published"].pk}


NEW_REPORT = {
    "title": "Bericht",
    "audience": "council",
    "period_start": "2026-01-01",
    "period_end": "2026-06-30",
    "sections": ["forums.decisions"],
}

CASES = [
    Case("reports:list", PAGE, kwargs=m),
    Case("reports:new", PAGE, kwargs=m),
    Case(
        "reports:new",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=m,
        data=NEW_REPORT,
    ),
    Case(
        "reports:new",
        POST_INVALID,
        "post",
        kwargs=m,
        data={**NEW_REPORT, "period_end": "2025-01-01"},
        label="invalid",
    ),
    Case("reports:sachbericht", PAGE, kwargs=m),
    Case(
        "reports:sachbericht",
        POST_INVALID,
        "post",
        kwargs=m,
        data={"title": "Sachbericht"},
        label="nothing chosen",
    ),
    Case("reports:detail", OWN, kwargs=council),
    Case("reports:progress", OWN, kwargs=council),
    Case("reports:texts", OWN_POST, "post", kwargs=council, data={"intro": "Vorwort"}),
    Case("reports:regenerate", OWN_POST, "post", kwargs=council),
    Case("reports:publish", OWN_POST, "post", kwargs=public),
    Case(
        "reports:publish",
        S(404, 404, 404, 403, 403, 404),
        "post",
        kwargs=council,
        label="not for the public",
    ),
    Case(
        "reports:unpublish",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=published,
    ),
    Case("reports:pdf", OWN, kwargs=council),
    Case("reports:docx", OWN, kwargs=council),
    Case("reports:public_list", EVERYBODY, kwargs=m),
    Case("reports:public_detail", EVERYBODY, kwargs=published),
    Case(
        "reports:public_detail",
        S(404, 404, 404, 404, 404, 404),
        kwargs=public,
        label="not published",
    ),
    Case("reports:public_pdf", EVERYBODY, kwargs=published),
]
