"""Reflections: every "Was nun?" item is a decision in the register, linked back,
and its state (done, open, late, dropped) follows the decision's status."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.forums.models import Decision
from quartier.forums.services.decisions import Assignment, decision_change_status
from quartier.forums.tests.factories import AgendaItemFactory, ForumFactory
from quartier.reflections import services
from quartier.reflections.models import Adaptation
from quartier.reflections.tests.factories import ReflectionFactory

pytestmark = pytest.mark.django_db


def _item(municipality):
    forum = ForumFactory(municipality=municipality)
    return AgendaItemFactory(
        meeting__forum=forum,
        meeting__starts_at=timezone.now() - datetime.timedelta(days=30),
        meeting__ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )


def _record(coordinator, reflection, item, due, text="Aushang auch auf Türkisch"):
    actor = ActorFactory(municipality=reflection.municipality)
    return services.adaptation_record(
        by=coordinator,
        reflection=reflection,
        agenda_item=item,
        text=text,
        due_date=due,
        responsibilities=[Assignment(role="R", actor=actor)],
    )


def test_an_adaptation_is_a_decision_in_the_register_linked_back(
    municipality, coordinator, client_for
):
    reflection = ReflectionFactory(municipality=municipality, title="Elterncafé")
    item = _item(municipality)
    adaptation = _record(coordinator, reflection, item, due=None)

    decision = Decision.objects.get(pk=adaptation.decision_id)
    assert decision.agenda_item == item
    assert decision.responsibilities.get().role == "R"
    assert "Elterncafé" in decision.rationale
    client = client_for(coordinator)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert reflection.get_absolute_url() in page
    page = client.get(reflection.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in page


def test_the_state_follows_the_decision_and_late_ones_are_flagged(
    municipality, coordinator, client_for
):
    reflection = ReflectionFactory(municipality=municipality)
    item = _item(municipality)
    past = timezone.localdate() - datetime.timedelta(days=3)
    late = _record(coordinator, reflection, item, due=past, text="Später Punkt")
    done = _record(coordinator, reflection, item, due=past, text="Erledigter Punkt")
    dropped = _record(coordinator, reflection, item, due=None, text="Verworfen")
    still_open = _record(
        coordinator,
        reflection,
        item,
        due=timezone.localdate() + datetime.timedelta(days=9),
        text="Offener Punkt",
    )
    decision_change_status(
        by=coordinator, decision=done.decision, new_status="done", comment="Erledigt."
    )
    decision_change_status(
        by=coordinator,
        decision=dropped.decision,
        new_status="rejected",
        comment="Passt nicht.",
    )
    states = {
        a.pk: a.state
        for a in Adaptation.objects.select_related("decision").filter(
            reflection=reflection
        )
    }
    assert states == {
        late.pk: "late",
        done.pk: "done",
        dropped.pk: "dropped",
        still_open.pk: "open",
    }
    page = client_for(coordinator).get(reflection.get_absolute_url())
    assert "q-adaptation--late" in page.content.decode()
    assert [str(n) for _label, n in page.context["counts"]] == ["1", "1", "1", "1"]


def test_a_resident_may_not_record_an_adaptation(municipality, resident):
    reflection = ReflectionFactory(municipality=municipality)
    with pytest.raises(PermissionDenied):
        _record(resident, reflection, _item(municipality), due=None)
    assert not Adaptation.objects.exists()


def test_a_compass_field_prefills_a_new_reflection(
    municipality, coordinator, client_for
):
    from quartier.compass.tests.factories import (
        RoundFactory,
        TensionFieldFactory,
        assess,
    )

    field = TensionFieldFactory(municipality=municipality, name="Vertrauen")
    round_ = RoundFactory(municipality=municipality, status="closed")
    for _n in range(3):
        assess(round_, "residents", {field: (20, 80)})
    url = reverse("reflections:new", kwargs={"municipality_slug": municipality.slug})
    results = client_for(coordinator).get(round_.get_absolute_url()).content.decode()
    assert f"{url}?round={round_.pk}&amp;field={field.pk}" in results
    page = client_for(coordinator).get(url, {"round": round_.pk, "field": field.pk})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["compass_round"] == round_.pk
    assert form.initial["compass_field"] == field.pk
    assert "Vertrauen" in form.initial["what"]
    assert "20 → 80" in page.content.decode()


def test_bad_input_gives_a_german_message_next_to_the_field(
    municipality, coordinator, client_for
):
    url = reverse("reflections:new", kwargs={"municipality_slug": municipality.slug})
    page = client_for(coordinator).post(
        url, {"title": "Rückblick", "what": "", "held_on": "2026-13-40"}
    )
    assert page.status_code == 200
    assert page.context["form"].errors["what"]
    assert page.context["form"].errors["held_on"]


def test_members_read_reflections_and_adaptations_in_the_api(
    municipality, coordinator, resident, client_for
):
    reflection = ReflectionFactory(municipality=municipality, title="Bilanz Sommer")
    past = timezone.localdate() - datetime.timedelta(days=2)
    adaptation = _record(coordinator, reflection, _item(municipality), due=past)
    base = f"/api/v1/municipalities/{municipality.slug}/reflections"

    listed = client_for(resident).get(base)
    assert listed.status_code == 200
    assert [r["title"] for r in listed.json()["items"]] == ["Bilanz Sommer"]
    detail = client_for(resident).get(f"{base}/{reflection.pk}").json()
    assert detail["adaptations"] == [
        {
            "decision": adaptation.decision_id,
            "text": "Aushang auch auf Türkisch",
            "due_date": past.isoformat(),
            "decision_status": "open",
            "state": "late",
        }
    ]
    guest = client_for(None).get(f"{base}/{reflection.pk}")
    assert guest.status_code in (401, 403, 404)
    assert "Bilanz Sommer" not in guest.content.decode()
