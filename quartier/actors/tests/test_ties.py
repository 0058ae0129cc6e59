"""Ties both sides confirm: proposal, confirmation, decline, ending, coordination
records; and every consumer of ties counts confirmed ones only."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors import services
from quartier.actors.models import ActorMember, Tie, TieStatus
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core import worklist

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(municipality, partner):
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    ActorMember.objects.create(actor=actor, user=partner, role="admin")
    return actor


@pytest.fixture
def youth(municipality):
    return ActorFactory(municipality=municipality, name="Jugendtreff Ost")


@pytest.fixture
def youth_worker(municipality, youth):
    user = UserFactory(email="jugendtreff@test.example", display_name="Jana J.")
    MembershipFactory(user=user, municipality=municipality, role="partner")
    ActorMember.objects.create(actor=youth, user=user, role="admin")
    return user


def url(name, actor, **kwargs):
    return reverse(
        f"actors:{name}",
        kwargs={"municipality_slug": actor.municipality.slug, "pk": actor.pk, **kwargs},
    )


def propose(client_for, partner, club, youth):
    return client_for(partner).post(
        url("tie_new", club),
        {"target": youth.pk, "kind": "cooperation", "intensity": 2},
    )


def test_a_partner_proposes_and_the_other_side_confirms(
    client_for, partner, club, youth, youth_worker
):
    response = propose(client_for, partner, club, youth)

    assert response.status_code == 302
    tie = Tie.objects.get()
    assert (tie.source, tie.target, tie.status) == (club, youth, TieStatus.PROPOSED)
    assert tie.proposed_by == partner
    assert not tie.recorded_by_coordination
    # The other side is told by e-mail and finds it on "Meine Übersicht".
    assert [m.to for m in mail.outbox] == [["jugendtreff@test.example"]]
    filled = {
        f.queue.key: f
        for f in worklist.fill(youth_worker, club.municipality, worklist.WORK)
    }
    assert filled["actors.tie_proposals"].count == 1
    overview = client_for(youth_worker).get("/musterstadt/overview/")
    assert "Sportverein Sonnenberg" in overview.content.decode()

    response = client_for(youth_worker).post(url("tie_confirm", youth, tie_pk=tie.pk))

    assert response.status_code == 302
    tie.refresh_from_db()
    assert tie.status == TieStatus.ACTIVE
    assert tie.confirmed_by == youth_worker
    assert tie.confirmed_at is not None
    assert mail.outbox[-1].to == ["partner@test.example"]


def test_the_proposing_side_cannot_confirm_its_own_proposal(
    client_for, partner, club, youth, youth_worker
):
    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")

    response = client_for(partner).post(url("tie_confirm", club, tie_pk=tie.pk))

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.tie_confirm(by=partner, tie=tie)
    tie.refresh_from_db()
    assert tie.status == TieStatus.PROPOSED
    # It is not in the proposer's own queue either.
    assert not [
        f
        for f in worklist.fill(partner, club.municipality, worklist.WORK)
        if f.queue.key == "actors.tie_proposals" and f.count
    ]


def test_someone_acting_for_both_sides_cannot_confirm_their_own_proposal(
    client_for, partner, club, youth
):
    ActorMember.objects.create(actor=youth, user=partner)
    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")

    response = client_for(partner).post(url("tie_confirm", youth, tie_pk=tie.pk))

    assert response.status_code == 403
    tie.refresh_from_db()
    assert tie.status == TieStatus.PROPOSED


def test_the_coordination_does_not_confirm_on_behalf_of_a_side(
    client_for, coordinator, partner, club, youth, municipality
):
    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")

    response = client_for(coordinator).post(url("tie_confirm", youth, tie_pk=tie.pk))

    assert response.status_code == 403
    tie.refresh_from_db()
    assert tie.status == TieStatus.PROPOSED
    # Nor is the queue of proposals on their "Meine Übersicht".
    keys = {f.queue.key for f in worklist.fill(coordinator, municipality, "work")}
    assert "actors.tie_proposals" not in keys


def test_the_other_side_declines(client_for, partner, club, youth, youth_worker):
    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")

    client_for(youth_worker).post(
        url("tie_confirm", youth, tie_pk=tie.pk), {"decline": "1"}
    )

    tie.refresh_from_db()
    assert tie.status == TieStatus.DECLINED
    assert tie.ended_by == youth_worker
    assert "abgelehnt" in mail.outbox[-1].subject or "declined" in (
        mail.outbox[-1].subject
    )


def test_either_side_ends_a_tie_and_it_stays_in_the_history(
    client_for, partner, club, youth, youth_worker
):
    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")
    services.tie_confirm(by=youth_worker, tie=tie)

    response = client_for(youth_worker).post(url("tie_end", youth, tie_pk=tie.pk))

    assert response.status_code == 302
    tie.refresh_from_db()
    assert tie.status == TieStatus.ENDED
    assert tie.ended_by == youth_worker
    assert Tie.objects.filter(pk=tie.pk).exists()
    statuses = list(tie.history.values_list("status", flat=True))
    assert statuses == ["ended", "active", "proposed"]
    html = client_for(partner).get(url("detail", club)).content.decode()
    assert "Jugendtreff Ost" in html  # under "ended and declined ties"


def test_an_unrelated_partner_cannot_end_a_tie(
    client_for, municipality, club, youth, youth_worker, partner
):
    outsider = UserFactory(email="fremd@test.example")
    MembershipFactory(user=outsider, municipality=municipality, role="partner")
    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")
    services.tie_confirm(by=youth_worker, tie=tie)

    response = client_for(outsider).post(url("tie_end", club, tie_pk=tie.pk))

    assert response.status_code == 403
    tie.refresh_from_db()
    assert tie.status == TieStatus.ACTIVE


def test_the_coordination_records_a_tie_directly_with_a_note(
    client_for, coordinator, club, youth
):
    response = client_for(coordinator).post(
        url("tie_new", club),
        {"target": youth.pk, "kind": "cooperation", "intensity": 3},
    )

    assert response.status_code == 302
    tie = Tie.objects.get()
    assert tie.status == TieStatus.ACTIVE
    assert tie.recorded_by_coordination
    html = client_for(None).get(url("detail", club)).content.decode()
    assert "Jugendtreff Ost" in html
    assert "von der Koordination erfasst" in html or "recorded by the coordination" in (
        html
    )


def test_a_second_proposal_between_the_same_two_is_refused(
    partner, club, youth, youth_worker
):
    services.tie_propose(by=partner, source=club, target=youth, kind="referral")

    with pytest.raises(ValidationError):
        services.tie_propose(by=youth_worker, source=youth, target=club, kind="funding")
    assert Tie.objects.count() == 1


def test_a_partner_proposes_only_from_their_own_actor(
    client_for, partner, youth, municipality
):
    other = ActorFactory(municipality=municipality)

    response = client_for(partner).post(
        url("tie_new", youth), {"target": other.pk, "kind": "cooperation"}
    )

    assert response.status_code == 403
    assert not Tie.objects.exists()


def test_a_tie_to_another_municipalitys_actor_is_impossible(
    client_for, partner, club, other_municipality
):
    foreign = ActorFactory(municipality=other_municipality)

    response = client_for(partner).post(
        url("tie_new", club), {"target": foreign.pk, "kind": "cooperation"}
    )

    assert response.status_code == 200  # the form names the field
    assert not Tie.objects.exists()
    with pytest.raises(ValidationError):
        services.tie_propose(by=partner, source=club, target=foreign, kind="referral")


def test_proposals_are_not_shown_to_the_public_or_to_the_network(
    client, partner, club, youth
):
    services.tie_propose(by=partner, source=club, target=youth, kind="referral")

    html = client.get(url("detail", youth)).content.decode()

    assert "Sportverein Sonnenberg" not in html


def test_the_api_lists_confirmed_ties_only(
    client_for, partner, club, youth, youth_worker, municipality
):
    active = TieFactory(source=club, target=ActorFactory(municipality=municipality))
    proposed = services.tie_propose(
        by=partner, source=club, target=youth, kind="referral"
    )
    client = client_for(partner)

    listed = client.get("/api/v1/municipalities/musterstadt/ties").json()
    ids = [item["id"] for item in listed["items"]]

    assert ids == [active.pk]
    assert listed["items"][0]["status"] == "active"
    # The proposal's own address answers only the two sides and the coordination.
    detail = f"/api/v1/municipalities/musterstadt/ties/{proposed.pk}"
    assert client.get(detail).status_code == 200
    assert client_for(None).get(detail).status_code in (401, 404)


def test_the_overlap_matrix_counts_confirmed_ties_only(
    partner, club, youth, youth_worker, municipality
):
    from quartier.directory.matrix import _tied_pairs

    tie = services.tie_propose(by=partner, source=club, target=youth, kind="referral")
    assert _tied_pairs(municipality) == set()

    services.tie_confirm(by=youth_worker, tie=tie)
    assert _tied_pairs(municipality) == {frozenset((club.pk, youth.pk))}

    services.tie_end(by=partner, tie=tie)
    assert _tied_pairs(municipality) == set()


# Readers of ties outside the actors app that may see every status, with the reason.
ALL_STATUSES = {
    "demo/management/commands/seed_demo.py": "prints how many ties the demo holds",
    "demo/loader.py": "writes the demo's ties; leaves a proposal alone once any exists",
    "network/bench.py": "benchmark data: skips pairs that already have any tie",
}
# `.active()` (confirmed now), `.open()`/`.proposed()` on purpose, a write, or an
# explicit status filter (e.g. the network as it was on a past date: active then).
READS_ACTIVE = (".active()", ".open()", ".proposed()", "bulk_create(", "status")
REVERSE = re.compile(r"\bties_(?:in|out)\b")


def test_every_reader_of_ties_outside_actors_asks_for_a_status():
    """A module that reads ties by hand (e.g. `archived_at__isnull=True` only) would
    count proposals and ended ties in the network: every `Tie.objects` outside the
    actors app goes through `.active()` (or `.open()`/`.proposed()`, or filters by
    status itself, on purpose)."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if (
            relative.startswith("actors/")
            or "/tests/" in relative
            or "/migrations/" in relative
            or relative in ALL_STATUSES
        ):
            continue
        text = path.read_text(encoding="utf-8")
        start = text.find("Tie.objects")
        while start != -1:
            statement = text[start : start + 240]
            if not any(token in statement for token in READS_ACTIVE):
                offenders.append(f"{relative}: {statement.splitlines()[0]}")
            start = text.find("Tie.objects", start + 1)
        # The reverse relations read every status: outside actors, ask the queryset.
        if REVERSE.search(text):
            offenders.append(f"{relative}: reads actor.ties_out/ties_in")
    for path in root.rglob("*.html"):
        relative = path.relative_to(root).as_posix()
        if not relative.startswith("actors/") and REVERSE.search(
            path.read_text(encoding="utf-8")
        ):
            offenders.append(f"{relative}: reads actor.ties_out/ties_in")
    assert offenders == []


def test_the_matrix_one_click_tie_is_a_proposal_for_partners(
    client_for, partner, club, youth, youth_worker
):
    response = client_for(partner).post(
        reverse(
            "directory:matrix_tie",
            kwargs={
                "municipality_slug": "musterstadt",
                "first": youth.pk,
                "second": club.pk,
            },
        ),
        {},
    )

    assert response.status_code == 302
    tie = Tie.objects.get()
    # Proposed from the side the partner acts for, to the other.
    assert (tie.source, tie.target, tie.status) == (club, youth, TieStatus.PROPOSED)


def test_the_matrix_one_click_tie_is_recorded_by_coordinators(
    client_for, coordinator, club, youth
):
    client_for(coordinator).post(
        reverse(
            "directory:matrix_tie",
            kwargs={
                "municipality_slug": "musterstadt",
                "first": club.pk,
                "second": youth.pk,
            },
        ),
        {},
    )

    tie = Tie.objects.get()
    assert tie.status == TieStatus.ACTIVE and tie.recorded_by_coordination


def test_the_actor_page_costs_the_same_queries_with_more_ties(
    client_for, partner, club, municipality
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            other = ActorFactory(municipality=municipality, name=f"Verein {i}")
            worker = UserFactory(email=f"v{i}-{Tie.objects.count()}@test.example")
            MembershipFactory(user=worker, municipality=municipality, role="partner")
            ActorMember.objects.create(actor=other, user=worker)
            services.tie_propose(by=worker, source=other, target=club, kind="referral")
            TieFactory(source=club, target=ActorFactory(municipality=municipality))
            ended = services.tie_propose(
                by=partner,
                source=club,
                target=ActorFactory(municipality=municipality),
                kind="funding",
            )
            services.tie_end(by=partner, tie=ended)

    client = client_for(partner)
    add(1)
    client.get(url("detail", club))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("detail", club)).status_code == 200
    add(5)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("detail", club)).status_code == 200
    assert len(many) == len(few), len(few)
