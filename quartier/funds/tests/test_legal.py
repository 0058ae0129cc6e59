"""Funds, legally right (issue 12): the jury recommends and the municipality
decides; the fund's guideline; the decision letter as a tagged PDF; the
declarations of an application and the early start; calls inside the budget year.
Receipts are in test_receipts.py, paper applications in test_assisted.py."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core.tests.test_pdf import assert_tagged
from quartier.funds import services
from quartier.funds.models import Call, Fund
from quartier.funds.tests.factories import (
    ApplicationFactory,
    CallFactory,
    JuryMemberFactory,
    VoteFactory,
)

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def _with_recommendation(application, jury, choices):
    for member, choice in zip(jury, choices, strict=False):
        VoteFactory(application=application, member=member, choice=choice)
    return application


# --- The jury recommends, the municipality decides -------------------------------


@pytest.mark.django_db
class TestRecommendationAndDecision:
    def test_a_voting_jury_member_never_decides_even_as_coordinator(
        self, municipality, fund, application, jury
    ):
        user = UserFactory()
        MembershipFactory(user=user, municipality=municipality, role="coordinator")
        JuryMemberFactory(fund=fund, user=user, voting=True)
        _with_recommendation(application, jury, ["yes", "yes", "yes"])
        assert not user.has_perm("funds.decide", application)
        with pytest.raises(PermissionDenied):
            services.grant_decide(
                by=user,
                application=application,
                approve=True,
                how="jury",
                amount=D("500"),
                rationale="Gut.",
            )
        application.refresh_from_db()
        assert application.status == "complete"

    def test_following_the_recommendation_is_recorded_with_the_votes(
        self, coordinator, application, jury
    ):
        _with_recommendation(application, jury, ["yes", "yes", "no"])
        services.grant_decide(
            by=coordinator,
            application=application,
            approve=True,
            how="jury",
            amount=D("500"),
            rationale="Passt zum Fonds.",
        )
        application.refresh_from_db()
        assert application.status == "approved"
        assert application.recommendation == "approve"
        assert application.follows_recommendation is True
        assert application.recommendation_counts.startswith("2 Ja, 1 Nein")
        assert application.decided_by == coordinator

    def test_departing_from_the_recommendation_needs_reasons(
        self, coordinator, application, jury
    ):
        _with_recommendation(application, jury, ["no", "no", "yes"])
        with pytest.raises(ValidationError) as exc:
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="jury",
                amount=D("500"),
                rationale="Gut.",
            )
        assert "deviation_reason" in exc.value.error_dict
        application.refresh_from_db()
        assert application.status == "complete"

        services.grant_decide(
            by=coordinator,
            application=application,
            approve=True,
            how="jury",
            amount=D("500"),
            rationale="Gut.",
            deviation_reason="Das Projekt erreicht Ältere, die sonst allein sind.",
        )
        application.refresh_from_db()
        assert application.status == "approved"
        assert application.recommendation == "reject"
        assert application.follows_recommendation is False
        assert "Ältere" in application.deviation_reason

    def test_without_a_quorum_there_is_no_recommendation_to_decide_on(
        self, coordinator, application, jury
    ):
        _with_recommendation(application, jury, ["yes"])
        with pytest.raises(ValidationError) as exc:
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="jury",
                amount=D("500"),
                rationale="Gut.",
            )
        assert "how" in exc.value.error_dict

    def test_the_decision_page_shows_the_recommendation_and_asks_for_reasons(
        self, client_for, coordinator, application, jury
    ):
        _with_recommendation(application, jury, ["no", "no", "no"])
        page = url("funds:decide", application.municipality, pk=application.pk)
        html = client_for(coordinator).get(page).content.decode()
        assert "Empfehlung des Vergabebeirats" in html
        assert "Der Vergabebeirat empfiehlt die Förderung nicht" in html
        response = client_for(coordinator).post(
            page,
            {
                "outcome": "approve",
                "how": "jury",
                "amount": "500",
                "rationale": "Gut.",
            },
        )
        assert response.status_code == 200
        assert "bitte begründen Sie" in response.content.decode()
        application.refresh_from_db()
        assert application.status == "complete"

    def test_the_application_page_names_who_decided_and_the_recommendation(
        self, client_for, coordinator, resident, application, jury
    ):
        _with_recommendation(application, jury, ["yes", "yes", "yes"])
        services.grant_decide(
            by=coordinator,
            application=application,
            approve=False,
            how="jury",
            rationale="Das Budget ist erschöpft.",
            deviation_reason="Kein Geld mehr für dieses Jahr.",
        )
        html = client_for(resident).get(application.get_absolute_url()).content
        html = html.decode()
        assert "Der Vergabebeirat hat empfohlen: bewilligen" in html
        assert "Die Entscheidung weicht von der Empfehlung ab" in html
        assert coordinator.public_name in html


# --- Fund guideline ---------------------------------------------------------------


def _fund_form(fund, **extra):
    data = {
        "name": fund.name,
        "slug": fund.slug,
        "year": fund.year,
        "status": fund.status,
        "budget": "15000",
        "max_per_project": "1500",
        "solo_limit": "300",
        "quorum": "3",
        "majority_rule": "simple",
        "rules": "",
        "contact_email": "",
        "guideline_text": "",
        "proof_retention_years": "10",
        "remedy_notice": "",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
class TestGuideline:
    def test_a_pdf_guideline_is_stored_and_linked_on_the_fund_page(
        self, client_for, admin_user, fund
    ):
        upload = SimpleUploadedFile("richtlinie.pdf", PDF, "application/pdf")
        response = client_for(admin_user).post(
            url("funds:fund_edit", fund.municipality, slug=fund.slug),
            _fund_form(fund, guideline_file=upload, proof_retention_years="6"),
        )
        assert response.status_code == 302
        fund.refresh_from_db()
        assert fund.guideline_file.name.endswith(".pdf")
        assert "richtlinie" not in fund.guideline_file.name  # a random name
        assert fund.guideline_file.read().startswith(b"%PDF-")
        assert fund.proof_retention_years == 6
        html = client_for(None).get(fund.get_absolute_url()).content.decode()
        assert "Förderrichtlinie (PDF)" in html
        assert fund.guideline_file.url in html

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"<html>keine Richtlinie</html>", "Diese Datei ist kein PDF-Dokument."),
            (PDF + b"0" * (10 * 1024 * 1024), "größer als 10 MB"),
        ],
    )
    def test_anything_but_a_small_pdf_is_refused_next_to_the_field(
        self, client_for, admin_user, fund, content, message
    ):
        upload = SimpleUploadedFile("richtlinie.pdf", content, "application/pdf")
        response = client_for(admin_user).post(
            url("funds:fund_edit", fund.municipality, slug=fund.slug),
            _fund_form(fund, guideline_file=upload),
        )
        assert response.status_code == 200
        assert message in response.context["form"].errors["guideline_file"][0]
        fund.refresh_from_db()
        assert not fund.guideline_file

    def test_the_service_refuses_a_forged_file_too(self, admin_user, fund):
        upload = SimpleUploadedFile("x.pdf", b"GIF89a", "application/pdf")
        with pytest.raises(ValidationError) as exc:
            services.fund_save(
                by=admin_user,
                municipality=fund.municipality,
                fund=fund,
                guideline_file=upload,
            )
        assert "guideline_file" in exc.value.error_dict

    def test_a_written_guideline_is_sanitised_and_shown(
        self, client_for, admin_user, fund
    ):
        services.fund_save(
            by=admin_user,
            municipality=fund.municipality,
            fund=fund,
            guideline_text="<h2>§ 1 Zweck</h2><p>Begegnung.</p><script>x()</script>",
        )
        fund.refresh_from_db()
        assert "<script>" not in fund.guideline_text
        html = client_for(None).get(fund.get_absolute_url()).content.decode()
        assert "§ 1 Zweck" in html
        assert "10 Jahre aufbewahrt" in html

    def test_the_remedy_notice_template_is_offered_with_marked_fields(
        self, client_for, admin_user, fund
    ):
        html = client_for(admin_user).get(
            url("funds:fund_edit", fund.municipality, slug=fund.slug)
        )
        assert "Rechtsbehelfsbelehrung" in html.content.decode()
        assert "[Name und Postanschrift der Behörde]" in html.content.decode()


# --- The decision letter ------------------------------------------------------------


def _text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
class TestDecisionLetter:
    def _approved(self, coordinator, application, jury):
        _with_recommendation(application, jury, ["yes", "yes", "yes"])
        return services.grant_decide(
            by=coordinator,
            application=application,
            approve=True,
            how="jury",
            amount=D("500"),
            rationale="Passt zum Fonds.",
            conditions="Bitte nennen Sie den Fonds auf dem Plakat.",
        )

    def test_the_approval_letter_is_tagged_and_carries_the_legal_parts(
        self, client_for, coordinator, resident, application, jury
    ):
        self._approved(coordinator, application, jury)
        application.refresh_from_db()
        response = client_for(resident).get(
            url("funds:letter", application.municipality, pk=application.pk)
        )
        assert response["Content-Type"] == "application/pdf"
        elements = assert_tagged(response.content, lang="de")
        tags = [tag for tag, _alt in elements]
        assert tags.count("/H2") >= 6  # rationale, purpose, payout, reservation, …
        assert "/Table" in tags
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(response.content))
        assert reader.metadata.title.startswith("Bewilligungsbescheid")
        text = _text(response.content)
        for part in (
            "Zweckbindung",
            "Verwendungsnachweis",
            "Widerrufs- und Rückforderungsvorbehalt",
            "Rechtsgrundlage",
            "Förderrichtlinie",
            "Rechtsbehelfsbelehrung",
            "[Name und Postanschrift der Behörde]",
            "noch nicht ausgefüllt",
            application.report_due_on.strftime("%d.%m.%Y"),
            "Der Vergabebeirat des Fonds hat empfohlen",
        ):
            assert part in text, part

    def test_the_municipalitys_own_notice_replaces_the_template(
        self, client_for, coordinator, resident, application, jury, fund
    ):
        Fund.objects.filter(pk=fund.pk).update(
            remedy_notice="Gegen diesen Bescheid ist der Widerspruch zulässig."
        )
        self._approved(coordinator, application, jury)
        text = _text(
            client_for(resident)
            .get(url("funds:letter", application.municipality, pk=application.pk))
            .content
        )
        assert "Gegen diesen Bescheid ist der Widerspruch zulässig." in text
        assert "noch nicht ausgefüllt" not in text

    def test_a_rejection_letter_has_no_grant_terms_but_the_remedies(
        self, client_for, coordinator, resident, application, jury
    ):
        _with_recommendation(application, jury, ["no", "no", "no"])
        services.grant_decide(
            by=coordinator,
            application=application,
            approve=False,
            how="jury",
            rationale="Kein Bezug zum Quartier.",
        )
        content = (
            client_for(resident)
            .get(url("funds:letter", application.municipality, pk=application.pk))
            .content
        )
        assert_tagged(content)
        text = _text(content)
        assert "Rechtsbehelfsbelehrung" in text
        assert "Zweckbindung" not in text


# --- Declarations and the early start ----------------------------------------------


@pytest.mark.django_db
class TestDeclarations:
    def _draft(self, resident, call, **extra):
        data = {
            "title": "Sommerfest",
            "group_name": "Nachbarschaftstreff",
            "what": "Ein Fest.",
            "for_whom": "Nachbarn",
            "health_benefit": "Begegnung",
            "place": "Wiese",
            "starts_on": timezone.localdate() + datetime.timedelta(days=30),
            "requested_amount": D("400"),
            "cost_lines": [("Essen", "500")],
        }
        data.update(extra)
        return services.application_save(by=resident, call=call, **data)

    def test_submitting_needs_both_declarations(self, resident, call):
        application = self._draft(resident, call)
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        assert {"not_started", "not_funded_elsewhere"} <= set(exc.value.error_dict)
        application.refresh_from_db()
        assert application.status == "draft"

    def test_an_early_start_request_needs_a_reason(self, resident, call):
        application = self._draft(
            resident, call, early_start_requested=True, not_funded_elsewhere=True
        )
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        assert set(exc.value.error_dict) == {"early_start_reason"}

    def test_other_funding_listed_instead_of_the_declaration_is_fine(
        self, resident, call
    ):
        application = self._draft(
            resident,
            call,
            not_started=True,
            other_funding="Stiftung Beispiel: 200 € beantragt",
        )
        services.application_submit(by=resident, application=application)
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_ticking_no_other_funding_and_listing_some_contradicts(
        self, resident, call
    ):
        application = self._draft(
            resident,
            call,
            not_started=True,
            not_funded_elsewhere=True,
            other_funding="Stiftung",
        )
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        assert set(exc.value.error_dict) == {"other_funding"}

    def test_the_form_shows_the_declarations_unticked(self, client_for, resident, call):
        html = (
            client_for(resident)
            .get(url("funds:apply", call.municipality, pk=call.pk))
            .content.decode()
        )
        assert "Das Vorhaben hat noch nicht begonnen." in html
        assert "nicht zusätzlich aus anderen Mitteln" in html
        for name in ("not_started", "early_start_requested", "not_funded_elsewhere"):
            tag = html.split(f'name="{name}"')[1].split(">")[0]
            assert "checked" not in tag

    def test_the_decider_allows_an_early_start_once(
        self, client_for, coordinator, call, resident
    ):
        application = ApplicationFactory(
            call=call,
            applicant=resident,
            early_start_requested=True,
            early_start_reason="Das Fest ist am 1. Juni.",
        )
        page = application.get_absolute_url()
        html = client_for(coordinator).get(page).content.decode()
        assert "Über den vorzeitigen Maßnahmebeginn entscheiden" in html
        response = client_for(coordinator).post(
            url("funds:early_start", call.municipality, pk=application.pk),
            {"outcome": "grant"},
        )
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.early_start == "granted"
        assert application.early_start_decided_at is not None
        with pytest.raises(ValidationError):
            services.early_start_decide(
                by=coordinator, application=application, grant=False
            )
        html = client_for(resident).get(page).content.decode()
        assert "vorzeitiger Maßnahmebeginn zugelassen" in html

    def test_the_applicant_cannot_allow_their_own_early_start(self, resident, call):
        application = ApplicationFactory(
            call=call,
            applicant=resident,
            early_start_requested=True,
            early_start_reason="Eilt.",
        )
        with pytest.raises(PermissionDenied):
            services.early_start_decide(
                by=resident, application=application, grant=True
            )


# --- Calls inside the budget year --------------------------------------------------


@pytest.mark.django_db
class TestCallsInTheBudgetYear:
    def test_the_form_says_so_next_to_the_date(self, client_for, coordinator, fund):
        response = client_for(coordinator).post(
            url("funds:call_new", fund.municipality, slug=fund.slug),
            {
                "title": "Aufruf",
                "opens_on": f"{fund.year}-11-01",
                "closes_on": f"{fund.year + 1}-01-31",
                "max_amount": "1000",
            },
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "Haushaltsjahr" in errors["closes_on"][0]
        assert "opens_on" not in errors
        assert not Call.objects.filter(title="Aufruf").exists()

    def test_the_service_refuses_a_call_before_the_year(self, coordinator, fund):
        with pytest.raises(ValidationError) as exc:
            services.call_save(
                by=coordinator,
                fund=fund,
                title="Aufruf",
                opens_on=datetime.date(fund.year - 1, 12, 1),
                closes_on=datetime.date(fund.year, 1, 31),
                max_amount=D("1000"),
            )
        assert set(exc.value.error_dict) == {"opens_on"}

    def test_a_call_inside_the_year_is_saved(self, coordinator, fund):
        call = services.call_save(
            by=coordinator,
            fund=fund,
            title="Aufruf",
            opens_on=datetime.date(fund.year, 3, 1),
            closes_on=datetime.date(fund.year, 12, 31),
            max_amount=D("1000"),
        )
        assert call.pk

    def test_changing_the_funds_year_leaves_no_call_outside_unnoticed(
        self, coordinator, fund
    ):
        call = CallFactory(
            fund=fund,
            opens_on=datetime.date(fund.year, 3, 1),
            closes_on=datetime.date(fund.year, 4, 1),
        )
        Fund.objects.filter(pk=fund.pk).update(year=fund.year + 1)
        call = Call.objects.get(pk=call.pk)
        with pytest.raises(ValidationError):
            services.call_save(by=coordinator, fund=call.fund, call=call, title="Neu")


@pytest.mark.django_db
def test_early_starts_wait_on_the_deciders_overview_not_the_jurys(
    client_for, municipality, coordinator, call, resident
):
    ApplicationFactory(
        call=call,
        applicant=resident,
        title="Frühstart Hoffest",
        status="complete",  # with the jury: in no pre-check queue
        early_start_requested=True,
        early_start_reason="Eilt.",
    )
    voting = UserFactory()
    MembershipFactory(user=voting, municipality=municipality, role="coordinator")
    JuryMemberFactory(fund=call.fund, user=voting, voting=True)
    overview = f"/{municipality.slug}/overview/"
    assert "Frühstart Hoffest" in client_for(coordinator).get(overview).content.decode()
    assert "Frühstart Hoffest" not in client_for(voting).get(overview).content.decode()


@pytest.mark.django_db
def test_the_api_tells_the_recommendation_and_the_declarations(
    client_for, coordinator, resident, application, jury
):
    _with_recommendation(application, jury, ["no", "no", "no"])
    services.grant_decide(
        by=coordinator,
        application=application,
        approve=True,
        how="jury",
        amount=D("300"),
        rationale="Gut.",
        deviation_reason="Wichtig für Ältere.",
    )
    body = (
        client_for(resident)
        .get(
            f"/api/v1/municipalities/{application.municipality.slug}"
            f"/fund-applications/{application.pk}"
        )
        .json()
    )
    assert body["channel"] == "online"
    assert body["recommendation"] == "reject"
    assert body["follows_recommendation"] is False
    assert body["deviation_reason"] == "Wichtig für Ältere."
    assert body["not_started"] is True
    assert body["not_funded_elsewhere"] is True
