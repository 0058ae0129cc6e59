"""The benchmark of reports: seeding generates and times a report with every
section; the builder's preview (BENCH_PAGES) answers for a coordinator."""

import pytest

from quartier.reports.bench import BENCH_PAGES, seed_bench
from quartier.reports.models import Report
from quartier.reports.tests.world import populate

pytestmark = pytest.mark.django_db


def test_bench_seed_times_a_full_report_and_the_preview_answers(
    municipality, neighborhood, coordinator, client, capsys
):
    populate(municipality, neighborhood)
    seed_bench(municipality, 1)
    report = Report.objects.get()
    assert report.status == "done"
    assert len(report.content) >= 10
    assert "generated in" in capsys.readouterr().out
    client.force_login(coordinator)
    for label, path in BENCH_PAGES:
        response = client.get(path.format(slug=municipality.slug))
        assert response.status_code == 200, label
        assert "Gremien und Beschlüsse" in response.content.decode()
