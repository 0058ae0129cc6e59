"""Conflicts of interest, class-wide (issue 11, docs/security.md "Quartiersfonds:
conflicts of interest").

Nobody takes part in a step on an application they are conflicted with: the
applicant and every member of the applying actor are conflicted automatically,
whatever their role (here they are coordinators AND voting jury members, so only
the conflict can stop them). The walk goes over STEPS; a test asserts that STEPS
and OWN_STEPS together name every service function of quartier.funds.services that
takes an application, so a new step cannot be forgotten.

For each step: both conflicted people get PermissionDenied and nothing changes;
the same step then succeeds for a coordinator who is not conflicted (so the
refusal was the conflict, not a wrong set-up). The views refuse with 403 and the
page offers none of the actions.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

import quartier.funds.services as services_package
from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.funds import services
from quartier.funds.models import (
    Application,
    Fund,
    GrantReport,
    Payout,
    Vote,
)
from quartier.funds.tests.factories import (
    ApplicationFactory,
    CallFactory,
    FundFactory,
    JuryMemberFactory,
)

D = Decimal


def _coordinator_in_jury(municipality, fund, email):
    user = UserFactory(email=email)
    MembershipFactory(user=user, municipality=municipality, role="coordinator")
    seat = JuryMemberFactory(fund=fund, user=user, voting=True)
    return user, seat


@pytest.fixture
def world(municipality):
    fund = FundFactory(
        municipality=municipality,
        solo_limit=D("300"),
        quorum=1,
        payout_four_eyes=False,
    )
    call = CallFactory(fund=fund)
    actor = ActorFactory(municipality=municipality, name="Sportverein Hügel e.V.")
    w: dict[str, Any] = {"fund": fund, "call": call, "actor": actor}
    for key in ("applicant", "actor_member", "clean", "recorder"):
        w[key], w[f"{key}_seat"] = _coordinator_in_jury(
            municipality, fund, f"{key}@test.example"
        )
    # The jury recommends, the municipality decides: the decider is a coordinator
    # who sits in the jury without a vote (a voting member never decides).
    w["decider"] = UserFactory(email="decider@test.example")
    MembershipFactory(user=w["decider"], municipality=municipality, role="coordinator")
    w["decider_seat"] = JuryMemberFactory(fund=fund, user=w["decider"], voting=False)
    ActorMember.objects.create(actor=actor, user=w["applicant"])
    ActorMember.objects.create(actor=actor, user=w["actor_member"])
    w["application"] = ApplicationFactory(
        call=call,
        applicant=w["applicant"],
        actor=actor,
        group_name="",
        own_contribution=D("0"),
        requested_amount=D("200"),
        status="submitted",
    )
    return w


def _set(w, **fields):
    Application.objects.filter(pk=w["application"].pk).update(**fields)
    w["application"] = Application.objects.get(pk=w["application"].pk)
    return w["application"]


def _approved(w, **extra):
    Fund.objects.filter(pk=w["fund"].pk).update(committed=D("200"))
    return _set(
        w,
        status="approved",
        approved_amount=D("200"),
        decided_at=timezone.now() - datetime.timedelta(days=1),
        decided_how="solo",
        rationale="Gut.",
        **extra,
    )


def _pending_payout(w):
    Fund.objects.filter(pk=w["fund"].pk).update(payout_four_eyes=True)
    application = _approved(w)
    w["payout"] = Payout.objects.create(
        application=application,
        amount=D("50"),
        paid_on=timezone.localdate(),
        created_by=w["recorder"],
        pending=True,
    )
    return application


def _reported(w):
    application = _approved(w, paid_total=D("200"))
    Application.objects.filter(pk=application.pk).update(status="reported")
    GrantReport.objects.create(
        application=application,
        what_happened="Ein schönes Fest.",
        participants=40,
        receipts_total=D("180"),
    )
    return _set(w)


@dataclass
class Step:
    name: str
    prepare: Callable[[dict], Application]
    run: Callable[..., Any]
    url: str  # the view that takes the step (POST), funds:<url>
    clean: str = "clean"  # who takes the step when not conflicted


STEPS = [
    Step(
        "application_precheck",
        lambda w: _set(w, status="submitted"),
        lambda by, w: services.application_precheck(
            by=by, application=w["application"], complete=True
        ),
        "precheck",
    ),
    Step(
        "vote_cast",
        lambda w: _set(w, status="complete", voting_open=True),
        lambda by, w: services.vote_cast(
            by=by, application=w["application"], choice="yes"
        ),
        "vote",
    ),
    Step(
        "meeting_record",
        lambda w: _set(w, status="complete", voting_open=True),
        lambda by, w: services.meeting_record(
            by=by,
            application=w["application"],
            held_on=timezone.localdate(),
            votes={w["recorder_seat"].pk: "yes"},
        ),
        "meeting",
    ),
    Step(
        "grant_decide",
        lambda w: _set(w, status="complete", voting_open=True),
        lambda by, w: services.grant_decide(
            by=by,
            application=w["application"],
            approve=True,
            how="solo",
            amount=D("200"),
            rationale="Passt.",
        ),
        "decide",
        clean="decider",
    ),
    Step(
        "early_start_decide",
        lambda w: _set(
            w,
            status="submitted",
            early_start_requested=True,
            early_start_reason="Das Fest ist vor der Sitzung.",
        ),
        lambda by, w: services.early_start_decide(
            by=by, application=w["application"], grant=True
        ),
        "early_start",
        clean="decider",
    ),
    Step(
        "grant_revoke",
        _approved,
        lambda by, w: services.grant_revoke(
            by=by, application=w["application"], reason="Fehler."
        ),
        "revoke",
        clean="decider",
    ),
    Step(
        "payout_record",
        _approved,
        lambda by, w: services.payout_record(
            by=by, application=w["application"], amount=D("50")
        ),
        "payout",
    ),
    Step(
        "payout_release",
        _pending_payout,
        lambda by, w: services.payout_release(
            by=by, application=w["application"], payout=w["payout"]
        ),
        "payout_release",
    ),
    Step(
        "payout_cancel",
        _pending_payout,
        lambda by, w: services.payout_cancel(
            by=by, application=w["application"], payout=w["payout"]
        ),
        "payout_cancel",
    ),
    Step(
        "grant_close",
        _reported,
        lambda by, w: services.grant_close(by=by, application=w["application"]),
        "close",
    ),
]

# The applicant's own steps (and a jury member's declaration of a conflict, which
# only takes them further out): these are theirs to take by design.
OWN_STEPS = {
    "application_save",
    "application_submit",
    "application_withdraw",
    "report_submit",
    "receipt_add",
    "receipt_remove",
    "conflict_declare",
}


def _services_taking_an_application() -> set[str]:
    """Every public function in quartier/funds/services/ with `by` and
    `application` parameters: the steps of the workflow."""
    found = set()
    for info in pkgutil.iter_modules(services_package.__path__):
        module = importlib.import_module(f"{services_package.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            parameters = inspect.signature(function).parameters
            if "by" in parameters and "application" in parameters:
                found.add(name)
    return found


def test_the_step_list_covers_every_service_that_takes_an_application():
    names = {step.name for step in STEPS}
    assert not names & OWN_STEPS
    assert names | OWN_STEPS == _services_taking_an_application()


def _state(w) -> dict[str, Any]:
    application = Application.objects.get(pk=w["application"].pk)
    return {
        "application": model_to_dict(application, exclude=["id"]),
        "updated_at": application.updated_at,
        "committed": Fund.objects.get(pk=w["fund"].pk).committed,
        "votes": sorted(
            Vote.objects.filter(application=application).values_list(
                "member_id", "choice", "meeting_on"
            )
        ),
        "payouts": sorted(
            Payout.objects.filter(application=application).values_list(
                "id", "amount", "pending", "confirmed_by_id"
            )
        ),
        "conflicts": application.conflicts.count(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["applicant", "actor_member"])
@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_conflicted_people_are_refused_every_step_and_nothing_changes(world, step, who):
    step.prepare(world)
    before = _state(world)
    with pytest.raises(PermissionDenied):
        step.run(world[who], world)
    assert _state(world) == before


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_the_same_step_succeeds_for_a_coordinator_without_a_conflict(world, step):
    step.prepare(world)
    before = _state(world)
    step.run(world[step.clean], world)
    assert _state(world) != before


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_a_declared_conflict_refuses_every_step_too(world, step):
    application = step.prepare(world)
    services.conflict_declare(by=world[step.clean], application=application)
    before = _state(world)
    with pytest.raises(PermissionDenied):
        step.run(world[step.clean], world)
    assert _state(world) == before


def _url(w, step):
    kwargs = {
        "municipality_slug": w["fund"].municipality.slug,
        "pk": w["application"].pk,
    }
    if "payout" in w and step.url.startswith("payout_"):
        kwargs["payout_pk"] = w["payout"].pk
    return reverse(f"funds:{step.url}", kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["applicant", "actor_member"])
@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_the_views_refuse_conflicted_people(world, step, who, client_for):
    step.prepare(world)
    before = _state(world)
    response = client_for(world[who]).post(
        _url(world, step),
        {"outcome": "complete", "vote-choice": "yes", "amount": "50"},
    )
    assert response.status_code == 403
    assert _state(world) == before


def test_every_step_view_of_the_jury_and_money_is_walked():
    from quartier.funds import urls

    step_views = {
        p.name
        for p in urls.urlpatterns
        if p.callback.__module__ == "quartier.funds.views.jury"
    } - {"jury", "conflict"}
    assert step_views == {step.url for step in STEPS}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_the_page_offers_no_step_to_the_applicant_and_says_why(world, step, client_for):
    step.prepare(world)
    response = client_for(world["applicant"]).get(
        world["application"].get_absolute_url()
    )
    assert response.status_code == 200
    html = response.content.decode()
    for other in STEPS:
        if other.url.startswith("payout_") and "payout" not in world:
            continue  # no payout waits: nothing to release or cancel
        assert _url(world, other) not in html
    assert "Dies ist Ihr eigener Antrag." in html


@pytest.mark.django_db
def test_a_conflicted_jury_members_online_vote_does_not_count(world):
    application = _set(world, status="complete", voting_open=True)
    # A vote that got in before the applicant joined the jury (e.g. seeded data).
    Vote.objects.create(
        application=application, member=world["applicant_seat"], choice="yes"
    )
    Vote.objects.create(
        application=application, member=world["actor_member_seat"], choice="yes"
    )
    result = services.jury_result(application)
    assert result.taking_part == 0
    # Four voting seats, two of them conflicted.
    assert result.entitled == 2


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_the_page_offers_each_step_to_a_coordinator_without_a_conflict(
    world, step, client_for
):
    step.prepare(world)
    response = client_for(world[step.clean]).get(
        world["application"].get_absolute_url()
    )
    assert _url(world, step) in response.content.decode()


@pytest.mark.django_db
def test_the_jury_queue_says_which_applications_are_ones_own(world, client_for):
    _set(world, status="complete", voting_open=True)
    url = reverse(
        "funds:jury", kwargs={"municipality_slug": world["fund"].municipality.slug}
    )
    for who in ("applicant", "actor_member"):
        page = client_for(world[who]).get(url).content.decode()
        assert "eigener Antrag oder Antrag Ihrer Organisation" in page
    page = client_for(world["clean"]).get(url).content.decode()
    assert "eigener Antrag oder Antrag Ihrer Organisation" not in page
