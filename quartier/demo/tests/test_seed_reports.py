"""The demo's reports: a report to the council, a published annual report and a
funder's Sachbericht, generated once; seeding again leaves their saved content
alone; the public report is readable without an account."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from quartier.core.models import Municipality
from quartier.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_three_saved_reports_one_published_and_seeding_again_keeps_them(
    musterstadt, client
):
    reports = Report.objects.of(musterstadt)
    assert reports.count() == 3
    assert set(reports.values_list("audience", "kind")) == {
        ("council", "report"),
        ("public", "report"),
        ("funder", "sachbericht"),
    }
    assert all(r.status == "done" and r.content for r in reports)
    public = reports.published().get()
    sachbericht = reports.get(kind="sachbericht")
    assert "Bürgerhaus" in sachbericht.texts["changed"]
    assert sachbericht.application.title == "Sommerfest am Hügelweg"
    saved = {r.pk: (r.content, r.data_as_of) for r in reports}

    page = client.get(
        reverse(
            "reports:public_detail",
            kwargs={"municipality_slug": "musterstadt", "pk": public.pk},
        )
    )
    assert page.status_code == 200
    assert "Gremien und Beschlüsse" in page.content.decode()

    call_command("seed_demo", stdout=StringIO())
    assert {r.pk: (r.content, r.data_as_of) for r in reports} == saved
