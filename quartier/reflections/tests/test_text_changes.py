"""Changes to a forum's mandate, an initiative's plan or a fund's rules from a
reflection (core/adaptable_texts.py): proposed, applied through the owning app's
service, dropped; the object's page shows the dated change log. The registry is
walked: every registered text needs a scenario in OBJECTS."""

from __future__ import annotations

import datetime

import pytest
import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.core import adaptable_texts
from quartier.core.audit import action_label
from quartier.forums.tests.factories import ForumFactory
from quartier.funds.tests.factories import FundFactory
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.reflections import services
from quartier.reflections.models import AdaptationState, TextChange
from quartier.reflections.tests.factories import ReflectionFactory

pytestmark = pytest.mark.django_db

# One factory per model with adaptable texts; a new registration needs one here.
OBJECTS = {
    "forums.Forum": lambda m: ForumFactory(
        municipality=m, purpose="Wir beraten über das Quartier."
    ),
    "initiatives.Initiative": lambda m: InitiativeFactory(
        municipality=m, description="<p>Erst planen, dann handeln.</p>"
    ),
    "funds.Fund": lambda m: FundFactory(municipality=m),
}
KEYS = [t.key for t in adaptable_texts.texts()]


def _url(name, reflection, **kwargs):
    return reverse(
        f"reflections:{name}",
        kwargs={
            "municipality_slug": reflection.municipality.slug,
            "pk": reflection.pk,
            **kwargs,
        },
    )


def test_the_forum_initiative_and_fund_texts_are_registered():
    assert {
        "forums.Forum.purpose",
        "forums.Forum.mandate_scope",
        "initiatives.Initiative.description",
        "funds.Fund.rules",
    } <= set(KEYS)
    for spec in adaptable_texts.texts():
        assert str(spec.label).strip(), spec.key
        assert rules.perm_exists(spec.view_perm), spec.key
        assert rules.perm_exists(spec.change_perm), spec.key
        assert spec.model._meta.label in OBJECTS, f"{spec.key}: add it to OBJECTS"


@pytest.mark.parametrize("key", KEYS)
def test_an_applied_change_writes_the_text_and_shows_in_the_change_log(
    key, municipality, admin_user, client_for
):
    spec = adaptable_texts.get(key)
    obj = OBJECTS[spec.model._meta.label](municipality)
    old = spec.current(obj)
    reflection = ReflectionFactory(municipality=municipality, title="Rückblick Mai")
    change = services.text_change_propose(
        by=admin_user,
        reflection=reflection,
        key=key,
        obj=obj,
        text="Neu: Wir <em>entscheiden</em> mit.",
        reason="Die Runde will mitentscheiden.",
        apply=True,
    )
    obj.refresh_from_db()
    change.refresh_from_db()
    assert "entscheiden" in spec.current(obj)
    assert change.state == "applied"
    assert change.before == old
    assert change.after == spec.current(obj)
    assert timezone.localdate(change.decided_at) == timezone.localdate()
    assert change.state_in_reflection == AdaptationState.DONE

    page = client_for(None).get(obj.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Die Runde will mitentscheiden." in html
    assert timezone.localdate().strftime("%d.%m.%Y") in html
    # The reflection is for members: its link only for them.
    assert reflection.get_absolute_url() not in html
    member_page = client_for(admin_user).get(obj.get_absolute_url()).content.decode()
    assert reflection.get_absolute_url() in member_page
    assert "<script>" not in html


def test_a_proposed_change_is_late_after_its_due_date_then_applied(
    municipality, coordinator, client_for
):
    forum = ForumFactory(municipality=municipality, purpose="Alt")
    reflection = ReflectionFactory(municipality=municipality)
    change = services.text_change_propose(
        by=coordinator,
        reflection=reflection,
        key="forums.Forum.purpose",
        obj=forum,
        text="Neu",
        reason="Mehr Mitsprache",
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    forum.refresh_from_db()
    assert forum.purpose == "Alt"  # only proposed
    assert change.state_in_reflection == AdaptationState.LATE
    page = client_for(coordinator).get(reflection.get_absolute_url()).content.decode()
    assert "q-adaptation--late" in page

    response = client_for(coordinator).post(
        _url("change_apply", reflection, change_pk=change.pk)
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    change.refresh_from_db()
    assert forum.purpose == "Neu"
    assert (change.state, change.before) == ("applied", "Alt")
    assert action_label("reflections.apply_text_change")


def test_a_dropped_change_leaves_the_text_and_cannot_be_applied(
    municipality, coordinator, client_for
):
    forum = ForumFactory(municipality=municipality, purpose="Alt")
    reflection = ReflectionFactory(municipality=municipality)
    change = services.text_change_propose(
        by=coordinator,
        reflection=reflection,
        key="forums.Forum.purpose",
        obj=forum,
        text="Neu",
        reason="Vorschlag",
    )
    client = client_for(coordinator)
    assert (
        client.post(_url("change_drop", reflection, change_pk=change.pk)).status_code
        == 302
    )
    client.post(_url("change_apply", reflection, change_pk=change.pk))
    forum.refresh_from_db()
    change.refresh_from_db()
    assert forum.purpose == "Alt"
    assert change.state_in_reflection == AdaptationState.DROPPED
    assert (
        "Vorschlag"
        not in client_for(None).get(forum.get_absolute_url()).content.decode()
    )


def test_applying_needs_the_texts_own_permission(municipality, coordinator, admin_user):
    """A coordinator may propose a change to a fund's rules; only an admin (who
    owns funds) applies it."""
    fund = FundFactory(municipality=municipality)
    reflection = ReflectionFactory(municipality=municipality)
    change = services.text_change_propose(
        by=coordinator,
        reflection=reflection,
        key="funds.Fund.rules",
        obj=fund,
        text="<p>Neue Regeln</p>",
        reason="Zu kompliziert",
    )
    with pytest.raises(PermissionDenied):
        services.text_change_apply(by=coordinator, change=change)
    fund.refresh_from_db()
    assert "Neue Regeln" not in fund.rules
    services.text_change_apply(by=admin_user, change=change)
    fund.refresh_from_db()
    assert "Neue Regeln" in fund.rules


def test_an_object_of_another_municipality_is_refused(
    municipality, other_municipality, coordinator, client_for
):
    foreign = ForumFactory(municipality=other_municipality, purpose="Fremd")
    reflection = ReflectionFactory(municipality=municipality)
    with pytest.raises(ValidationError):
        services.text_change_propose(
            by=coordinator,
            reflection=reflection,
            key="forums.Forum.purpose",
            obj=foreign,
            text="Gekapert",
            reason="x",
            apply=True,
        )
    response = client_for(coordinator).post(
        _url("change_new", reflection),
        {
            "target": f"forums.Forum.purpose|{foreign.pk}",
            "text": "Gekapert",
            "reason": "x",
            "apply": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["chooser"].errors
    foreign.refresh_from_db()
    assert foreign.purpose == "Fremd"
    assert not TextChange.objects.exists()


def test_the_form_starts_from_the_current_text_and_applies(
    municipality, coordinator, client_for
):
    forum = ForumFactory(municipality=municipality, purpose="Wir beraten.")
    reflection = ReflectionFactory(municipality=municipality)
    client = client_for(coordinator)
    target = f"forums.Forum.purpose|{forum.pk}"
    page = client.get(_url("change_new", reflection), {"target": target})
    assert page.status_code == 200
    assert "Wir beraten." in page.content.decode()
    response = client.post(
        _url("change_new", reflection),
        {"target": target, "text": "Wir entscheiden.", "reason": "", "apply": "on"},
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    response = client.post(
        _url("change_new", reflection),
        {
            "target": target,
            "text": "Wir entscheiden.",
            "reason": "Mehr Mut",
            "apply": "on",
        },
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.purpose == "Wir entscheiden."
    page = client.get(reflection.get_absolute_url()).content.decode()
    assert "Mehr Mut" in page and "q-adaptation--done" in page


def test_members_read_the_text_changes_in_the_api(
    municipality, coordinator, resident, client_for
):
    forum = ForumFactory(municipality=municipality, purpose="Alt")
    hidden = ForumFactory(municipality=municipality, visibility="members")
    reflection = ReflectionFactory(municipality=municipality, title="Bilanz")
    for obj in (forum, hidden):
        services.text_change_propose(
            by=coordinator,
            reflection=reflection,
            key="forums.Forum.purpose",
            obj=obj,
            text="Neu",
            reason="Mehr Mitsprache",
            apply=True,
        )
    url = f"/api/v1/municipalities/{municipality.slug}/reflections/{reflection.pk}"
    detail = client_for(resident).get(url).json()
    assert [c["object_title"] for c in detail["text_changes"]] == [forum.name]
    change = detail["text_changes"][0]
    assert (change["before"], change["after"], change["state"]) == (
        "Alt",
        "Neu",
        "done",
    )
    assert client_for(None).get(url).status_code in (401, 403, 404)
