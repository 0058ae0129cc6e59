"""What the rooms pages cost a coordinator does not grow with the town's actors
and bookings (docs/benchmarks.md, "Signed-in pages")."""

import datetime

import pytest
from django.db.models.signals import post_init

from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory
from quartier.rooms.forms import OFFERED
from quartier.rooms.tests.factories import BookingFactory, RoomFactory, next_weekday


@pytest.fixture
def count_actors():
    made = []

    def count(sender, **kwargs):
        made.append(sender)

    post_init.connect(count, sender=Actor, weak=False)
    yield made
    post_init.disconnect(count, sender=Actor)


@pytest.mark.parametrize(
    "path,search",
    [
        ("{room}/book/", "on_behalf_of_search"),
        ("{room}/edit/", "owner_actor_search"),
        ("new/", "owner_actor_search"),
    ],
)
def test_actor_choices_build_no_actor_per_option(
    client_for, coordinator, municipality, count_actors, path, search
):
    room = RoomFactory(municipality=municipality)
    actors = [ActorFactory(municipality=municipality) for _ in range(30)]
    url = f"/{municipality.slug}/rooms/" + path.format(room=room.slug)

    count_actors.clear()
    client = client_for(coordinator)
    page = client.get(url).content.decode()
    # More than OFFERED: a search field, no option per actor (test_actor_search.py).
    assert not any(actor.name in page for actor in actors)
    response = client.post(url, {search: "verein", "find": search})

    assert response.status_code == 200
    page = response.content.decode()
    offered = [a for a in actors if f'<option value="{a.pk}">{a.name}</option>' in page]
    assert len(offered) == OFFERED  # the first OFFERED matches
    assert len(count_actors) < 5  # not one per option


def test_requests_queue_queries_do_not_grow_with_bookings(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    room = RoomFactory(municipality=municipality, approval="approval")
    client = client_for(coordinator)
    url = f"/{municipality.slug}/rooms/requests/"
    start = next_weekday(1, 18)
    days = iter(range(100))

    def booking(status):
        # One day apart: confirmed bookings may not overlap (PostgreSQL's
        # exclusion constraint rooms_booking_no_overlap).
        begins = start + datetime.timedelta(days=next(days))
        return BookingFactory(
            room=room,
            status=status,
            starts_at=begins,
            ends_at=begins + datetime.timedelta(hours=2),
        )

    booking("requested")
    booking("confirmed")
    with django_assert_max_num_queries(50) as few:
        assert client.get(url).status_code == 200
    for _ in range(15):
        booking("requested")
        booking("confirmed")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Treffen ") >= 32
