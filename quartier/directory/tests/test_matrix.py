"""The overlap matrix: what counts, opportunities, gaps, ties from the matrix, CSV."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.models import Tie
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.directory.matrix import build_matrix
from quartier.directory.tests.factories import LocationFactory, ServiceFactory, term

pytestmark = pytest.mark.django_db


def cell(matrix, hood, topic_code):
    for row in matrix.rows:
        if (row.neighborhood and row.neighborhood.pk) == (hood and hood.pk):
            for c in row.cells:
                if c.topic.code == topic_code:
                    return c
    raise AssertionError(f"no cell {hood} × {topic_code}")


def offer(municipality, provider, hood, *codes, **fields):
    return ServiceFactory(
        municipality=municipality,
        provider=provider,
        terms=[term(municipality, code) for code in codes],
        neighborhoods=[hood] if hood else [],
        **fields,
    )


@pytest.fixture
def providers(municipality):
    return (
        ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V."),
        ActorFactory(municipality=municipality, name="Lauftreff Sonnenberg"),
    )


def test_two_providers_in_one_cell_are_an_opportunity(
    municipality, neighborhood, providers
):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung")
    offer(municipality, lauf, neighborhood, "bewegung")

    result = build_matrix(municipality)

    found = cell(result, neighborhood, "bewegung")
    assert found.count == 2
    assert found.is_opportunity
    assert [p.name for p in found.providers] == [
        "Lauftreff Sonnenberg",
        "Sportverein Sonnenberg e.V.",
    ]
    assert len(found.pairs) == 1 and not found.pairs[0].tied
    assert found in result.opportunities


def test_two_offerings_of_one_provider_are_no_opportunity(
    municipality, neighborhood, providers
):
    sport, _lauf = providers
    offer(municipality, sport, neighborhood, "bewegung")
    offer(municipality, sport, neighborhood, "bewegung")

    found = cell(build_matrix(municipality), neighborhood, "bewegung")

    assert found.count == 2
    assert not found.is_opportunity
    assert found.pairs == []


@pytest.mark.parametrize("status", ["inactive", "defunct", "temporarily closed"])
def test_offerings_that_are_not_active_are_ignored(
    municipality, neighborhood, providers, status
):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung")
    offer(municipality, lauf, neighborhood, "bewegung", status=status)

    found = cell(build_matrix(municipality), neighborhood, "bewegung")

    assert found.count == 1
    assert not found.is_opportunity


def test_archived_offerings_and_providers_are_ignored(
    municipality, neighborhood, providers
):
    from django.utils import timezone

    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung", archived_at=timezone.now())
    lauf.archived_at = timezone.now()
    lauf.save()
    offer(municipality, lauf, neighborhood, "bewegung")

    assert cell(build_matrix(municipality), neighborhood, "bewegung").is_gap


def test_empty_cells_are_gaps_and_other_municipalities_do_not_count(
    municipality, other_municipality, neighborhood, providers
):
    sport, _lauf = providers
    offer(municipality, sport, neighborhood, "bewegung")
    elsewhere = ActorFactory(municipality=other_municipality)
    offer(other_municipality, elsewhere, None, "sucht")

    result = build_matrix(municipality)

    assert cell(result, neighborhood, "sucht").is_gap
    assert not cell(result, neighborhood, "bewegung").is_gap
    assert "Sucht" in [c.topic.name for c in result.gaps]
    assert result.offering_count == 1


def test_a_tie_between_the_providers_is_shown(municipality, neighborhood, providers):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung")
    offer(municipality, lauf, neighborhood, "bewegung")
    TieFactory(source=lauf, target=sport)

    found = cell(build_matrix(municipality), neighborhood, "bewegung")

    assert found.pairs[0].tied


def test_the_target_group_filter_keeps_offerings_for_everyone(
    municipality, neighborhood, providers
):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung", "aeltere")
    offer(municipality, lauf, neighborhood, "bewegung", "alle")
    offer(municipality, lauf, neighborhood, "bewegung", "kinder")

    result = build_matrix(municipality, target_group=term(municipality, "aeltere"))

    found = cell(result, neighborhood, "bewegung")
    assert found.count == 2
    assert found.is_opportunity


def test_offerings_without_neighbourhood_use_their_places_or_the_whole_town(
    municipality, neighborhood, providers
):
    sport, lauf = providers
    place = LocationFactory(municipality=municipality, neighborhood=neighborhood)
    ServiceFactory(
        municipality=municipality,
        provider=sport,
        terms=[term(municipality, "beratung")],
        locations=[place],
    )
    offer(municipality, lauf, None, "beratung")

    result = build_matrix(municipality)

    assert cell(result, neighborhood, "beratung").count == 1
    assert cell(result, None, "beratung").count == 1
    assert result.rows[-1].neighborhood is None


def _seed(municipality, hoods, count):
    actors = [ActorFactory(municipality=municipality) for _ in range(5)]
    codes = ["bewegung", "sucht", "beratung"]
    for i in range(count):
        offer(
            municipality,
            actors[i % 5],
            hoods[i % len(hoods)],
            codes[i % 3],
            "alle",
        )


@pytest.mark.parametrize("target_group", [False, True])
def test_the_number_of_queries_does_not_grow_with_the_offerings(
    municipality, neighborhood, target_group
):
    hoods = [neighborhood, NeighborhoodFactory(municipality=municipality)]
    group = term(municipality, "aeltere") if target_group else None
    _seed(municipality, hoods, 5)
    with CaptureQueriesContext(connection) as few:
        build_matrix(municipality, target_group=group)
    _seed(municipality, hoods, 45)
    with CaptureQueriesContext(connection) as many:
        result = build_matrix(municipality, target_group=group)
    assert result.offering_count == 50
    assert len(few) == len(many)


# ---------------------------------------------------------------------------
# Views


def test_members_see_the_matrix_with_providers_named(
    client_for, resident, municipality, neighborhood, providers
):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung", name="Rückenfit")
    offer(municipality, lauf, neighborhood, "bewegung", name="Laufen am Morgen")
    url = reverse("directory:matrix", kwargs={"municipality_slug": "musterstadt"})

    response = client_for(resident).get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Rückenfit" in html and "Lauftreff Sonnenberg" in html
    assert "<svg" in html and "<table" in html
    # Residents see the opportunity but get no button to record a tie.
    assert "matrix/ties/" not in html


def test_the_matrix_page_has_a_fixed_number_of_queries(
    client_for, coordinator, municipality, neighborhood, django_assert_max_num_queries
):
    hoods = [neighborhood]
    url = reverse("directory:matrix", kwargs={"municipality_slug": "musterstadt"})
    client = client_for(coordinator)
    _seed(municipality, hoods, 5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _seed(municipality, hoods, 45)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_coordinators_record_a_tie_from_the_matrix(
    client_for, coordinator, municipality, neighborhood, providers
):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung")
    offer(municipality, lauf, neighborhood, "bewegung")
    client = client_for(coordinator)
    page = client.get(
        reverse("directory:matrix", kwargs={"municipality_slug": "musterstadt"})
    )
    url = reverse(
        "directory:matrix_tie",
        kwargs={
            "municipality_slug": "musterstadt",
            "first": lauf.pk,
            "second": sport.pk,
        },
    )
    assert url in page.content.decode()

    response = client.post(
        url, {"neighborhood": neighborhood.slug, "topic": "bewegung"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#opportunities")
    tie = Tie.objects.get()
    assert {tie.source, tie.target} == {sport, lauf}
    assert tie.kind == "cooperation"
    assert "Bewegung" in tie.note and "Sonnenberg" in tie.note
    # Once recorded, the matrix says so and offers no second button.
    page = client.get(
        reverse("directory:matrix", kwargs={"municipality_slug": "musterstadt"})
    )
    assert url not in page.content.decode()


def test_an_existing_tie_is_not_recorded_twice(
    client_for, coordinator, municipality, providers
):
    sport, lauf = providers
    TieFactory(source=sport, target=lauf)
    url = reverse(
        "directory:matrix_tie",
        kwargs={
            "municipality_slug": "musterstadt",
            "first": lauf.pk,
            "second": sport.pk,
        },
    )

    response = client_for(coordinator).post(url, follow=True)

    assert Tie.objects.count() == 1
    messages = [str(m) for m in response.context["messages"]]
    assert any("Lauftreff Sonnenberg" in m for m in messages)


@pytest.mark.parametrize("role", ["resident", "partner"])
def test_only_coordinators_record_ties(client_for, users, providers, role):
    sport, lauf = providers
    url = reverse(
        "directory:matrix_tie",
        kwargs={
            "municipality_slug": "musterstadt",
            "first": sport.pk,
            "second": lauf.pk,
        },
    )

    response = client_for(users[role]).post(url)

    assert response.status_code == 403
    assert not Tie.objects.exists()


def test_actors_of_another_municipality_are_not_found(
    client_for, coordinator, other_municipality, providers
):
    sport, _lauf = providers
    foreign = ActorFactory(municipality=other_municipality)
    url = reverse(
        "directory:matrix_tie",
        kwargs={
            "municipality_slug": "musterstadt",
            "first": sport.pk,
            "second": foreign.pk,
        },
    )

    assert client_for(coordinator).post(url).status_code == 404
    assert not Tie.objects.exists()


def test_the_csv_has_a_bom_semicolons_and_every_cell(
    client_for, resident, municipality, neighborhood, providers
):
    sport, lauf = providers
    offer(municipality, sport, neighborhood, "bewegung", "alle", name="=Rückenfit")
    offer(municipality, lauf, neighborhood, "bewegung", "aeltere")
    url = reverse("directory:matrix_csv", kwargs={"municipality_slug": "musterstadt"})

    response = client_for(resident).get(url, {"target_group": "aeltere"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].split(";")[:4] == [
        "neighborhood",
        "topic",
        "target_group",
        "offerings",
    ]
    topics = 12
    assert len(lines) == 1 + topics  # one neighbourhood, every default topic
    bewegung = next(line for line in lines if ";Bewegung;" in line)
    assert bewegung.split(";")[2:5] == ["Ältere", "2", "2"]
    assert "'=Rückenfit" in bewegung


def test_guests_are_asked_to_sign_in_for_the_matrix(client_for):
    from quartier.core.tests.factories import MunicipalityFactory

    MunicipalityFactory(slug="musterstadt")
    url = reverse("directory:matrix", kwargs={"municipality_slug": "musterstadt"})
    response = client_for(None).get(url)
    assert response.status_code == 302
