"""The OParl import against a local council system (tests/council_server.py):
pagination, incremental polls with modified_since, broken objects, a timeout,
and links.next off the host. No test reaches the internet."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quartier.oparl.importer import run_import
from quartier.oparl.models import (
    CouncilAgendaItem,
    CouncilBody,
    CouncilConsultation,
    CouncilMeeting,
    CouncilOrganization,
    CouncilPaper,
    CouncilSource,
    ImportRun,
)
from quartier.oparl.tests.council_server import FakeCouncil

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(settings):
    # The local council system is on 127.0.0.1, which the import refuses by default.
    settings.OPARL_ALLOW_PRIVATE_HOSTS = True
    server = FakeCouncil()
    yield server
    server.close()


@pytest.fixture
def source(municipality, council):
    return CouncilSource.objects.create(
        municipality=municipality, system_url=council.system_url, timeout=5
    )


def _list_requests(council, path):
    return [r for r in council.requests if urlsplit(r).path == path]


def test_the_first_run_lists_everything_page_by_page(source, council):
    lines = []
    run = run_import(source, report=lines.append)

    assert run.status == "done", (run.message, run.failures)
    assert CouncilBody.objects.get().name == "Stadt Musterstadt"
    assert CouncilOrganization.objects.count() == 3
    assert CouncilMeeting.objects.count() == 3
    assert CouncilAgendaItem.objects.count() == 3
    assert CouncilPaper.objects.count() == 5
    assert CouncilConsultation.objects.count() == 5
    assert (run.new_count, run.changed_count, run.failed_count) == (20, 0, 0)
    # Five papers, two a page: three pages, followed through links.next.
    papers = _list_requests(council, "/oparl/body/1/papers")
    assert len(papers) == 3
    assert not any("modified_since" in r for r in council.requests)
    assert {a.split("/")[0] for a in council.agents} == {"Quartier-OParl-Import"}
    paper = CouncilPaper.objects.get(reference="V/2026/001")
    assert paper.paper_type == "Beantwortung einer Anfrage"
    assert paper.date.isoformat() == "2014-04-04"
    consultation = paper.consultations.get()
    assert consultation.meeting_url == council.url("meeting/2")
    assert consultation.role == "Beschlussfassung"
    item = CouncilAgendaItem.objects.get(oparl_id=council.url("agendaitem/2"))
    assert (item.result, item.meeting_url) == ("Beschlossen", council.url("meeting/2"))
    source.refresh_from_db()
    assert source.last_success_at == run.started_at
    assert any("papers, page 3" in line for line in lines)
    run.refresh_from_db()
    assert run.finished_at is not None


def test_the_second_run_asks_only_for_what_changed(source, council):
    first = run_import(source)
    council.touch("papers", 0, name="Vorlage 1 (geändert)")
    council.touch("meetings", 1)
    council.lists["meetings"][1]["agendaItem"][0]["result"] = "Abgelehnt"
    council.lists["papers"].append(council.paper(6, meeting=1))
    council.touch("papers", 5)
    council.requests.clear()

    second = run_import(source)

    assert second.status == "done", second.message
    assert second.modified_since == first.started_at
    for path in (
        "/oparl/body/1/organizations",
        "/oparl/body/1/meetings",
        "/oparl/body/1/papers",
    ):
        first_page = _list_requests(council, path)[0]
        since = parse_qs(urlsplit(first_page).query)["modified_since"][0]
        assert since == first.started_at.isoformat()
    # Only the changed objects came back: the new paper with its consultation;
    # the changed paper, meeting and agenda item.
    assert (second.new_count, second.changed_count) == (2, 3)
    assert CouncilPaper.objects.count() == 6
    assert CouncilPaper.objects.get(reference="V/2026/001").name == (
        "Vorlage 1 (geändert)"
    )
    item = CouncilAgendaItem.objects.get(oparl_id=council.url("agendaitem/2"))
    assert item.result == "Abgelehnt"


def test_a_broken_object_is_reported_and_skipped(source, council):
    council.extra["papers"] = [
        {
            "id": council.url("paper/98"),
            "type": "https://schema.oparl.org/1.1/Paper",
            "date": "kein Datum",
        },
        {
            "id": council.url("meeting/97"),
            "type": "https://schema.oparl.org/1.1/Meeting",
        },
        "nur ein Text",
    ]
    run = run_import(source)

    assert run.status == "partial"
    assert run.failed_count == 3
    urls = [failure["url"] for failure in run.failures]
    assert council.url("paper/98") in urls
    assert council.url("meeting/97") in urls
    reasons = " ".join(failure["reason"] for failure in run.failures)
    assert "date" in reasons and "not Paper" in reasons
    # The good ones are there; the broken ones are not.
    assert CouncilPaper.objects.count() == 5
    assert not CouncilPaper.objects.filter(oparl_id=council.url("paper/98")).exists()
    source.refresh_from_db()
    assert source.last_success_at == run.started_at


def test_a_timeout_ends_the_run_and_keeps_the_previous_data(source, council):
    first = run_import(source)
    council.touch("papers", 0, name="Neuer Titel")
    council.slow.add("/oparl/body/1/papers")
    source.timeout = 0.5
    source.save()

    run = run_import(source)

    assert run.status == "failed"
    assert "0.5" in run.message and "/oparl/body/1/papers" in run.message
    assert CouncilPaper.objects.count() == 5
    assert CouncilPaper.objects.get(reference="V/2026/001").name != "Neuer Titel"
    source.refresh_from_db()
    # The next run asks again for everything since the last successful run.
    assert source.last_success_at == first.started_at
    assert ImportRun.objects.count() == 2


def test_a_next_page_off_the_host_is_not_followed(source, council):
    council.next_elsewhere["papers"] = "http://elsewhere.example/oparl/papers?page=2"
    run = run_import(source)
    assert run.status == "failed"
    assert "elsewhere.example" in run.message
    assert not any("elsewhere" in r for r in council.requests)


def test_a_redirect_is_not_followed_and_an_http_error_ends_the_run(source, council):
    council.redirects["/oparl/system"] = "http://elsewhere.example/oparl/system"
    run = run_import(source)
    assert run.status == "failed"
    assert "302" in run.message
    assert not any("elsewhere" in r for r in council.requests)
    source.system_url = council.url("nothing-here")
    source.save()
    assert "404" in run_import(source).message


def test_a_system_url_that_is_no_oparl_system_fails_clearly(source, council):
    source.system_url = council.url("body/1/papers")
    source.save()
    run = run_import(source)
    assert run.status == "failed"
    assert "kein OParl-System" in run.message


def test_the_command_reports_progress_and_records_the_run(source, council):
    out = io.StringIO()
    call_command("oparl_import", municipality="musterstadt", stdout=out)
    text = out.getvalue()
    assert "papers, page 1" in text
    assert "20 new, 0 changed, 0 skipped" in text
    assert ImportRun.objects.get().status == "done"


def test_the_command_fails_for_a_failed_run(source, council):
    council.slow.add("/oparl/system")
    source.timeout = 0.5
    source.save()
    with pytest.raises(CommandError):
        call_command("oparl_import", stdout=io.StringIO())
    assert ImportRun.objects.get().status == "failed"


def test_the_settings_page_shows_the_runs_and_their_failures(
    source, council, admin_user, client_for
):
    council.extra["papers"] = ["nur ein Text"]
    run_import(source)
    page = client_for(admin_user).get("/musterstadt/oparl/settings/")
    assert page.status_code == 200
    text = page.content.decode()
    assert council.url("body/1/papers") in text  # the broken object's place
    assert "20" in text


def test_an_address_in_the_internal_network_is_refused(source, council, settings):
    settings.OPARL_ALLOW_PRIVATE_HOSTS = False
    run = run_import(source)
    assert run.status == "failed"
    assert "internes Netz" in run.message
    assert council.requests == []


def test_only_the_latest_reports_are_kept(source, council, monkeypatch):
    from quartier.oparl import importer

    monkeypatch.setattr(importer, "KEEP_RUNS", 2)
    first = run_import(source)
    runs = [run_import(source), run_import(source)]
    assert list(ImportRun.objects.order_by("started_at", "pk")) == runs
    assert not ImportRun.objects.filter(pk=first.pk).exists()
