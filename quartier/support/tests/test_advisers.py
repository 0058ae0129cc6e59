"""Advisers read a municipality's Quartiers-Check only while it shares
"support.check" with their organisation (granted, not expired, not revoked, this
module) — the team results, never the single answers or who gave them; every page
they open is logged for the municipality."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.advisers.models import AdviserView
from quartier.advisers.tests.factories import (
    AdvisoryOrganisationFactory,
    SharingGrantFactory,
)
from quartier.support import services
from quartier.support.tests.factories import CheckRoundFactory

pytestmark = pytest.mark.django_db


def grant_for(municipality, adviser, **extra):
    organisation = AdvisoryOrganisationFactory(members=[adviser])
    return SharingGrantFactory(
        municipality=municipality,
        organisation=organisation,
        module_key="support.check",
        **extra,
    )


@pytest.fixture
def adviser():
    return UserFactory(is_adviser=True, display_name="Bea Berater")


@pytest.fixture
def check_round(municipality, partner, coordinator):
    check_round = CheckRoundFactory(municipality=municipality, year=2026)
    services.answer_save(
        by=partner, check_round=check_round, question="r1.forums", value=1
    )
    services.answer_save(
        by=coordinator, check_round=check_round, question="r1.forums", value=4
    )
    services.result_confirm(
        by=coordinator, check_round=check_round, question="r1.forums", value=3
    )
    return check_round


def pages(check_round):
    m = {"municipality_slug": check_round.municipality.slug}
    return [
        reverse("support:check", kwargs=m),
        reverse("support:round", kwargs={**m, "pk": check_round.pk}),
        reverse("support:result", kwargs={**m, "pk": check_round.pk}),
        f"/api/v1/municipalities/{check_round.municipality.slug}/check-rounds",
        f"/api/v1/municipalities/{check_round.municipality.slug}/check-rounds/"
        f"{check_round.pk}",
    ]


@pytest.mark.parametrize(
    "state",
    ["none", "expired", "revoked", "other module", "not yet"],
)
def test_without_an_active_grant_for_the_check_the_adviser_sees_nothing(
    client_for, check_round, adviser, state
):
    today = timezone.localdate()
    if state == "expired":
        grant_for(
            check_round.municipality,
            adviser,
            ends_on=today - datetime.timedelta(days=1),
        )
    elif state == "revoked":
        grant_for(check_round.municipality, adviser, revoked_at=timezone.now())
    elif state == "not yet":
        grant_for(
            check_round.municipality,
            adviser,
            starts_on=today + datetime.timedelta(days=1),
        )
    elif state == "other module":
        SharingGrantFactory(
            municipality=check_round.municipality,
            organisation=AdvisoryOrganisationFactory(members=[adviser]),
            module_key="initiatives",
        )
    client = client_for(adviser)
    for url in pages(check_round):
        assert client.get(url).status_code in (403, 404), (state, url)
    assert not AdviserView.objects.exists()


def test_with_the_grant_the_adviser_reads_team_results_only_and_is_logged(
    client_for, check_round, adviser, partner, coordinator
):
    grant_for(check_round.municipality, adviser)
    client = client_for(adviser)
    for url in pages(check_round):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        # Who answered, and how many chose which step, stay with the team.
        for person in (partner, coordinator):
            assert person.public_name not in text
            assert person.email not in text
        assert "1: 1×" not in text and "uneinig" not in text
    detail = client.get(pages(check_round)[4]).json()
    assert [(r["question"], r["value"]) for r in detail["results"]] == [
        ("r1.forums", 3)
    ]
    assert set(AdviserView.objects.values_list("module_key", flat=True)) == {
        "support.check"
    }
    # Every page read is logged (the API detail was read twice).
    assert AdviserView.objects.count() == len(pages(check_round)) + 1
    # Reading is all: no answers, no confirming.
    m = {"municipality_slug": check_round.municipality.slug, "pk": check_round.pk}
    assert client.get(reverse("support:answer", kwargs=m)).status_code == 403
    assert (
        client.get(
            reverse("support:confirm", kwargs={**m, "question": "r1.forums"})
        ).status_code
        == 403
    )


def test_the_adviser_dashboard_summary_names_the_last_round_and_open_steps(
    check_round,
):
    from quartier.core.sharing import shared_module
    from quartier.support.models import NextStep

    NextStep.objects.create(
        round=check_round, recommendation="R1", action="r1.forum", text="Forum"
    )
    NextStep.objects.create(
        round=check_round,
        recommendation="R1",
        action="r1.who",
        text="Wege klären",
        done_on=timezone.localdate(),
    )
    module = shared_module("support.check")
    municipality = check_round.municipality
    lines = [
        (str(label), value)
        for label, value in module.summaries([municipality])[municipality.pk]
    ]
    assert lines[0][0] == "Letzter Quartiers-Check"
    assert lines[0][1].startswith("2026 (offen, ")
    assert lines[1] == ("Offene nächste Schritte", "1")
    assert module.url(check_round.municipality).endswith("/check/")
