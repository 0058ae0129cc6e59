"""The pages and the API of the funds app: the application form, votes hidden from
conflicted jury members, the letter, the CSV export, the public list and the query
counts of the lists."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quartier.funds import services
from quartier.funds.models import Application
from quartier.funds.tests.factories import ApplicationFactory, VoteFactory

D = Decimal


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def _form(**extra):
    data = {
        "title": "Mehrsprachiger Kochabend",
        "group_name": "Kochgruppe Bahnhofsviertel",
        "show_name": "on",
        "what": "Wir kochen zusammen, eine Ernährungsberaterin erklärt.",
        "for_whom": "Familien aus dem Viertel",
        "health_benefit": "Gesunde Ernährung, Begegnung",
        "place": "Familienzentrum, Küche",
        "starts_on": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "own_contribution": "50",
        "requested_amount": "1.250,00",
        "item_0": "Lebensmittel",
        "amount_0": "800",
        "item_3": "Honorar Ernährungsberatung",
        "amount_3": "500,00",
        "not_started": "on",
        "not_funded_elsewhere": "on",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
class TestApplying:
    def test_save_as_draft_then_submit(self, client_for, resident, call):
        client = client_for(resident)
        response = client.post(
            url("funds:apply", call.municipality, pk=call.pk),
            {"title": "Erst mal nur ein Titel", "action": "save"},
        )
        application = Application.objects.get()
        assert response.status_code == 302
        assert application.status == "draft"
        response = client.post(
            url("funds:edit", call.municipality, pk=application.pk),
            _form(action="submit"),
        )
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == "submitted"
        assert application.requested_amount == D("1250")
        assert [line.item for line in application.cost_lines.all()] == [
            "Lebensmittel",
            "Honorar Ernährungsberatung",
        ]
        assert len(mail.outbox) == 2

    def test_an_incomplete_submission_keeps_the_draft_and_says_what_is_missing(
        self, client_for, resident, call
    ):
        client = client_for(resident)
        response = client.post(
            url("funds:apply", call.municipality, pk=call.pk),
            {
                "title": "Halb fertig",
                "item_0": "Stühle",
                "amount_0": "300",
                "action": "submit",
            },
            follow=True,
        )
        application = Application.objects.get()
        assert application.status == "draft"
        assert response.status_code == 200
        assert "Halb fertig" in response.content.decode()
        assert response.context["problems"]

    def test_bad_amounts_are_explained_next_to_the_field(
        self, client_for, resident, call
    ):
        response = client_for(resident).post(
            url("funds:apply", call.municipality, pk=call.pk),
            _form(amount_0="viel", action="save"),
        )
        assert response.status_code == 200
        assert "amount_0" in response.context["form"].errors
        assert not Application.objects.exists()


@pytest.mark.django_db
class TestConflictOfInterest:
    def test_a_conflicted_member_sees_no_votes_and_cannot_vote(
        self, client_for, application, jury
    ):
        VoteFactory(
            application=application,
            member=jury[1],
            choice="no",
            comment="Zu teuer, finde ich.",
        )
        conflicted = jury[0].user
        client = client_for(conflicted)
        page = url("funds:application", application.municipality, pk=application.pk)
        assert "Zu teuer" in client.get(page).content.decode()
        client.post(
            url("funds:conflict", application.municipality, pk=application.pk),
            {"note": "Meine Schwester stellt den Antrag."},
        )
        body = client.get(page).content.decode()
        assert "Zu teuer" not in body
        response = client.post(
            url("funds:vote", application.municipality, pk=application.pk),
            {"vote-choice": "yes"},
        )
        assert response.status_code == 403
        api = client.get(
            f"/api/v1/municipalities/{application.municipality.slug}"
            f"/fund-applications/{application.pk}"
        )
        assert api.status_code == 200
        assert api.json()["votes"] is None
        other = client_for(jury[2].user).get(
            f"/api/v1/municipalities/{application.municipality.slug}"
            f"/fund-applications/{application.pk}"
        )
        assert other.json()["votes"][0]["comment"] == "Zu teuer, finde ich."

    def test_the_decide_page_refuses_a_conflicted_coordinator(
        self, client_for, application, coordinator
    ):
        from quartier.funds.tests.factories import JuryMemberFactory

        JuryMemberFactory(fund=application.call.fund, user=coordinator, voting=False)
        services.conflict_declare(by=coordinator, application=application)
        response = client_for(coordinator).get(
            url("funds:decide", application.municipality, pk=application.pk)
        )
        assert response.status_code == 403


def _decided(call, applicant, coordinator, **extra):
    application = ApplicationFactory(
        call=call,
        applicant=applicant,
        status="complete",
        voting_open=True,
        requested_amount=D("250"),
        **extra,
    )
    services.grant_decide(
        by=coordinator,
        application=application,
        approve=True,
        how="solo",
        amount=D("250"),
        rationale="Ein gutes Projekt für die Nachbarschaft.",
        conditions="Bitte nennen Sie den Fonds auf dem Plakat.",
    )
    return Application.objects.get(pk=application.pk)


@pytest.mark.django_db
def test_the_decision_letter_is_a_pdf(client_for, call, resident, coordinator):
    application = _decided(call, resident, coordinator)
    response = client_for(resident).get(
        url("funds:letter", call.municipality, pk=application.pk)
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_csv_export_for_bookkeeping(client_for, call, resident, coordinator):
    application = _decided(call, resident, coordinator)
    services.payout_record(by=coordinator, application=application, amount=D("100.5"))
    response = client_for(coordinator).get(
        url("funds:csv", call.municipality, slug=call.fund.slug)
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert len(lines) == 2
    row = lines[1].split(";")
    assert row[0] == application.number
    assert row[1] == "Nachbarschaftstreff Hügelweg"
    assert row[5] == "250,00"
    assert row[6] == "100,50"
    assert row[7] == "0,00"


@pytest.mark.django_db
def test_the_public_list_names_no_private_person(client, call, resident, coordinator):
    resident.display_name = "Helga Privat"
    resident.save()
    _decided(
        call, resident, coordinator, group_name="", title="Stühle für den Lauftreff"
    )
    _decided(
        call,
        resident,
        coordinator,
        group_name="Repair-Café Sonnenberg",
        show_name=True,
        title="Repair-Café",
    )
    _decided(
        call,
        resident,
        coordinator,
        group_name="Geheimgruppe",
        show_name=False,
        title="Elterncafé",
    )
    body = client.get(url("funds:funded", call.municipality)).content.decode()
    assert "Stühle für den Lauftreff" in body
    assert "Helga Privat" not in body
    assert "Repair-Café Sonnenberg" in body
    assert "Geheimgruppe" not in body
    assert "250,00" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("funds:funded", None),
        ("funds:applications", "coordinator"),
        ("funds:my_applications", "resident"),
        ("funds:jury", "coordinator"),
        ("funds:list", None),
    ],
)
def test_lists_need_the_same_queries_for_5_and_50_rows(
    django_assert_num_queries, client_for, call, resident, coordinator, name, who
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = {"coordinator": coordinator, "resident": resident, None: None}[who]
    kwargs = {"slug": call.fund.slug} if name == "funds:applications" else {}
    page = url(name, call.municipality, **kwargs)
    counts = []
    for n in (5, 50):
        for i in range(n - (5 if n == 50 else 0)):
            ApplicationFactory(
                call=call,
                applicant=resident,
                status="approved" if i % 2 else "complete",
                approved_amount=D("100") if i % 2 else None,
                decided_at=timezone.now(),
            )
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_api_lists_funds_calls_and_funded_projects(
    client, call, resident, coordinator
):
    _decided(call, resident, coordinator, show_name=True)
    base = f"/api/v1/municipalities/{call.municipality.slug}"
    funds = client.get(f"{base}/funds").json()
    assert funds["items"][0]["slug"] == call.fund.slug
    assert funds["items"][0]["committed"] == "250.00"
    calls = client.get(f"{base}/funds/{call.fund.slug}/calls").json()
    assert calls["items"][0]["id"] == call.pk
    funded = client.get(f"{base}/funded-projects").json()
    assert funded["items"][0]["who"] == "Nachbarschaftstreff Hügelweg"
    assert client.get(f"{base}/fund-applications").json()["count"] == 0


@pytest.mark.django_db
def test_the_api_shows_applications_only_to_applicant_and_coordination(
    client_for, call, resident, partner, coordinator
):
    application = _decided(call, resident, coordinator)
    base = f"/api/v1/municipalities/{call.municipality.slug}/fund-applications"
    assert client_for(resident).get(base).json()["count"] == 1
    assert client_for(coordinator).get(base).json()["count"] == 1
    assert client_for(partner).get(base).json()["count"] == 0
    assert client_for(partner).get(f"{base}/{application.pk}").status_code == 404
    assert client_for(None).get(f"{base}/{application.pk}").status_code == 404


@pytest.mark.django_db
def test_send_fund_reminders_is_idempotent(call, resident, coordinator):
    from django.core.management import call_command

    application = _decided(call, resident, coordinator)
    Application.objects.filter(pk=application.pk).update(
        report_due_on=timezone.localdate()
    )
    mail.outbox.clear()
    call_command("send_fund_reminders")
    call_command("send_fund_reminders")
    assert len(mail.outbox) == 1
