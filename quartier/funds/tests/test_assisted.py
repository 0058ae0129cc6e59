"""Paper and assisted applications: a coordinator types in an application that
arrived on paper or in a consultation, for a person or group without an account;
it is marked with its channel in the lists and addressed to the contact person in
the letter; the recorder acts for the applicant and so is conflicted with it."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core.models import AuditEntry
from quartier.funds import services
from quartier.funds.models import Application

D = Decimal


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def _paper_form(**extra):
    data = {
        "channel": "paper",
        "received_on": timezone.localdate().isoformat(),
        "contact_name": "Erika Beispiel",
        "contact_address": "Hügelweg 3\n12345 Musterstadt",
        "contact_phone": "0123 456",
        "title": "Nachbarschaftsfrühstück",
        "group_name": "Frühstücksrunde Hügelweg",
        "what": "Einmal im Monat frühstücken wir zusammen.",
        "for_whom": "Ältere Nachbar:innen",
        "health_benefit": "Weniger Einsamkeit",
        "place": "Gemeinschaftsraum",
        "starts_on": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "own_contribution": "0",
        "requested_amount": "300",
        "item_0": "Lebensmittel",
        "amount_0": "300",
        "not_started": "on",
        "not_funded_elsewhere": "on",
    }
    data.update(extra)
    return data


@pytest.fixture
def second_coordinator(municipality):
    user = UserFactory(email="zweite@test.example")
    MembershipFactory(user=user, municipality=municipality, role="coordinator")
    return user


@pytest.mark.django_db
class TestPaperApplications:
    def test_a_coordinator_records_a_paper_application(
        self, client_for, coordinator, call
    ):
        response = client_for(coordinator).post(
            url("funds:record", call.municipality, pk=call.pk), _paper_form()
        )
        assert response.status_code == 302
        application = Application.objects.get()
        assert application.status == "submitted"
        assert application.channel == "paper"
        assert application.applicant == coordinator
        assert application.contact_name == "Erika Beispiel"
        assert application.addressee == "Erika Beispiel"
        assert AuditEntry.objects.filter(action="funds.record_application").exists()

    def test_missing_answers_come_back_next_to_the_fields_in_german(
        self, client_for, coordinator, call
    ):
        response = client_for(coordinator).post(
            url("funds:record", call.municipality, pk=call.pk),
            _paper_form(contact_name="", not_started="", what=""),
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "contact_name" in errors
        assert not Application.objects.exists()
        response = client_for(coordinator).post(
            url("funds:record", call.municipality, pk=call.pk),
            _paper_form(not_started="", what=""),
        )
        errors = response.context["form"].errors
        assert "noch nicht begonnen" in errors["not_started"][0]
        assert "what" in errors
        assert not Application.objects.exists()

    def test_received_before_the_call_closed_counts(self, coordinator, call):
        type(call).objects.filter(pk=call.pk).update(
            closes_on=timezone.localdate() - datetime.timedelta(days=1)
        )
        call.refresh_from_db()
        data = _paper_form()
        fields = {
            k: v
            for k, v in data.items()
            if k
            in {
                "title",
                "group_name",
                "what",
                "for_whom",
                "health_benefit",
                "place",
            }
        }
        common = {
            "by": coordinator,
            "call": call,
            "channel": "consultation",
            "contact_name": "Erika Beispiel",
            "starts_on": timezone.localdate() + datetime.timedelta(days=20),
            "requested_amount": D("300"),
            "cost_lines": [("Essen", "300")],
            "not_started": True,
            "not_funded_elsewhere": True,
            **fields,
        }
        application = services.application_record(
            received_on=timezone.localdate() - datetime.timedelta(days=2), **common
        )
        assert application.status == "submitted"
        assert timezone.localdate(application.submitted_at) == (
            timezone.localdate() - datetime.timedelta(days=2)
        )
        with pytest.raises(ValidationError) as exc:
            services.application_record(received_on=timezone.localdate(), **common)
        assert "received_on" in exc.value.error_dict

    def test_residents_cannot_record_for_others(self, resident, call):
        with pytest.raises(PermissionDenied):
            services.application_record(
                by=resident,
                call=call,
                channel="paper",
                contact_name="Erika",
                title="X",
            )

    def test_the_recorder_acts_for_the_applicant_and_another_person_decides(
        self, client_for, coordinator, second_coordinator, call
    ):
        client_for(coordinator).post(
            url("funds:record", call.municipality, pk=call.pk), _paper_form()
        )
        application = Application.objects.get()
        with pytest.raises(PermissionDenied):
            services.application_precheck(
                by=coordinator, application=application, complete=True
            )
        services.application_precheck(
            by=second_coordinator, application=application, complete=True
        )
        services.grant_decide(
            by=second_coordinator,
            application=application,
            approve=True,
            how="solo",
            amount=D("300"),
            rationale="Gut für die Nachbarschaft.",
        )
        application.refresh_from_db()
        assert application.status == "approved"

    def test_lists_and_the_letter_show_the_channel_and_the_addressee(
        self, client_for, coordinator, second_coordinator, call
    ):
        client_for(coordinator).post(
            url("funds:record", call.municipality, pk=call.pk), _paper_form()
        )
        application = Application.objects.get()
        html = (
            client_for(second_coordinator)
            .get(url("funds:applications", call.municipality, slug=call.fund.slug))
            .content.decode()
        )
        assert "auf Papier" in html
        services.application_precheck(
            by=second_coordinator, application=application, complete=True
        )
        services.grant_decide(
            by=second_coordinator,
            application=application,
            approve=True,
            how="solo",
            amount=D("300"),
            rationale="Gut.",
        )
        from pypdf import PdfReader

        content = (
            client_for(coordinator)
            .get(url("funds:letter", call.municipality, pk=application.pk))
            .content
        )
        pages = PdfReader(io.BytesIO(content)).pages
        text = " ".join(" ".join(p.extract_text() for p in pages).split())
        assert "Erika Beispiel" in text
        assert "Hügelweg 3" in text
        assert "eingegangen auf Papier" in text

    def test_the_call_page_offers_it_to_the_coordination_only(
        self, client_for, coordinator, resident, call
    ):
        link = url("funds:record", call.municipality, pk=call.pk)
        assert (
            link
            in client_for(coordinator).get(call.get_absolute_url()).content.decode()
        )
        assert (
            link
            not in client_for(resident).get(call.get_absolute_url()).content.decode()
        )
