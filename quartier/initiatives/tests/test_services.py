"""Phase rules, pilots, partners' rights, links and the health check (services)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from quartier.actors.tests.factories import ActorFactory
from quartier.initiatives import services
from quartier.initiatives.models import (
    ChecklistTemplateItem,
    Follow,
    HealthCheck,
    Initiative,
    InitiativeLink,
    PhaseChange,
)
from quartier.initiatives.tests.factories import InitiativeFactory, PilotFactory
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def _create(by, municipality, **fields):
    fields.setdefault("title", "Bewegter Sonnenberg")
    fields.setdefault("summary", "Spaziergänge für Ältere.")
    if "lead_actor" not in fields and "lead_person" not in fields:
        fields["lead_actor"] = ActorFactory(municipality=municipality)
    return services.initiative_create(by=by, municipality=municipality, **fields)


def _tick_all(initiative):
    initiative.checklist.update(done_at=datetime.datetime.now(datetime.UTC))


def test_it_creates_an_initiative_with_history_and_the_default_checklist(
    coordinator, municipality
):
    initiative = _create(coordinator, municipality)
    assert initiative.phase == "idea"
    assert (
        PhaseChange.objects.filter(initiative=initiative, new_phase="idea").count() == 1
    )
    texts = list(initiative.checklist.values_list("text", flat=True))
    assert "Bedarfe geklärt" in texts
    assert (
        ChecklistTemplateItem.objects.of(municipality).filter(phase="concept").exists()
    )


def test_the_municipality_edits_the_default_checklists(coordinator, municipality):
    services.checklist_defaults_save(
        by=coordinator, municipality=municipality, phase="idea", lines=["Nur das", ""]
    )
    initiative = _create(coordinator, municipality)
    assert list(initiative.checklist.values_list("text", flat=True)) == ["Nur das"]


def test_a_phase_change_with_open_items_asks_for_a_reason(coordinator, municipality):
    initiative = _create(coordinator, municipality)
    with pytest.raises(ValidationError) as exc:
        services.phase_change(by=coordinator, initiative=initiative, to="concept")
    assert "reason" in exc.value.error_dict
    initiative.refresh_from_db()
    assert initiative.phase == "idea"
    change = services.phase_change(
        by=coordinator,
        initiative=initiative,
        to="concept",
        comment="Konzept startet",
        reason="Bedarfe klären wir parallel",
    )
    initiative.refresh_from_db()
    assert initiative.phase == "concept"
    assert "Bedarfe geklärt" in change.open_items
    assert change.reason == "Bedarfe klären wir parallel"
    assert change.changed_by == coordinator
    # The new phase got its own checklist.
    assert initiative.checklist.filter(phase="concept").exists()


def test_phases_run_one_step_at_a_time(coordinator, municipality):
    initiative = _create(coordinator, municipality)
    _tick_all(initiative)
    with pytest.raises(ValidationError) as exc:
        services.phase_change(
            by=coordinator, initiative=initiative, to="implementation"
        )
    assert "to" in exc.value.error_dict


def test_verstetigung_is_refused_without_a_learning_result(coordinator, municipality):
    initiative = InitiativeFactory(municipality=municipality, phase="implementation")
    pilot = PilotFactory(initiative=initiative)
    with pytest.raises(ValidationError) as exc:
        services.phase_change(
            by=coordinator, initiative=initiative, to="consolidation", reason="x"
        )
    assert "Lernergebnis" in str(exc.value.error_dict["to"])
    initiative.refresh_from_db()
    assert initiative.phase == "implementation"
    pilot.learning = "Die Hypothese hat sich bestätigt."
    pilot.save()
    services.phase_change(
        by=coordinator, initiative=initiative, to="consolidation", reason="x"
    )
    initiative.refresh_from_db()
    assert initiative.phase == "consolidation"


def test_ending_needs_a_reason_and_is_final(coordinator, municipality):
    initiative = InitiativeFactory(municipality=municipality)
    with pytest.raises(ValidationError) as exc:
        services.phase_change(by=coordinator, initiative=initiative, to="ended")
    assert "comment" in exc.value.error_dict
    services.phase_change(
        by=coordinator, initiative=initiative, to="ended", comment="Kein Bedarf"
    )
    initiative.refresh_from_db()
    assert initiative.end_reason == "Kein Bedarf"
    with pytest.raises(ValidationError):
        services.phase_change(by=coordinator, initiative=initiative, to="idea")


def test_adapting_a_pilot_goes_back_to_the_concept_with_the_changes(
    coordinator, municipality
):
    initiative = InitiativeFactory(municipality=municipality, phase="pilot")
    pilot = PilotFactory(initiative=initiative)
    with pytest.raises(ValidationError) as exc:
        services.pilot_conclude(
            by=coordinator, pilot=pilot, learning="Zu früh am Tag", decision="adapt"
        )
    assert "changes" in exc.value.error_dict
    services.pilot_conclude(
        by=coordinator,
        pilot=pilot,
        learning="Zu früh am Tag",
        decision="adapt",
        changes="Treffen um 16 Uhr statt 10 Uhr",
    )
    initiative.refresh_from_db()
    assert initiative.phase == "concept"
    last = initiative.phase_changes.last()
    assert "16 Uhr" in last.comment


def test_consolidating_a_pilot_moves_on_and_opens_verstetigung(
    coordinator, municipality
):
    initiative = InitiativeFactory(municipality=municipality, phase="pilot")
    pilot = PilotFactory(initiative=initiative)
    services.pilot_conclude(
        by=coordinator, pilot=pilot, learning="Es wirkt.", decision="consolidate"
    )
    initiative.refresh_from_db()
    assert initiative.phase == "implementation"
    services.phase_change(
        by=coordinator, initiative=initiative, to="consolidation", reason="ok"
    )


def test_a_pilot_is_described_only_in_the_pilot_phase(coordinator, municipality):
    initiative = InitiativeFactory(municipality=municipality, phase="concept")
    fields = {
        "hypothesis_if": "a",
        "hypothesis_then": "b",
        "measured_by": "c",
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 3, 1),
    }
    with pytest.raises(ValidationError):
        services.pilot_save(by=coordinator, initiative=initiative, **fields)
    initiative.phase = "pilot"
    initiative.save()
    pilot = services.pilot_save(by=coordinator, initiative=initiative, **fields)
    assert pilot.pk


def test_a_partner_edits_only_what_their_organisation_leads_or_partners(
    partner, municipality
):
    mine = ActorFactory(municipality=municipality)
    mine.members.add(partner)
    led = InitiativeFactory(municipality=municipality, lead_actor=mine)
    other = InitiativeFactory(municipality=municipality)
    assert partner.has_perm("initiatives.change_initiative", led)
    assert not partner.has_perm("initiatives.change_initiative", other)
    services.partner_add(
        by=partner,
        initiative=led,
        actor=ActorFactory(municipality=municipality),
        role="funder",
    )
    with pytest.raises(PermissionDenied):
        services.initiative_update(by=partner, initiative=other, title="Übernommen")
    # As partner of another initiative they may edit it too.
    services.partner_add(
        by=_coordinator_of(municipality),
        initiative=other,
        actor=mine,
        role="contributor",
    )
    assert partner.has_perm("initiatives.change_initiative", other)


def _coordinator_of(municipality):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, municipality=municipality, role="coordinator")
    return user


def test_a_partner_creates_only_with_their_own_organisation_as_lead(
    partner, municipality
):
    with pytest.raises(ValidationError) as exc:
        _create(partner, municipality)
    assert "lead_actor" in exc.value.error_dict
    mine = ActorFactory(municipality=municipality)
    mine.members.add(partner)
    initiative = _create(partner, municipality, lead_actor=mine)
    assert initiative.pk


def test_a_resident_may_not_create(resident, municipality):
    with pytest.raises(PermissionDenied):
        _create(resident, municipality)


def test_a_link_to_another_municipalitys_object_is_refused(
    coordinator, municipality, other_municipality
):
    initiative = InitiativeFactory(municipality=municipality)
    foreign = ContributionFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        services.link_add(
            by=coordinator,
            initiative=initiative,
            key="initiatives.contribution",
            target=foreign,
        )
    assert not InitiativeLink.objects.exists()


def test_a_link_needs_the_right_to_edit_the_far_object(partner, municipality):
    mine = ActorFactory(municipality=municipality)
    mine.members.add(partner)
    initiative = InitiativeFactory(municipality=municipality, lead_actor=mine)
    contribution = ContributionFactory(municipality=municipality)
    with pytest.raises(ValidationError) as exc:
        services.link_add(
            by=partner,
            initiative=initiative,
            key="initiatives.contribution",
            target=contribution,
        )
    assert "selbst bearbeiten" in str(exc.value.error_dict["target"])
    assert not InitiativeLink.objects.exists()


def test_followers_hear_of_a_new_phase(
    coordinator, resident, municipality, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(municipality=municipality)
    services.follow_set(by=resident, initiative=initiative, follow=True)
    assert Follow.objects.filter(user=resident).exists()
    _tick_all(initiative)
    with django_capture_on_commit_callbacks(execute=True):
        services.phase_change(by=coordinator, initiative=initiative, to="concept")
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert initiative.title in mail.outbox[0].body


def test_the_health_check_keeps_only_the_five_layers(coordinator, municipality):
    initiative = InitiativeFactory(municipality=municipality)
    with pytest.raises(ValidationError):
        services.health_check_save(by=coordinator, initiative=initiative, layers=[9])
    services.health_check_save(
        by=coordinator,
        initiative=initiative,
        layers=["3", 4],
        reaches_low_income="yes",
        left_out="Menschen ohne Deutsch",
    )
    check = HealthCheck.objects.get(initiative=initiative)
    assert check.layers == [3, 4]
    assert check.reaches_low_income == "yes"


def test_internal_initiatives_are_hidden_from_residents(resident, municipality):
    hidden = InitiativeFactory(municipality=municipality, visibility="internal")
    members = InitiativeFactory(municipality=municipality, visibility="members")
    shown = set(Initiative.objects.visible_to(resident, municipality))
    assert members in shown and hidden not in shown
    assert not resident.has_perm("initiatives.view_initiative", hidden)
    assert resident.has_perm("initiatives.view_initiative", members)
