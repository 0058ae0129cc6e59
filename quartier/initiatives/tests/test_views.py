"""The pages: list with filters, the initiative's page (links, timeline, query
count), forms with messages next to the field, following, the matrix."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.forums.tests.factories import DecisionFactory
from quartier.initiatives import services
from quartier.initiatives.models import Follow, Initiative, InitiativeLink
from quartier.initiatives.tests.factories import InitiativeFactory, PilotFactory, link
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db

LIST = "/musterstadt/initiatives/"


def _links(initiative, n):
    for i in range(n):
        link(
            initiative,
            "initiatives.contribution",
            ContributionFactory(
                municipality=initiative.municipality, title=f"Beitrag Nr. {i}"
            ),
        )


@pytest.mark.parametrize("viewer", ["anonymous", "coordinator"])
def test_the_page_costs_the_same_queries_for_5_and_50_links(
    viewer, client_for, municipality, coordinator, django_assert_max_num_queries
):
    user = coordinator if viewer == "coordinator" else None
    few, many = (
        InitiativeFactory(municipality=municipality),
        InitiativeFactory(municipality=municipality),
    )
    _links(few, 5)
    _links(many, 50)
    for initiative in (few, many):
        decision = DecisionFactory(
            agenda_item__meeting__forum__municipality=municipality,
            agenda_item__meeting__agenda_published_at=timezone.now(),
        )
        link(initiative, "initiatives.decision", decision)
    client = client_for(user)
    client.get(few.get_absolute_url())  # warm caches (sessions, roles)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        page = client.get(few.get_absolute_url())
    assert page.content.decode().count(">Beitrag Nr.") == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(many.get_absolute_url())
    html = page.content.decode()
    assert html.count(">Beitrag Nr.") == 50
    assert "(50)" in html  # the group's count


def test_the_list_filters_and_keeps_its_query_count(
    client, municipality, django_assert_max_num_queries
):
    sonnenberg = NeighborhoodFactory(municipality=municipality, slug="sonnenberg")
    lead = ActorFactory(municipality=municipality, name="Familienzentrum Lindenhof")
    helper = ActorFactory(municipality=municipality, name="Sportverein")
    match = InitiativeFactory(
        municipality=municipality, title="Treffer", phase="pilot", lead_actor=lead
    )
    match.neighborhoods.add(sonnenberg)
    services.partner_add(
        by=_coordinator(municipality), initiative=match, actor=helper, role="funder"
    )
    InitiativeFactory(municipality=municipality, title="Anderes", phase="idea")
    InitiativeFactory(municipality=municipality, title="Geheim", visibility="internal")
    for i in range(15):
        InitiativeFactory(municipality=municipality, title=f"Mehr {i}")
    client.get(LIST)
    with django_assert_max_num_queries(12):
        html = client.get(LIST).content.decode()
    assert "Geheim" not in html
    for query in (
        "phase=pilot",
        "neighborhood=sonnenberg",
        f"lead={lead.pk}",
        f"partner={helper.pk}",
    ):
        html = client.get(f"{LIST}?{query}").content.decode()
        assert "Treffer" in html, query
        assert "Anderes" not in html, query
    # Nonsense in the filters is ignored, never a 500.
    assert client.get(f"{LIST}?phase=zzz&lead=abc&page=x").status_code == 200


def _coordinator(municipality):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, municipality=municipality, role="coordinator")
    return user


def test_the_page_shows_the_timeline_and_the_pilot(client, municipality):
    initiative = InitiativeFactory(municipality=municipality, phase="pilot")
    PilotFactory(initiative=initiative, hypothesis_if="der Treff nachmittags ist")
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert 'aria-current="step"' in html
    assert "der Treff nachmittags ist" in html


def test_a_phase_change_with_open_items_shows_the_question_next_to_the_field(
    client_for, municipality, coordinator
):
    initiative = services.initiative_create(
        by=coordinator,
        municipality=municipality,
        title="Bewegungspark",
        summary="Geräte im Park.",
        lead_actor=ActorFactory(municipality=municipality),
    )
    url = f"{LIST}{initiative.pk}/phase/"
    response = client_for(coordinator).post(url, {"to": "concept", "comment": "los"})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.phase == "idea"
    response = client_for(coordinator).post(
        url, {"to": "concept", "comment": "los", "reason": "Bedarf ist offensichtlich"}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.phase == "concept"


def test_verstetigung_without_learning_is_refused_with_a_message(
    client_for, municipality, coordinator
):
    initiative = InitiativeFactory(municipality=municipality, phase="implementation")
    response = client_for(coordinator).post(
        f"{LIST}{initiative.pk}/phase/", {"to": "consolidation", "reason": "x"}
    )
    assert response.status_code == 200
    assert "Lernergebnis" in str(response.context["form"].errors["to"])
    initiative.refresh_from_db()
    assert initiative.phase == "implementation"


def test_a_forged_link_target_is_refused_next_to_the_field(
    client_for, municipality, other_municipality, coordinator
):
    initiative = InitiativeFactory(municipality=municipality)
    foreign = ContributionFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        f"{LIST}{initiative.pk}/links/new/",
        {"kind": "initiatives.contribution", "target": str(foreign.pk)},
    )
    assert response.status_code == 200
    assert "target" in response.context["form"].errors
    for bad in ("abc", "99999999"):
        response = client_for(coordinator).post(
            f"{LIST}{initiative.pk}/links/new/",
            {"kind": "initiatives.offering", "target": bad},
        )
        assert response.status_code == 200
    assert not InitiativeLink.objects.exists()


def test_a_resident_follows_a_public_initiative(client_for, municipality, resident):
    initiative = InitiativeFactory(municipality=municipality)
    response = client_for(resident).post(
        f"{LIST}{initiative.pk}/follow/", {"follow": "1"}
    )
    assert response.status_code == 302
    assert Follow.objects.filter(user=resident, initiative=initiative).exists()
    client_for(resident).post(f"{LIST}{initiative.pk}/follow/", {"follow": "0"})
    assert not Follow.objects.filter(user=resident).exists()


def test_a_partner_creates_an_initiative_led_by_their_organisation(
    client_for, municipality, partner
):
    mine = ActorFactory(municipality=municipality, name="Stadtteilverein")
    mine.members.add(partner)
    other = ActorFactory(municipality=municipality, name="Fremder Verein")
    form = client_for(partner).get(f"{LIST}new/").content.decode()
    assert "Stadtteilverein" in form and "Fremder Verein" not in form
    response = client_for(partner).post(
        f"{LIST}new/",
        {
            "title": "Repair-Café",
            "summary": "Reparieren statt wegwerfen.",
            "lead_actor": other.pk,
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    assert "lead_actor" in response.context["form"].errors
    response = client_for(partner).post(
        f"{LIST}new/",
        {
            "title": "Repair-Café",
            "summary": "Reparieren statt wegwerfen.",
            "lead_actor": mine.pk,
            "visibility": "public",
            "description": "<p>Jeden Monat</p><script>alert(1)</script>",
        },
    )
    assert response.status_code == 302
    created = Initiative.objects.get(title="Repair-Café")
    assert "<script>" not in created.description
    assert partner.has_perm("initiatives.change_initiative", created)


def test_the_matrix_counts_layers_and_exports_csv(
    client_for, municipality, coordinator
):
    checked = InitiativeFactory(municipality=municipality, title="Mittagstisch")
    InitiativeFactory(municipality=municipality, title="Ungeprüft")
    services.health_check_save(by=coordinator, initiative=checked, layers=[3, 5])
    html = client_for(coordinator).get(f"{LIST}matrix/").content.decode()
    assert "Mittagstisch" in html and "<svg" in html
    csv = client_for(coordinator).get(f"{LIST}matrix.csv").content.decode("utf-8-sig")
    row = next(line for line in csv.splitlines() if line.startswith("Mittagstisch"))
    assert row.count("x") == 2
    assert "Ungeprüft" in csv


def test_the_date_of_a_phase_change_is_guarded(coordinator, municipality):
    initiative = InitiativeFactory(municipality=municipality)
    initiative.checklist.all().delete()
    with pytest.raises(ValidationError):
        services.phase_change(
            by=coordinator,
            initiative=initiative,
            to="concept",
            changed_on=timezone.localdate() + datetime.timedelta(days=3),
        )


def test_the_local_fit_of_an_own_programme_is_for_members(
    client_for, municipality, coordinator, resident
):
    from quartier.programmes.tests.factories import ProgrammeFactory

    initiative = InitiativeFactory(municipality=municipality)
    programme = ProgrammeFactory(municipality=municipality, name="Lotsenmodell")
    services.adaptation_save(
        by=coordinator,
        initiative=initiative,
        programme=programme,
        needs_analysis="Sprachbarrieren in Praxen",
    )
    guest = client_for(None).get(initiative.get_absolute_url()).content.decode()
    assert "Lotsenmodell" not in guest
    member = client_for(resident).get(initiative.get_absolute_url()).content.decode()
    assert "Lotsenmodell" in member and "Sprachbarrieren in Praxen" in member


def test_an_adaptation_needs_a_programme_of_the_library(
    coordinator, municipality, other_municipality
):
    from quartier.programmes.tests.factories import ProgrammeFactory

    initiative = InitiativeFactory(municipality=municipality)
    foreign = ProgrammeFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        services.adaptation_save(
            by=coordinator, initiative=initiative, programme=foreign
        )


def test_the_neighbourhood_page_lists_its_initiatives(
    client, municipality, neighborhood
):
    shown = InitiativeFactory(municipality=municipality, title="Quartiersgarten")
    hidden = InitiativeFactory(
        municipality=municipality, title="Interne Planung", visibility="internal"
    )
    for initiative in (shown, hidden):
        initiative.neighborhoods.add(neighborhood)
    html = client.get(
        f"/musterstadt/neighborhoods/{neighborhood.slug}/"
    ).content.decode()
    assert "Quartiersgarten" in html
    assert "Interne Planung" not in html


def test_the_matrix_table_is_paged_while_the_chart_counts_every_initiative(
    client_for, municipality, coordinator, monkeypatch
):
    from quartier.initiatives.views import health

    monkeypatch.setattr(health, "MATRIX_PAGE_SIZE", 2)
    for title in ("Alpha", "Beta", "Gamma"):
        initiative = InitiativeFactory(municipality=municipality, title=title)
        services.health_check_save(by=coordinator, initiative=initiative, layers=[3])
    client = client_for(coordinator)
    first = client.get(f"{LIST}matrix/").content.decode()
    second = client.get(f"{LIST}matrix/?page=2").content.decode()
    assert "Alpha" in first and "Beta" in first and "Gamma" not in first
    assert "Gamma" in second and "Alpha" not in second
    # The chart's data table counts all three on both pages.
    assert ">3<" in first and ">3<" in second


def test_the_matrix_chart_counts_each_layer_and_the_unchecked_in_the_database(
    client_for, municipality, other_municipality, coordinator
):
    # The counts come from one aggregate over the municipality's checks (issue 19),
    # not from every check read into Python.
    from quartier.initiatives.models import HealthCheck

    for title, layers in (("A", [1, 3]), ("B", [3, 5]), ("C", [5, 4, 3])):
        initiative = InitiativeFactory(municipality=municipality, title=title)
        services.health_check_save(by=coordinator, initiative=initiative, layers=layers)
    InitiativeFactory(municipality=municipality, title="Ungeprüft")
    elsewhere = InitiativeFactory(municipality=other_municipality)
    HealthCheck.objects.create(initiative=elsewhere, layers=[1, 2, 3, 4, 5])

    with CaptureQueriesContext(connection) as queries:
        response = client_for(coordinator).get(f"{LIST}matrix/")

    assert [bar.value for bar in response.context["chart"].bars] == [1, 0, 3, 1, 2]
    # Only the shown rows' checks are read (by id), never every check.
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "initiatives_healthcheck"')
    ]
    assert reads and all('"initiative_id" IN (' in sql for sql in reads)
    assert response.context["unchecked"] == 1
    rows = {row["initiative"].title: row for row in response.context["rows"]}
    assert rows["C"]["cells"] == [False, False, True, True, True]
    assert rows["A"]["checked"] and rows["A"]["cells"][0]
    assert not rows["Ungeprüft"]["checked"]
