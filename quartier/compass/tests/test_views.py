"""Compass pages: the form (numbers count, slider fallback, errors keep input), the
results with constant queries, CSV, the agenda action and the API."""

import pytest
from django.urls import reverse
from django.utils import translation

from quartier.accounts.tests.factories import UserFactory
from quartier.compass.models import Assessment, TensionField
from quartier.compass.tests.factories import RoundFactory, assess
from quartier.forums.models import AgendaItem
from quartier.forums.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def form_data(municipality, current="35", target="70"):
    data = {"perspective": "residents"}
    for f in TensionField.objects.of(municipality).active():
        data[f"f{f.pk}_current"] = current
        data[f"f{f.pk}_target"] = target
        data[f"f{f.pk}_current_slider"] = "50"
        data[f"f{f.pk}_target_slider"] = "50"
    return data


def test_a_resident_fills_in_the_compass(client_for, resident, municipality):
    round = RoundFactory(municipality=municipality)
    client = client_for(resident)
    page = client.get(url("compass:assess", municipality, pk=round.pk))
    html = page.content.decode()
    assert 'type="range"' in html and 'type="number"' in html
    assert "Selbstorganisation" in html
    response = client.post(
        url("compass:assess", municipality, pk=round.pk), form_data(municipality)
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(round=round, user=resident)
    assert set(assessment.positions.values_list("current", "target")) == {(35, 70)}


def test_the_slider_counts_when_the_number_is_left_empty(
    client_for, resident, municipality
):
    round = RoundFactory(municipality=municipality)
    data = form_data(municipality, current="", target="80")
    for key in list(data):
        if key.endswith("_current_slider"):
            data[key] = "22"
    response = client_for(resident).post(
        url("compass:assess", municipality, pk=round.pk), data
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(round=round)
    assert set(assessment.positions.values_list("current", "target")) == {(22, 80)}


def test_a_number_out_of_range_is_an_error_next_to_the_field_and_input_stays(
    client_for, resident, municipality
):
    round = RoundFactory(municipality=municipality)
    data = form_data(municipality)
    first = TensionField.objects.of(municipality).first()
    data[f"f{first.pk}_current"] = "150"
    with translation.override("en"):
        response = client_for(resident).post(
            url("compass:assess", municipality, pk=round.pk), data
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="150"' in html
    assert f'id="id_f{first.pk}_current_error"' in html
    assert not Assessment.objects.exists()


def test_a_second_visit_edits_the_own_assessment(client_for, resident, municipality):
    round = RoundFactory(municipality=municipality)
    client = client_for(resident)
    client.post(
        url("compass:assess", municipality, pk=round.pk), form_data(municipality)
    )
    page = client.get(url("compass:assess", municipality, pk=round.pk))
    assert 'value="35"' in page.content.decode()
    client.post(
        url("compass:assess", municipality, pk=round.pk),
        form_data(municipality, "10", "20"),
    )
    assert Assessment.objects.filter(round=round).count() == 1


def _many(round, municipality, count):
    fields = list(TensionField.objects.of(municipality))
    perspectives = [
        "administration",
        "politics",
        "civil_society",
        "residents",
        "economy",
    ]
    for i in range(count):
        assess(
            round,
            perspectives[i % 5],
            {f: (i * 7 % 101, i * 13 % 101, "Kommentar") for f in fields},
        )


@pytest.mark.parametrize("name", ["compass:index", "compass:round", "compass:trends"])
def test_results_pages_need_the_same_queries_for_5_and_50_assessments(
    client_for, coordinator, municipality, django_assert_max_num_queries, name
):
    round = RoundFactory(municipality=municipality, status="closed")
    client = client_for(coordinator)
    kwargs = {"pk": round.pk} if name == "compass:round" else {}
    _many(round, municipality, 5)
    client.get(url(name, municipality, **kwargs))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url(name, municipality, **kwargs)).status_code == 200
    _many(round, municipality, 45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(name, municipality, **kwargs))
    assert response.status_code == 200


def test_results_show_medians_and_talking_points(client_for, resident, municipality):
    round = RoundFactory(municipality=municipality, status="closed")
    field = TensionField.objects.of(municipality).first()
    for value in (20, 30, 40):
        assess(round, "administration", {field: (value, 50, "Zu viele Vorgaben")})
    for value in (60, 70, 80):
        assess(round, "residents", {field: (value, 90)})
    guest = client_for(None)
    guest.cookies["django_language"] = "en"  # the page in English
    html = guest.get(url("compass:index", municipality)).content.decode()
    assert "Talking points" in html
    assert "40 points apart" in html
    assert "<svg" in html and '<th scope="row"' in html
    # The comments (without names) are for members only.
    assert "Zu viele Vorgaben" not in html
    member_page = client_for(resident).get(url("compass:index", municipality))
    assert "Zu viele Vorgaben" in member_page.content.decode()


def test_the_csv_has_bom_semicolons_and_decimal_commas(client_for, municipality):
    round = RoundFactory(municipality=municipality, status="closed")
    field = TensionField.objects.of(municipality).first()
    for value in (20, 25, 30, 40):
        assess(round, "administration", {field: (value, 50)})
    response = client_for(None).get(url("compass:round_csv", municipality, pk=round.pk))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].split(";")[:5] == [
        "field",
        "left_pole",
        "right_pole",
        "perspective",
        "n",
    ]
    row = next(
        line for line in lines if line.startswith(field.name + ";") and ";all;" in line
    )
    cells = row.split(";")
    assert cells[4] == "4"
    assert cells[5] == "27,5"  # median of 20 25 30 40


def test_a_coordinator_puts_a_field_on_a_meetings_agenda(
    client_for, coordinator, municipality
):
    round = RoundFactory(municipality=municipality, status="closed")
    field = TensionField.objects.of(municipality).first()
    meeting = MeetingFactory(forum__municipality=municipality)
    client = client_for(coordinator)
    page = client.get(
        url("compass:agenda", municipality, pk=round.pk) + f"?field={field.pk}"
    )
    assert page.status_code == 200
    response = client.post(
        url("compass:agenda", municipality, pk=round.pk),
        {"field": field.pk, "meeting": meeting.pk},
    )
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert AgendaItem.objects.filter(
        meeting=meeting, title__contains=field.name
    ).exists()


def test_the_api_gives_fields_rounds_and_the_same_numbers(client, municipality):
    round = RoundFactory(municipality=municipality, status="closed")
    RoundFactory(municipality=municipality, status="draft", title="Entwurf")
    field = TensionField.objects.of(municipality).first()
    for value in (20, 30, 40):
        assess(round, "administration", {field: (value, 50)})
    assess(round, "politics", {field: (90, 90)}, user=UserFactory())
    base = f"/api/v1/municipalities/{municipality.slug}/compass"
    fields = client.get(f"{base}/fields").json()
    assert fields["count"] == 5
    rounds = client.get(f"{base}/rounds").json()
    assert [r["title"] for r in rounds["items"]] == [round.title]
    data = client.get(f"{base}/rounds/{round.pk}/results").json()
    first = next(f for f in data["fields"] if f["field"]["id"] == field.pk)
    assert first["all"]["current"]["median"] == 35
    assert first["rank"] == 1 or first["divergence"] is None
    politics = next(p for p in first["perspectives"] if p["perspective"] == "politics")
    assert politics["shown"] is False and politics["current"] is None
    draft = RoundFactory(municipality=municipality, status="draft", title="Geheim")
    assert client.get(f"{base}/rounds/{draft.pk}/results").status_code == 404
