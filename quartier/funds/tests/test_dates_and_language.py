"""Dates that make sense, fields that say what a submission needs, plurals and
amounts in the active language (issue 10, "What people see")."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from quartier.funds import services
from quartier.funds.forms import ApplicationForm, EuroField
from quartier.funds.models import Application, GrantReport
from quartier.funds.money import euro
from quartier.funds.tests.factories import ApplicationFactory
from quartier.funds.voting import tally

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def _save(resident, call, **fields):
    data = {"title": "Sommerfest", "group_name": "Nachbarn", "cost_lines": []}
    data.update(fields)
    return services.application_save(by=resident, call=call, **data)


@pytest.mark.django_db
class TestProjectDates:
    def test_the_end_cannot_be_before_the_start(self, resident, call):
        with pytest.raises(ValidationError) as exc:
            _save(resident, call, starts_on=TODAY() + 10 * DAY, ends_on=TODAY() + DAY)
        assert exc.value.message_dict["ends_on"] == [
            "Das Ende kann nicht vor dem Beginn liegen."
        ]

    def test_a_project_cannot_end_before_the_call_opened(self, resident, call):
        # The tester's project that ended in 2020.
        with pytest.raises(ValidationError) as exc:
            _save(
                resident,
                call,
                starts_on=datetime.date(2020, 5, 1),
                ends_on=datetime.date(2020, 5, 2),
            )
        assert "bevor der Aufruf begonnen hat" in exc.value.message_dict["ends_on"][0]

    def test_a_project_cannot_lie_decades_ahead(self, resident, call):
        with pytest.raises(ValidationError) as exc:
            _save(resident, call, starts_on=datetime.date(2099, 5, 1))
        assert "spätestens" in exc.value.message_dict["starts_on"][0]

    def test_a_draft_may_still_start_in_the_past_but_cannot_be_submitted(
        self, resident, call
    ):
        application = ApplicationFactory(
            call=call,
            applicant=resident,
            status="draft",
            submitted_at=None,
            starts_on=TODAY() - 3 * DAY,
        )
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        assert "Vergangenheit" in exc.value.message_dict["starts_on"][0]
        application.refresh_from_db()
        assert application.status == "draft"

    def test_a_project_that_has_ended_cannot_be_submitted(self, resident, call):
        application = ApplicationFactory(
            call=call,
            applicant=resident,
            status="questions",
            starts_on=TODAY() - 9 * DAY,
            ends_on=TODAY() - 2 * DAY,
        )
        with pytest.raises(ValidationError) as exc:
            services.application_submit(by=resident, application=application)
        assert exc.value.message_dict["ends_on"] == ["Das Projekt ist bereits vorbei."]

    def test_a_resubmission_may_have_started_while_it_was_with_questions(
        self, resident, call
    ):
        application = ApplicationFactory(
            call=call,
            applicant=resident,
            status="questions",
            starts_on=TODAY() - 2 * DAY,
            ends_on=TODAY() + 20 * DAY,
        )
        services.application_submit(by=resident, application=application)
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_the_form_shows_the_date_error_next_to_the_field(
        self, resident, call, client_for
    ):
        url = reverse(
            "funds:apply",
            kwargs={"municipality_slug": call.municipality.slug, "pk": call.pk},
        )
        response = client_for(resident).post(
            url,
            {
                "title": "Sommerfest",
                "group_name": "Nachbarn",
                "starts_on": "2026-12-20",
                "ends_on": "2020-05-01",
                "action": "save",
            },
        )
        assert response.status_code == 200
        assert 'id="id_ends_on_error"' in response.content.decode()
        assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_call_cannot_close_before_it_opens(coordinator, fund):
    with pytest.raises(ValidationError) as exc:
        services.call_save(
            by=coordinator,
            fund=fund,
            title="Aufruf",
            opens_on=TODAY(),
            closes_on=TODAY() - DAY,
            max_amount=Decimal("500"),
        )
    assert exc.value.message_dict["closes_on"] == [
        "Der Aufruf kann nicht enden, bevor er beginnt."
    ]


@pytest.mark.django_db
def test_a_fund_year_must_be_plausible(admin_user, fund):
    with pytest.raises(ValidationError) as exc:
        services.fund_save(
            by=admin_user, municipality=fund.municipality, fund=fund, year=1820
        )
    assert "year" in exc.value.message_dict


@pytest.mark.django_db
def test_every_field_a_submission_needs_says_so(resident, call, client_for):
    """Walks what `submission_problems` asks of an empty draft: each such field is
    marked "für das Einreichen erforderlich", never "optional"."""
    draft = ApplicationFactory(
        call=call,
        applicant=resident,
        status="draft",
        submitted_at=None,
        what="",
        for_whom="",
        health_benefit="",
        place="",
        starts_on=None,
        requested_amount=None,
    )
    draft.cost_lines.all().delete()
    needed = set(services.submission_problems(draft))
    assert needed >= {"what", "for_whom", "health_benefit", "starts_on", "cost_lines"}
    form = ApplicationForm(
        instance=draft, user=resident, municipality=call.municipality
    )
    for name in needed - {"cost_lines"}:
        label = strip_tags(str(form.fields[name].label))
        assert "für das Einreichen erforderlich" in label, name
        assert "optional" not in label, name
    page = (
        client_for(resident)
        .get(
            reverse(
                "funds:edit",
                kwargs={"municipality_slug": call.municipality.slug, "pk": draft.pk},
            )
        )
        .content.decode()
    )
    # Every marked field and the cost plan's legend.
    assert page.count("für das Einreichen erforderlich") >= len(needed)
    # Fields a submission may leave empty still say "optional".
    assert "optional" in str(form.fields["ends_on"].label)


class TestPluralsAndNumbers:
    def test_the_quorum_sentence_agrees_with_its_number(self):
        one = tally(["yes"], quorum=4, rule="simple", entitled=6)
        two = tally(["yes", "no"], quorum=4, rule="simple", entitled=6)
        with translation.override("de"):
            assert "1 von mindestens 4 Mitgliedern des Vergabebeirats hat " in (
                one.explanation
            )
            assert "2 von mindestens 4 Mitgliedern des Vergabebeirats haben " in (
                two.explanation
            )
        with translation.override("en"):
            assert "1 of at least 4 jury members has taken part" in one.explanation

    def test_abstentions_agree_with_their_number(self):
        result = tally(["yes", "yes", "abstain"], quorum=3, rule="simple", entitled=5)
        with translation.override("de"):
            assert result.explanation.endswith("(2 Ja, 0 Nein, 1 Enthaltung).")

    def test_amounts_follow_the_active_language(self):
        with translation.override("de"):
            assert euro(Decimal("1500")) == "1.500,00\u00a0€"
        with translation.override("en"):
            assert euro(Decimal("1500")) == "€1,500.00"

    @pytest.mark.parametrize(
        "language, typed, value",
        [
            ("de", "1.500,50", "1500.50"),
            ("de", "1.500", "1500"),
            ("de", "250,5", "250.5"),
            ("en", "1,500.50", "1500.50"),
            ("en", "1,500", "1500"),
            ("en", "250.5", "250.5"),
        ],
    )
    def test_amounts_are_typed_the_way_the_language_writes_them(
        self, language, typed, value
    ):
        with translation.override(language):
            assert EuroField().clean(typed) == Decimal(value)
            shown = EuroField().prepare_value(Decimal("1500.5"))
        assert shown == ("1500,50" if language == "de" else "1500.50")


@pytest.mark.django_db
def test_the_page_says_one_person_took_part(call, resident, client_for):
    application = ApplicationFactory(
        call=call,
        applicant=resident,
        status="reported",
        approved_amount=Decimal("900"),
        paid_total=Decimal("900"),
        decided_at=timezone.now(),
    )
    GrantReport.objects.create(
        application=application,
        what_happened="Klein, aber fein.",
        participants=1,
        receipts_total=Decimal("1500"),
    )
    page = client_for(resident).get(application.get_absolute_url()).content.decode()
    assert "1 Person hat teilgenommen; Belege insgesamt 1.500,00\u00a0€." in page
