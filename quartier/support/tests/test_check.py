"""The Quartiers-Check: answers, the spread of the team's answers (not averaged
away), confirming or overriding a suggestion with a reason, the result's radar chart
whose table holds the same numbers, next steps, and who may see what."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.core.check_suggestions import Evidence, Suggestion
from quartier.core.models import AuditEntry
from quartier.support import services
from quartier.support.models import CheckResult, NextStep, RoundStatus
from quartier.support.questions import QUESTIONS, RECOMMENDATIONS
from quartier.support.tests.factories import CheckRoundFactory, SupportOfferFactory
from quartier.support.views.check import result_data

pytestmark = pytest.mark.django_db


def url(name, check_round, **extra):
    return reverse(
        name,
        kwargs={
            "municipality_slug": check_round.municipality.slug,
            "pk": check_round.pk,
            **extra,
        },
    )


@pytest.fixture
def check_round(municipality):
    return CheckRoundFactory(municipality=municipality, year=2026)


def confirm_all(by, check_round, values):
    """Confirm every question of each recommendation with the given value."""
    for rec in RECOMMENDATIONS:
        for q in rec.questions:
            services.result_confirm(
                by=by, check_round=check_round, question=q.key, value=values[rec.key]
            )


def test_the_spread_of_answers_is_shown_without_names(
    client_for, check_round, partner, coordinator, admin_user
):
    for person, value in ((partner, 1), (coordinator, 4), (admin_user, 4)):
        services.answer_save(
            by=person, check_round=check_round, question="r1.forums", value=value
        )
    services.answer_save(
        by=partner, check_round=check_round, question="r1.decisions", value=3
    )
    services.answer_save(
        by=coordinator, check_round=check_round, question="r1.decisions", value=2
    )
    html = (
        client_for(coordinator).get(url("support:round", check_round)).content.decode()
    )
    forums = html[html.index('id="r1.forums"') : html.index('id="r1.decisions"')]
    decisions = html[html.index('id="r1.decisions"') : html.index('id="r1.roles"')]
    # 1 × step 1 and 2 × step 4: shown as they are, not as a mean of 3.
    assert "3 Antworten:" in forums
    assert "1: 1×, 2: 0×, 3: 0×, 4: 2×" in forums
    assert "Das Team ist sich uneinig" in forums
    # One step apart is no disagreement.
    assert "2: 1×, 3: 1×" in decisions
    assert "uneinig" not in decisions
    for person in (partner, coordinator, admin_user):
        assert person.public_name not in forums


def test_a_person_changes_their_own_answer_and_nobody_elses(check_round, partner):
    services.answer_save(
        by=partner, check_round=check_round, question="r2.rooms", value=1
    )
    services.answer_save(
        by=partner, check_round=check_round, question="r2.rooms", value=3
    )
    assert list(check_round.answers.values_list("value", flat=True)) == [3]


def test_answers_only_within_the_scale_and_on_own_pages(
    client_for, check_round, partner
):
    with pytest.raises(ValidationError):
        services.answer_save(
            by=partner, check_round=check_round, question="r2.rooms", value=5
        )
    with pytest.raises(ValidationError):
        services.answer_save(
            by=partner, check_round=check_round, question="r99.none", value=2
        )
    response = client_for(partner).post(
        url("support:answer", check_round),
        {"v_r2.rooms": "2", "l_r2.rooms": "Fremd | https://example.org/"},
    )
    assert response.status_code == 200
    assert "Verlinken Sie nur Seiten dieser Kommune" in response.content.decode()
    assert not check_round.answers.exists()
    response = client_for(partner).post(
        url("support:answer", check_round),
        {
            "v_r2.rooms": "2",
            "e_r2.rooms": "Der Jugendtreff nutzt den Saal.",
            "l_r2.rooms": f"Räume | /{check_round.municipality.slug}/rooms/",
        },
    )
    assert response.status_code == 302
    answer = check_round.answers.get()
    assert (answer.value, answer.person) == (2, partner)
    assert answer.links == [
        {"label": "Räume", "url": f"/{check_round.municipality.slug}/rooms/"}
    ]


def test_overriding_a_suggestion_needs_a_reason_which_is_kept(check_round, coordinator):
    suggestion = Suggestion(
        3, "vorgeschlagen, weil 2 von 3 …", [Evidence("Foren", "/x/")]
    )
    with pytest.raises(ValidationError) as error:
        services.result_confirm(
            by=coordinator,
            check_round=check_round,
            question="r1.forums",
            value=2,
            suggestion=suggestion,
        )
    assert "reason" in error.value.error_dict
    result = services.result_confirm(
        by=coordinator,
        check_round=check_round,
        question="r1.forums",
        value=2,
        suggestion=suggestion,
        reason="Die Foren tagen selten.",
    )
    result.refresh_from_db()
    assert (result.value, result.suggested_value, result.reason) == (
        2,
        3,
        "Die Foren tagen selten.",
    )
    assert result.suggestion_rule == "vorgeschlagen, weil 2 von 3 …"
    assert result.links == [{"label": "Foren", "url": "/x/"}]
    assert result.overrides_suggestion
    assert AuditEntry.objects.filter(action="support.confirm_checkround").exists()


def test_the_coordinator_confirms_a_suggestion_on_the_page(
    client_for, check_round, coordinator, municipality
):
    from quartier.actors.tests.factories import ActorFactory

    ActorFactory(municipality=municipality, kind="intermediary")  # r1.brokers → 3
    client = client_for(coordinator)
    page = client.get(url("support:confirm", check_round, question="r1.brokers"))
    assert "vorgeschlagen, weil 1 Akteure" in page.content.decode()
    response = client.post(
        url("support:confirm", check_round, question="r1.brokers"), {"value": "3"}
    )
    assert response.status_code == 302
    result = CheckResult.objects.get(round=check_round, question="r1.brokers")
    assert (result.value, result.suggested_value, result.reason) == (3, 3, "")
    # Overriding without a reason is refused next to the field.
    response = client.post(
        url("support:confirm", check_round, question="r1.brokers"), {"value": "1"}
    )
    assert response.status_code == 200
    assert "Begründen Sie" in response.content.decode()
    result.refresh_from_db()
    assert result.value == 3


def test_the_radar_table_holds_the_chart_data(client_for, check_round, coordinator):
    previous = CheckRoundFactory(
        municipality=check_round.municipality, year=2025, status=RoundStatus.CLOSED
    )
    confirm_all(
        coordinator,
        check_round,
        {r.key: 1 + i % 4 for i, r in enumerate(RECOMMENDATIONS)},
    )
    previous.status = RoundStatus.OPEN
    previous.save()
    confirm_all(coordinator, previous, {r.key: 2 for r in RECOMMENDATIONS})
    data = result_data(check_round)
    chart = data["chart"]
    assert [a.value for a in chart.axes] == [1 + i % 4 for i in range(10)]
    assert [a.previous for a in chart.axes] == [2] * 10
    html = (
        client_for(coordinator).get(url("support:result", check_round)).content.decode()
    )
    rows = re.findall(
        r'<th scope="row" class="kern-table__header">(R\d+) [^<]*</th>\s*'
        r"<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>",
        html,
    )
    assert [(k, float(v), float(p)) for k, v, p in rows] == [
        (a.label, a.value, a.previous) for a in chart.axes
    ]
    # The polygon's corners are the same values: the first axis (R1 = 1) points up
    # a quarter of the radius from the centre.
    assert chart.points.split()[0] == "220.0,182.5"


def test_weak_areas_get_next_steps_and_matching_offers(
    client_for, check_round, coordinator
):
    values = {r.key: 3 for r in RECOMMENDATIONS}
    values["R6"] = 2
    values["R2"] = 1
    confirm_all(coordinator, check_round, values)
    offer = SupportOfferFactory(title="Lernwerkstatt Haltung", recommendations="|R6|")
    SupportOfferFactory(title="Nicht passend", recommendations="|R4|")
    data = result_data(check_round)
    assert [w["recommendation"].key for w in data["weak"]] == ["R2", "R6"]
    assert [o.title for o in data["weak"][1]["offers"]] == [offer.title]
    client = client_for(coordinator)
    client.post(url("support:next_steps", check_round))
    steps = list(NextStep.objects.filter(round=check_round))
    assert {s.recommendation for s in steps} == {"R2", "R6"}
    compass = next(s for s in steps if s.action == "r6.compass")
    assert compass.text == "Eine Runde des Spannungskompasses eröffnen"
    assert compass.url == f"/{check_round.municipality.slug}/compass/"
    html = client.get(url("support:result", check_round)).content.decode()
    assert "Lernwerkstatt Haltung" in html
    assert "Nicht passend" not in html
    response = client.post(
        reverse(
            "support:step_done",
            kwargs={
                "municipality_slug": check_round.municipality.slug,
                "pk": compass.pk,
            },
        ),
        {"done": "1"},
    )
    assert response.status_code == 302
    compass.refresh_from_db()
    assert compass.done_on == timezone.localdate()


def test_closing_keeps_results_and_stops_answers(check_round, coordinator, partner):
    confirm_all(coordinator, check_round, {r.key: 2 for r in RECOMMENDATIONS})
    services.round_close(by=coordinator, check_round=check_round)
    check_round.refresh_from_db()
    assert check_round.status == RoundStatus.CLOSED
    # Every recommendation is weak (2): its next steps were made on closing.
    assert check_round.next_steps.count() == sum(
        len(r.actions) for r in RECOMMENDATIONS
    )
    with pytest.raises(PermissionDenied):
        services.answer_save(
            by=partner, check_round=check_round, question="r1.forums", value=2
        )
    with pytest.raises(PermissionDenied):
        services.result_confirm(
            by=coordinator, check_round=check_round, question="r1.forums", value=4
        )


def test_one_round_per_year_with_a_message(client_for, municipality, coordinator):
    client = client_for(coordinator)
    check_url = reverse(
        "support:round_new", kwargs={"municipality_slug": municipality.slug}
    )
    assert client.post(check_url, {"year": "2026"}).status_code == 302
    response = client.post(check_url, {"year": "2026"})
    assert response.status_code == 200
    assert "Für dieses Jahr gibt es schon einen Check." in response.content.decode()


def test_residents_and_other_municipalities_see_no_check(
    client_for, check_round, resident, other_admin
):
    for user in (resident, other_admin):
        response = client_for(user).get(url("support:result", check_round))
        assert response.status_code == 404
    stranger = UserFactory()
    assert (
        client_for(stranger).get(url("support:round", check_round)).status_code == 404
    )


def test_questions_are_three_to_five_per_recommendation():
    assert [r.key for r in RECOMMENDATIONS] == [f"R{i}" for i in range(1, 11)]
    for rec in RECOMMENDATIONS:
        assert 3 <= len(rec.questions) <= 5, rec.key
        assert rec.actions, rec.key
    assert len(QUESTIONS) == sum(len(r.questions) for r in RECOMMENDATIONS)
