"""The impact pages and forms: what a resident reads, what the coordination writes,
German errors next to the field with the typed values kept, the traffic light in
words, the API (read, token write, JSON errors)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.impact import services
from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement
from quartier.impact.progress import light
from quartier.impact.tests.factories import (
    GoalFactory,
    ImpactModelFactory,
    IndicatorFactory,
    MeasurementFactory,
)

pytestmark = pytest.mark.django_db


def url(name, municipality, **kw):
    return reverse(
        f"impact:{name}", kwargs={"municipality_slug": municipality.slug, **kw}
    )


def test_a_resident_reads_a_goal_with_its_staircase(client_for, municipality, resident):
    goal = GoalFactory(
        municipality=municipality,
        title="Gesund aufwachsen",
        narrative="<p>Weil Kinder <script>alert(1)</script>zählen.</p>",
    )
    model = ImpactModelFactory(goal=goal, stage_5="Familien bewegen sich mehr.")
    indicator = IndicatorFactory(impact_model=model, stage=5, name="Aktive Familien")
    MeasurementFactory(indicator=indicator, date=datetime.date(2026, 1, 1), value=64)
    page = client_for(resident).get(goal.get_absolute_url()).content.decode()
    assert "Gesund aufwachsen" in page
    assert "<script>alert(1)" not in page  # the narrative as stored is rendered safe
    assert page.count('class="q-staircase__step') == 7
    assert "Familien bewegen sich mehr." in page
    assert "Aktive Familien" in page
    assert "64 von 80 Familien erreicht" in page


def test_the_service_sanitises_the_narrative(municipality, coordinator):
    goal = services.goal_save(
        by=coordinator,
        municipality=municipality,
        title="Ziel",
        narrative='<p onclick="x()">Gemeinsam <script>x()</script></p>',
    )
    goal.refresh_from_db()
    assert "script" not in goal.narrative and "onclick" not in goal.narrative
    assert "Gemeinsam" in goal.narrative


def test_a_draft_goal_is_hidden_from_guests(client, municipality):
    goal = GoalFactory(municipality=municipality, visibility="internal")
    assert client.get(goal.get_absolute_url()).status_code == 404
    assert goal.title not in client.get(url("goals", municipality)).content.decode()


def test_coordinator_builds_goal_model_and_indicator(
    client_for, municipality, coordinator
):
    client = client_for(coordinator)
    answer = client.post(url("goal_new", municipality), {"title": "", "narrative": "x"})
    assert answer.status_code == 200
    assert "Bitte geben Sie dem Ziel einen Titel." in answer.content.decode()
    assert (
        'value="x"' in answer.content.decode()
        or "x</textarea>" in answer.content.decode()
    )
    answer = client.post(
        url("goal_new", municipality),
        {
            "title": "Weniger Einsamkeit",
            "narrative": "Weil niemand allein sein soll.",
            "visibility": "public",
        },
    )
    goal = Goal.objects.get(title="Weniger Einsamkeit")
    assert answer.status_code == 302
    client.post(url("goal_model", municipality, pk=goal.pk), {"stage_1": "Treffs"})
    model = ImpactModel.objects.get(goal=goal)
    assert model.stage_1 == "Treffs"
    bad = client.post(
        url("indicator_new", municipality, pk=model.pk),
        {
            "stage": "1",
            "name": "Treffen",
            "unit": "Treffen",
            "kind": "computed",
            "window": "year",
            "target_value": "12",
            "target_date": "2027-12-31",
            "direction": "up",
        },
    )
    assert bad.status_code == 200
    assert (
        "Bitte wählen Sie, woraus der Indikator berechnet wird." in bad.content.decode()
    )
    assert 'value="Treffen"' in bad.content.decode()
    good = client.post(
        url("indicator_new", municipality, pk=model.pk),
        {
            "stage": "1",
            "name": "Treffen",
            "unit": "Treffen",
            "kind": "computed",
            "source": "forums.meetings_held",
            "window": "year",
            "target_value": "12",
            "target_date": "2027-12-31",
            "direction": "up",
        },
    )
    assert good.status_code == 302
    indicator = Indicator.objects.get(impact_model=model)
    assert indicator.source_key == "forums.meetings_held"
    client.post(url("compute", municipality, pk=indicator.pk))
    stored = Measurement.objects.get(indicator=indicator)
    assert stored.computed and stored.value == 0 and stored.date == timezone.localdate()


def test_an_option_source_needs_its_option(municipality, coordinator):
    model = ImpactModelFactory(goal__municipality=municipality)
    with pytest.raises(Exception) as info:
        services.indicator_save(
            by=coordinator,
            impact_model=model,
            stage=1,
            name="Vorhaben",
            unit="Stück",
            kind="computed",
            source_key="initiatives.per_phase",
            source_option="",
            target_value=Decimal(3),
            target_date=datetime.date(2027, 1, 1),
            direction="up",
        )
    assert "source_option" in info.value.message_dict


def test_recording_a_value_keeps_it_and_says_what_is_wrong(
    client_for, municipality, coordinator, resident
):
    indicator = IndicatorFactory(impact_model__goal__municipality=municipality)
    client = client_for(coordinator)
    record = url("record", municipality, pk=indicator.pk)
    answer = client.post(
        record, {"date": "2026-02-01", "value": "viele", "note": "Zählung"}
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Bitte geben Sie eine Zahl ein" in page and "Zählung" in page
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    answer = client.post(record, {"date": future, "value": "5"})
    assert "nicht in der Zukunft" in answer.content.decode()
    answer = client.post(
        record, {"date": "2026-02-01", "value": "44,5", "note": "Zählung"}
    )
    assert answer.status_code == 302
    m = Measurement.objects.get(indicator=indicator)
    assert (
        m.value == Decimal("44.5") and m.recorded_by == coordinator and not m.computed
    )
    again = client.post(record, {"date": "2026-02-01", "value": "50"})
    assert "Für diesen Tag gibt es schon einen Wert." in again.content.decode()
    # The note is internal: a guest sees the value, not the note.
    guest = client_for(None).get(indicator.get_absolute_url()).content.decode()
    assert "44,5" in guest and "Zählung" not in guest
    assert (
        "Zählung"
        in client_for(resident).get(indicator.get_absolute_url()).content.decode()
    )


def test_the_light_explains_itself_in_words():
    indicator = Indicator(
        unit="Familien",
        baseline_value=Decimal(20),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=Decimal(80),
        target_date=datetime.date(2027, 1, 1),
        direction="up",
    )

    def at(day, value):
        return Measurement(date=day, value=Decimal(value))

    assert light(indicator, []).state == "none"
    # Half the time has passed, half the way is made: on track.
    on = light(indicator, [at(datetime.date(2026, 1, 1), 50)])
    assert on.state == "on-track" and on.text.startswith(on.label + ": 50 ")
    assert light(indicator, [at(datetime.date(2026, 1, 1), 40)]).state == "behind"
    assert light(indicator, [at(datetime.date(2026, 1, 1), 25)]).state == "far-behind"
    assert light(indicator, [at(datetime.date(2026, 1, 1), 81)]).state == "reached"
    indicator.direction, indicator.baseline_value, indicator.target_value = (
        "down",
        30,
        10,
    )
    assert light(indicator, [at(datetime.date(2026, 1, 1), 20)]).state == "on-track"
    assert light(indicator, [at(datetime.date(2026, 1, 1), 28)]).state == "far-behind"
    assert light(indicator, [at(datetime.date(2026, 1, 1), 9)]).state == "reached"


def test_api_reads_and_writes_with_json_errors(client, municipality, coordinator):
    from quartier.accounts.services import token_create

    indicator = IndicatorFactory(impact_model__goal__municipality=municipality)
    MeasurementFactory(indicator=indicator, note="intern")
    base = f"/api/v1/municipalities/{municipality.slug}"
    goal = indicator.impact_model.goal
    data = client.get(f"{base}/goals/{goal.pk}").json()
    assert data["title"] == goal.title and len(data["impact_model"]) == 7
    data = client.get(f"{base}/indicators/{indicator.pk}").json()
    assert (
        data["measurements"][0]["value"] == "40.00"
        or float(data["measurements"][0]["value"]) == 40
    )
    assert data["measurements"][0]["note"] is None
    post = f"{base}/indicators/{indicator.pk}/measurements"
    assert (
        client.post(
            post, {"date": "2026-02-01", "value": 1}, content_type="application/json"
        ).status_code
        == 401
    )
    _token, raw = token_create(user=coordinator, name="Skript")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    ok = client.post(
        post,
        {"date": "2026-02-01", "value": "41.5"},
        content_type="application/json",
        **auth,
    )
    assert ok.status_code == 201
    assert Measurement.objects.filter(
        indicator=indicator, value=Decimal("41.5")
    ).exists()
    again = client.post(
        post,
        {"date": "2026-02-01", "value": "41.5"},
        content_type="application/json",
        **auth,
    )
    assert again.status_code == 422 and "detail" in again.json()
    bad = client.post(
        post, {"date": "morgen", "value": "x"}, content_type="application/json", **auth
    )
    assert bad.status_code == 422
    assert client.get(f"{base}/indicators/999999").status_code == 404


def test_compute_indicators_stores_todays_values(municipality):
    from io import StringIO

    from django.core.management import call_command

    computed = IndicatorFactory(
        impact_model__goal__municipality=municipality,
        kind="computed",
        source_key="forums.meetings_held",
    )
    off = IndicatorFactory(
        impact_model__goal__municipality=municipality,
        kind="computed",
        source_key="learning.relationship_hours",
    )
    IndicatorFactory(impact_model__goal__municipality=municipality)  # recorded
    out = StringIO()
    call_command("compute_indicators", stdout=out)
    assert "1 stored, 1 not available" in out.getvalue()
    today = timezone.localdate()
    assert Measurement.objects.get(indicator=computed).date == today
    assert not Measurement.objects.filter(indicator=off).exists()
    call_command("compute_indicators", stdout=out)  # the same day: replaced, not added
    assert Measurement.objects.filter(indicator=computed).count() == 1


def test_the_municipality_home_links_to_goals_and_impact(client, municipality):
    page = client.get(f"/{municipality.slug}/").content.decode()
    assert (
        reverse("impact:goals", kwargs={"municipality_slug": municipality.slug}) in page
    )


def test_the_coordination_picks_an_initiative_to_describe_its_model(
    client_for, municipality, coordinator
):
    from quartier.initiatives.tests.factories import InitiativeFactory

    initiative = InitiativeFactory(municipality=municipality, title="Elterncafé")
    client = client_for(coordinator)
    assert "Elterncafé" in client.get(url("goals", municipality)).content.decode()
    answer = client.get(
        url("initiative_pick", municipality), {"initiative": initiative.pk}
    )
    assert answer.url == url("initiative_model", municipality, pk=initiative.pk)
    client.post(answer.url, {"stage_1": "Treffen jeden Dienstag"})
    model = ImpactModel.objects.get(initiative=initiative)
    assert model.stage_1 == "Treffen jeden Dienstag"
    assert "Elterncafé" in client.get(model.get_absolute_url()).content.decode()


def test_the_model_of_an_internal_initiative_is_as_hidden_as_the_initiative(
    client_for, municipality, coordinator
):
    from quartier.initiatives.tests.factories import InitiativeFactory

    initiative = InitiativeFactory(
        municipality=municipality, title="Interner Plan", visibility="internal"
    )
    model = ImpactModel.objects.create(
        municipality=municipality, initiative=initiative, stage_1="Planung"
    )
    indicator = IndicatorFactory(impact_model=model)
    guest = client_for(None)
    assert guest.get(model.get_absolute_url()).status_code == 404
    assert guest.get(indicator.get_absolute_url()).status_code == 404
    api = f"/api/v1/municipalities/{municipality.slug}/indicators/{indicator.pk}"
    assert guest.get(api).status_code == 404
    assert "Interner Plan" not in guest.get(url("goals", municipality)).content.decode()
    staff = client_for(coordinator)
    assert staff.get(model.get_absolute_url()).status_code == 200
    assert "Interner Plan" in staff.get(url("goals", municipality)).content.decode()
