"""The application flow, conflicts of interest, the decision limits and the money."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quartier.funds import services
from quartier.funds.models import Application, Fund, Vote
from quartier.funds.tests.factories import ApplicationFactory, JuryMemberFactory

D = Decimal


def _draft(resident, call, **extra):
    data = {
        "title": "Sommerfest am Hügelweg",
        "group_name": "Nachbarschaftstreff Hügelweg",
        "what": "Ein Fest für alle.",
        "for_whom": "Nachbarn",
        "health_benefit": "Begegnung",
        "place": "Wiese hinter dem Bürgerhaus",
        "starts_on": timezone.localdate() + datetime.timedelta(days=30),
        "own_contribution": D("100"),
        "requested_amount": D("400"),
        "cost_lines": [("Essen", "300"), ("", ""), ("Musik", "200")],
        "not_started": True,
        "not_funded_elsewhere": True,
    }
    data.update(extra)
    return services.application_save(by=resident, call=call, **data)


@pytest.mark.django_db
class TestDraftSubmitQuestionsResubmit:
    def test_a_draft_may_be_partial(self, resident, call):
        application = services.application_save(
            by=resident, call=call, title="Nur ein Titel", cost_lines=[]
        )
        assert application.status == "draft"
        assert application.applicant == resident

    def test_blank_cost_rows_are_ignored(self, resident, call):
        application = _draft(resident, call)
        assert [(line.item, line.amount) for line in application.cost_lines.all()] == [
            ("Essen", D("300")),
            ("Musik", D("200")),
        ]

    def test_a_half_filled_cost_row_is_explained(self, resident, call):
        with pytest.raises(ValidationError) as exc:
            _draft(resident, call, cost_lines=[("Essen", "")])
        assert "cost_lines" in exc.value.error_dict

    def test_submitting_needs_everything(self, resident, call):
        application = services.application_save(
            by=resident, call=call, title="Nur ein Titel", cost_lines=[]
        )
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        assert {"what", "cost_lines", "requested_amount"} <= set(exc.value.error_dict)

    def test_the_request_is_at_most_costs_minus_own_contribution(self, resident, call):
        application = _draft(resident, call, requested_amount=D("450"))
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        message = exc.value.error_dict["requested_amount"][0].messages[0]
        assert "400,00" in message

    def test_the_whole_flow_with_mails_both_ways(self, resident, coordinator, call):
        application = _draft(resident, call)
        services.application_submit(by=resident, application=application)
        assert [m.to for m in mail.outbox] == [
            [resident.email],
            [call.fund.contact_email],
        ]
        services.application_precheck(
            by=coordinator,
            application=application,
            complete=False,
            message="Wie viele Gäste erwarten Sie?",
        )
        application.refresh_from_db()
        assert application.status == "questions"
        assert "Wie viele Gäste" in mail.outbox[-1].body
        assert mail.outbox[-1].to == [resident.email]
        # The applicant edits and resubmits.
        services.application_save(
            by=resident,
            application=application,
            what="Ein Fest für etwa 80 Gäste.",
            cost_lines=[("Essen", "300"), ("Musik", "200")],
        )
        services.application_submit(by=resident, application=application)
        application.refresh_from_db()
        assert application.status == "submitted"
        assert mail.outbox[-1].to == [call.fund.contact_email]
        services.application_precheck(
            by=coordinator, application=application, complete=True
        )
        application.refresh_from_db()
        assert application.status == "complete"
        assert application.voting_open

    def test_questions_need_a_message(self, resident, coordinator, call):
        application = _draft(resident, call)
        services.application_submit(by=resident, application=application)
        with pytest.raises(ValidationError):
            services.application_precheck(
                by=coordinator, application=application, complete=False
            )

    def test_others_cannot_edit_or_precheck(self, resident, partner, call):
        application = _draft(resident, call)
        with pytest.raises(PermissionDenied):
            services.application_save(by=partner, application=application, title="x")
        services.application_submit(by=resident, application=application)
        with pytest.raises(PermissionDenied):
            services.application_precheck(
                by=resident, application=application, complete=True
            )

    def test_a_closed_call_takes_no_applications(self, resident, call):
        call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
        call.save()
        with pytest.raises(ValidationError):
            _draft(resident, call)

    def test_only_for_an_actor_one_acts_for(self, resident, call, municipality):
        from quartier.actors.tests.factories import ActorFactory

        actor = ActorFactory(municipality=municipality)
        with pytest.raises(ValidationError) as exc:
            _draft(resident, call, actor=actor, group_name="")
        assert "actor" in exc.value.error_dict


@pytest.mark.django_db
class TestConflictsOfInterest:
    def test_a_conflicted_member_cannot_vote(self, application, jury):
        member = jury[0]
        services.conflict_declare(
            by=member.user, application=application, note="Ich bin im Verein."
        )
        with pytest.raises(PermissionDenied):
            services.vote_cast(by=member.user, application=application, choice="yes")

    def test_declaring_a_conflict_removes_an_earlier_vote(self, application, jury):
        member = jury[0]
        services.vote_cast(by=member.user, application=application, choice="yes")
        services.conflict_declare(by=member.user, application=application)
        assert not Vote.objects.filter(member=member).exists()

    def test_conflicted_members_do_not_count_for_the_absolute_majority(
        self, application, jury
    ):
        fund = application.call.fund
        fund.majority_rule = "absolute"
        fund.save()
        services.conflict_declare(by=jury[0].user, application=application)
        services.conflict_declare(by=jury[1].user, application=application)
        for member in jury[2:4]:
            services.vote_cast(by=member.user, application=application, choice="yes")
        services.vote_cast(by=jury[4].user, application=application, choice="no")
        result = services.jury_result(application)
        assert result.entitled == 3
        assert result.approved  # 2 of 3

    def test_a_member_without_vote_cannot_vote(self, application, fund, coordinator):
        JuryMemberFactory(
            fund=fund, user=coordinator, role="administration", voting=False
        )
        with pytest.raises(PermissionDenied):
            services.vote_cast(by=coordinator, application=application, choice="yes")

    def test_one_vote_per_member_in_the_database(self, application, jury):
        Vote.objects.create(application=application, member=jury[0], choice="yes")
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(application=application, member=jury[0], choice="no")

    def test_voting_again_changes_the_vote(self, application, jury):
        services.vote_cast(by=jury[0].user, application=application, choice="yes")
        services.vote_cast(by=jury[0].user, application=application, choice="no")
        assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]

    def test_no_votes_before_the_precheck(self, call, resident, jury):
        application = ApplicationFactory(call=call, applicant=resident)
        with pytest.raises(ValidationError):
            services.vote_cast(by=jury[0].user, application=application, choice="yes")


def _jury_yes(application, jury, n=3):
    for member in jury[:n]:
        services.vote_cast(by=member.user, application=application, choice="yes")


@pytest.mark.django_db
class TestDecision:
    def test_the_jury_decision_follows_the_votes(self, application, jury, coordinator):
        _jury_yes(application, jury)
        services.grant_decide(
            by=coordinator,
            application=application,
            approve=True,
            how="jury",
            amount=D("800"),
            rationale="Ein schönes Fest.",
        )
        application.refresh_from_db()
        fund = Fund.objects.get(pk=application.call.fund_id)
        assert application.status == "approved"
        assert fund.committed == D("800")
        assert application.report_due_on == application.starts_on + datetime.timedelta(
            weeks=8
        )
        assert "800,00" in mail.outbox[-1].body

    def test_the_jury_result_cannot_be_overruled(self, application, jury, coordinator):
        for member in jury[:3]:
            services.vote_cast(by=member.user, application=application, choice="no")
        with pytest.raises(ValidationError):
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="jury",
                amount=D("800"),
                rationale="Trotzdem.",
            )

    def test_without_quorum_the_jury_cannot_decide(
        self, application, jury, coordinator
    ):
        _jury_yes(application, jury, n=2)
        with pytest.raises(ValidationError):
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="jury",
                amount=D("800"),
                rationale="x",
            )

    def test_never_more_than_requested(self, application, jury, coordinator):
        _jury_yes(application, jury)
        with pytest.raises(ValidationError) as exc:
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="jury",
                amount=D("900.01"),
                rationale="x",
            )
        assert "amount" in exc.value.error_dict

    def test_never_more_than_is_left(self, application, jury, coordinator):
        Fund.objects.filter(pk=application.call.fund_id).update(committed=D("14500"))
        _jury_yes(application, jury)
        with pytest.raises(ValidationError) as exc:
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="jury",
                amount=D("600"),
                rationale="x",
            )
        assert "500,00" in exc.value.error_dict["amount"][0].messages[0]

    def test_alone_only_up_to_the_solo_limit(self, application, coordinator):
        with pytest.raises(ValidationError):
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=True,
                how="solo",
                amount=D("300"),
                rationale="x",
            )
        Application.objects.filter(pk=application.pk).update(requested_amount=D("250"))
        application.refresh_from_db()
        services.grant_decide(
            by=coordinator,
            application=application,
            approve=True,
            how="solo",
            amount=D("250"),
            rationale="Klein und gut.",
        )
        application.refresh_from_db()
        assert application.decided_how == "solo"

    def test_a_conflicted_coordinator_cannot_decide(
        self, application, fund, coordinator
    ):
        JuryMemberFactory(fund=fund, user=coordinator, voting=False)
        services.conflict_declare(by=coordinator, application=application)
        with pytest.raises(PermissionDenied):
            services.grant_decide(
                by=coordinator,
                application=application,
                approve=False,
                how="jury",
                rationale="x",
            )

    def test_the_database_refuses_an_overspent_fund(self, fund):
        with pytest.raises(IntegrityError), transaction.atomic():
            Fund.objects.filter(pk=fund.pk).update(committed=fund.budget + 1)


def _approved(application, coordinator, amount="250"):
    Application.objects.filter(pk=application.pk).update(requested_amount=D(amount))
    application.refresh_from_db()
    return services.grant_decide(
        by=coordinator,
        application=application,
        approve=True,
        how="solo",
        amount=D(amount),
        rationale="Gut.",
    )


@pytest.mark.django_db
class TestMoney:
    def test_payouts_never_above_the_grant(self, application, coordinator):
        _approved(application, coordinator)
        services.payout_record(by=coordinator, application=application, amount=D("200"))
        with pytest.raises(ValidationError) as exc:
            services.payout_record(
                by=coordinator, application=application, amount=D("50.01")
            )
        assert "50,00" in exc.value.error_dict["amount"][0].messages[0]
        services.payout_record(by=coordinator, application=application, amount=D("50"))
        application.refresh_from_db()
        assert application.paid_total == D("250")
        assert application.status == "paid"

    def test_the_database_refuses_payouts_above_the_grant(
        self, application, coordinator
    ):
        _approved(application, coordinator)
        with pytest.raises(IntegrityError), transaction.atomic():
            Application.objects.filter(pk=application.pk).update(paid_total=D("251"))

    def test_revoking_gives_the_money_back(self, application, coordinator):
        _approved(application, coordinator)
        services.grant_revoke(
            by=coordinator, application=application, reason="Fest abgesagt."
        )
        application.refresh_from_db()
        assert application.status == "rejected"
        assert Fund.objects.get(pk=application.call.fund_id).committed == 0

    def test_no_revoking_after_a_payout(self, application, coordinator):
        _approved(application, coordinator)
        services.payout_record(by=coordinator, application=application, amount=D("10"))
        with pytest.raises(ValidationError):
            services.grant_revoke(by=coordinator, application=application, reason="x")

    def test_unused_money_goes_back_after_the_proof_of_use(
        self, application, coordinator, resident
    ):
        _approved(application, coordinator)
        services.payout_record(by=coordinator, application=application, amount=D("250"))
        services.report_submit(
            by=resident,
            application=application,
            what_happened="80 Gäste, viel Kuchen.",
            participants=80,
            receipts_total=D("180.50"),
        )
        services.grant_close(by=coordinator, application=application)
        application.refresh_from_db()
        assert application.returned_amount == D("69.50")
        assert application.status == "closed"
        assert Fund.objects.get(pk=application.call.fund_id).committed == D("180.50")

    def test_withdrawing_an_approved_grant_frees_the_money(
        self, application, coordinator, resident
    ):
        _approved(application, coordinator)
        services.application_withdraw(by=resident, application=application)
        assert Fund.objects.get(pk=application.call.fund_id).committed == 0

    def test_the_budget_cannot_drop_below_what_is_committed(
        self, application, coordinator, admin_user
    ):
        _approved(application, coordinator)
        fund = application.call.fund
        with pytest.raises(ValidationError):
            services.fund_save(
                by=admin_user,
                municipality=fund.municipality,
                fund=fund,
                budget=D("200"),
                max_per_project=D("200"),
                solo_limit=D("100"),
            )


@pytest.mark.django_db
def test_reminders_are_sent_once(application, coordinator):
    _approved(application, coordinator)
    Application.objects.filter(pk=application.pk).update(
        report_due_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    mail.outbox.clear()
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    assert "Verwendungsnachweis" in mail.outbox[0].subject or mail.outbox[0].subject


@pytest.mark.django_db
def test_a_photo_is_reencoded_without_metadata(application, coordinator, resident):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    _approved(application, coordinator)
    buffer = io.BytesIO()
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Secret camera"
    image.save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg")
    report = services.report_submit(
        by=resident,
        application=application,
        what_happened="Schön war's.",
        participants=12,
        receipts_total=D("200"),
        photos=[(upload, "Kinder beim Kuchenessen")],
    )
    photo = report.photos.get()
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()
    photo.image.delete(save=False)


@pytest.mark.django_db
def test_a_file_that_is_no_picture_is_refused(application, coordinator, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _approved(application, coordinator)
    upload = SimpleUploadedFile("foto.jpg", b"not an image", "image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.report_submit(
            by=resident,
            application=application,
            what_happened="x",
            participants=1,
            receipts_total=D("1"),
            photos=[(upload, "Bild")],
        )
    assert "photo_1" in exc.value.error_dict
