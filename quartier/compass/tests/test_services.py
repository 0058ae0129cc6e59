"""Compass services: default fields, one assessment per person and round, the
rules of open and closed rounds, and putting a field on an agenda."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quartier.compass import services
from quartier.compass.models import (
    DEFAULT_FIELDS,
    Assessment,
    Position,
    RoundStatus,
    TensionField,
)
from quartier.compass.tests.factories import RoundFactory, TensionFieldFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.forums.models import AgendaItem
from quartier.forums.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def positions(municipality, current=40, target=70):
    return {
        f.pk: {"current": current, "target": target, "comment": ""}
        for f in TensionField.objects.of(municipality).active()
    }


def test_every_new_municipality_gets_the_five_fields_of_the_seed(municipality):
    names = list(TensionField.objects.of(municipality).values_list("name", flat=True))
    assert names == [spec["name"] for spec in DEFAULT_FIELDS]
    assert names[0] == "Steuerung ↔ Selbstorganisation"
    first = TensionField.objects.of(municipality).first()
    assert (first.left_pole, first.right_pole) == ("Steuerung", "Selbstorganisation")


def test_the_data_migration_fills_in_missing_fields_only(municipality):
    from importlib import import_module

    from django.apps import apps

    TensionField.objects.of(municipality).exclude(
        name=DEFAULT_FIELDS[0]["name"]
    ).delete()
    migration = import_module("quartier.compass.migrations.0002_default_fields")
    migration.create(apps, None)
    migration.create(apps, None)
    assert TensionField.objects.of(municipality).count() == 5


def test_default_fields_ensure_is_idempotent(municipality):
    assert services.default_fields_ensure(municipality=municipality) == 0


def test_a_resident_assesses_once_and_a_second_save_edits(resident, municipality):
    round = RoundFactory(municipality=municipality)
    services.assessment_save(
        by=resident,
        round=round,
        perspective="residents",
        positions=positions(municipality),
    )
    services.assessment_save(
        by=resident,
        round=round,
        perspective="civil_society",
        positions=positions(municipality, 10, 90),
    )
    assessment = Assessment.objects.get(round=round)
    assert assessment.perspective == "civil_society"
    assert Position.objects.filter(assessment=assessment).count() == 5
    assert set(
        Position.objects.filter(assessment=assessment).values_list("current", "target")
    ) == {(10, 90)}


def test_the_database_refuses_a_second_assessment_of_one_person(resident, municipality):
    round = RoundFactory(municipality=municipality)
    Assessment.objects.create(
        municipality=municipality, round=round, user=resident, perspective="residents"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            municipality=municipality, round=round, user=resident, perspective="other"
        )


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_nobody_assesses_a_round_that_is_not_open(coordinator, municipality, status):
    round = RoundFactory(municipality=municipality, status=status)
    with pytest.raises(PermissionDenied):
        services.assessment_save(
            by=coordinator,
            round=round,
            perspective="administration",
            positions=positions(municipality),
        )


def test_another_municipalitys_admin_cannot_assess(other_admin, municipality):
    round = RoundFactory(municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.assessment_save(
            by=other_admin,
            round=round,
            perspective="administration",
            positions=positions(municipality),
        )


def test_values_outside_0_to_100_name_their_field(resident, municipality):
    round = RoundFactory(municipality=municipality)
    given = positions(municipality)
    first = next(iter(given))
    given[first] = {"current": 101, "target": "abc", "comment": ""}
    with pytest.raises(ValidationError) as info:
        services.assessment_save(
            by=resident, round=round, perspective="residents", positions=given
        )
    assert set(info.value.error_dict) == {f"f{first}_current", f"f{first}_target"}
    assert not Assessment.objects.exists()


def test_a_missing_field_is_an_error(resident, municipality):
    round = RoundFactory(municipality=municipality)
    given = positions(municipality)
    given.pop(next(iter(given)))
    with pytest.raises(ValidationError):
        services.assessment_save(
            by=resident, round=round, perspective="residents", positions=given
        )


def test_coordinators_open_and_close_rounds(coordinator, resident, municipality):
    round = services.round_save(
        by=coordinator, municipality=municipality, title="Frühjahr 2027"
    )
    assert round.status == RoundStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.round_open(by=resident, round=round)
    round = services.round_open(by=coordinator, round=round)
    assert round.status == RoundStatus.OPEN and round.opened_at
    with pytest.raises(ValidationError):
        services.round_open(by=coordinator, round=round)
    round = services.round_close(by=coordinator, round=round)
    assert round.status == RoundStatus.CLOSED and round.closed_at
    with pytest.raises(ValidationError):
        services.round_close(by=coordinator, round=round)
    assert services.round_open(by=coordinator, round=round).status == "open"


def test_round_titles_are_unique_per_municipality(coordinator, municipality):
    services.round_save(by=coordinator, municipality=municipality, title="Herbst")
    with pytest.raises(ValidationError) as info:
        services.round_save(by=coordinator, municipality=municipality, title="Herbst")
    assert "title" in info.value.error_dict


def test_coordinators_add_their_own_field(coordinator, resident, municipality):
    with pytest.raises(PermissionDenied):
        services.field_save(
            by=resident,
            municipality=municipality,
            name="X",
            left_pole="a",
            right_pole="b",
        )
    field = services.field_save(
        by=coordinator,
        municipality=municipality,
        name="Ehrenamt ↔ Hauptamt",
        left_pole="Ehrenamt",
        right_pole="Hauptamt",
        explanation="",
        order=60,
    )
    assert field.municipality == municipality
    with pytest.raises(ValidationError):
        services.field_save(
            by=coordinator,
            municipality=municipality,
            name="Ehrenamt ↔ Hauptamt",
            left_pole="a",
            right_pole="b",
        )


def test_the_agenda_action_creates_an_agenda_item(coordinator, municipality):
    from quartier.compass.tests.factories import assess

    round = RoundFactory(municipality=municipality, status="closed")
    field = TensionField.objects.of(municipality).first()
    for perspective, current in [("administration", 20)] * 3 + [("residents", 80)] * 3:
        assess(round, perspective, {field: (current, 60)})
    meeting = MeetingFactory(forum__municipality=municipality)
    item = services.field_to_agenda(
        by=coordinator, round=round, field=field, meeting=meeting
    )
    item = AgendaItem.objects.get(pk=item.pk)
    assert item.meeting == meeting
    assert field.name in item.title
    assert item.status == "accepted"
    assert "60" in item.description  # the divergence of the medians 20 and 80


def test_the_agenda_action_refuses_past_meetings_and_residents(
    coordinator, resident, municipality
):
    round = RoundFactory(municipality=municipality)
    field = TensionField.objects.of(municipality).first()
    past = MeetingFactory(
        forum__municipality=municipality,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=-2),
    )
    with pytest.raises(ValidationError):
        services.field_to_agenda(by=coordinator, round=round, field=field, meeting=past)
    upcoming = MeetingFactory(forum__municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.field_to_agenda(
            by=resident, round=round, field=field, meeting=upcoming
        )
    other = MeetingFactory(forum__municipality=MunicipalityFactory())
    with pytest.raises(ValidationError):
        services.field_to_agenda(
            by=coordinator, round=round, field=field, meeting=other
        )
    assert not AgendaItem.objects.exists()


def test_archived_fields_are_left_out_of_new_assessments(resident, municipality):
    extra = TensionFieldFactory(municipality=municipality)
    extra.archived_at = timezone.now()
    extra.save()
    round = RoundFactory(municipality=municipality)
    assessment = services.assessment_save(
        by=resident,
        round=round,
        perspective="residents",
        positions=positions(municipality),
    )
    assert assessment.positions.count() == 5
