"""The actor selects of the rooms forms (the booking's "on behalf of", the room's
owner) and the booking's meeting select stay small however many actors and
meetings a town has (issue 19): with more than OFFERED actors the form has a
search field and its own "Suchen" button, which sends the form back with
everything typed, no errors and the matching actors (docs/rooms.md)."""

import datetime

import pytest
from django.utils import timezone

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.forums.tests.factories import ForumFactory, MeetingFactory
from quartier.rooms import forms
from quartier.rooms.models import Booking, Room
from quartier.rooms.tests.factories import RoomFactory, next_weekday

pytestmark = pytest.mark.django_db

# Every form of the rooms app with an actor select: (path, field, search field).
ACTOR_FORMS = [
    ("{room}/book/", "on_behalf_of", "on_behalf_of_search"),
    ("{room}/edit/", "owner_actor", "owner_actor_search"),
    ("new/", "owner_actor", "owner_actor_search"),
]


@pytest.fixture
def offered(monkeypatch):
    """Offer at most 2 options, so a handful of rows shows the search."""
    monkeypatch.setattr(forms, "OFFERED", 2)
    return 2


@pytest.fixture
def room(municipality):
    return RoomFactory(municipality=municipality, capacity=30)


def _url(municipality, path, room):
    return f"/{municipality.slug}/rooms/" + path.format(room=room.slug)


def _options(page, name):
    select = page.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return select.count("<option")


def _booking_data(**extra):
    day = next_weekday(2).date()
    data = {
        "purpose": "Nachbarschaftscafé mit Kuchen",
        "purpose_public": "on",
        "expected_people": "12",
        "date": day.isoformat(),
        "start": "15:00",
        "end": "17:00",
        "weeks": "1",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("path,name,search", ACTOR_FORMS)
def test_few_actors_are_all_offered_without_a_search(
    client_for, coordinator, municipality, room, offered, path, name, search
):
    actors = [ActorFactory(municipality=municipality) for _ in range(offered)]
    page = client_for(coordinator).get(_url(municipality, path, room)).content.decode()
    for actor in actors:
        assert f'<option value="{actor.pk}">{actor.name}</option>' in page
    assert f'name="{search}"' not in page


@pytest.mark.parametrize("path,name,search", ACTOR_FORMS)
def test_many_actors_are_searched_not_listed(
    client_for, coordinator, municipality, room, offered, path, name, search
):
    actors = [ActorFactory(municipality=municipality) for _ in range(offered + 3)]
    page = client_for(coordinator).get(_url(municipality, path, room)).content.decode()
    assert f'name="{search}"' in page
    assert f'name="find" value="{search}"' in page  # the form's own search button
    assert _options(page, name) == 1  # only "myself" / the municipality
    for actor in actors:
        assert actor.name not in page
    assert "Suchen Sie zuerst oben nach der Organisation." in page


@pytest.mark.parametrize("path,name,search", ACTOR_FORMS)
def test_queries_do_not_grow_with_actors(
    client_for,
    coordinator,
    municipality,
    room,
    offered,
    django_assert_max_num_queries,
    path,
    name,
    search,
):
    client = client_for(coordinator)
    url = _url(municipality, path, room)
    for _ in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Sportverein {_}")
    with django_assert_max_num_queries(60) as few:
        assert client.post(url, {search: "sport", "find": search}).status_code == 200
    for _ in range(6):
        ActorFactory(municipality=municipality, name=f"Sportclub {_}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.post(url, {search: "sport", "find": search}).content.decode()
    assert _options(page, name) == 1 + offered


def test_the_search_keeps_everything_typed_shows_no_errors_and_books_nothing(
    client_for, coordinator, municipality, room, offered
):
    club = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    data = _booking_data(
        on_behalf_of_search="sportverein sonnen", find="on_behalf_of_search"
    )
    del data["end"]  # missing: still no error, the search only searches
    response = client_for(coordinator).post(
        _url(municipality, "{room}/book/", room), data
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert not Booking.objects.exists()
    assert "kern-error" not in page
    assert 'value="Nachbarschaftscafé mit Kuchen"' in page
    assert (
        'name="purpose_public" aria-describedby="booking_purpose_public_helptext"'
        in page
    )
    assert "checked" in page.split('name="purpose_public"', 1)[1].split(">", 1)[0]
    assert f'value="{data["date"]}"' in page
    assert 'value="15:00"' in page
    assert 'value="sportverein sonnen"' in page
    assert f'<option value="{club.pk}">{club.name}</option>' in page
    assert "Chor" not in page
    assert "Die Organisationen, auf die „sportverein sonnen“ passt." in page


def test_the_search_says_when_nothing_or_too_much_matches(
    client_for, coordinator, municipality, room, offered
):
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    client = client_for(coordinator)
    url = _url(municipality, "{room}/book/", room)
    find = {"find": "on_behalf_of_search"}

    page = client.post(url, {"on_behalf_of_search": "Chor", **find}).content.decode()
    assert _options(page, "on_behalf_of") == 1 + offered
    assert "Mehr als 2 Organisationen passen auf „Chor“" in page

    page = client.post(url, {"on_behalf_of_search": "Zirkus", **find}).content.decode()
    assert "Keine Organisation passt auf „Zirkus“." in page


def test_a_searched_actor_is_booked_for(
    client_for, coordinator, municipality, room, offered
):
    club = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    data = _booking_data(on_behalf_of_search="sportverein", on_behalf_of=club.pk)
    response = client_for(coordinator).post(
        _url(municipality, "{room}/book/", room), data
    )

    assert response.status_code == 302
    assert Booking.objects.get().on_behalf_of == club


def test_an_invalid_booking_keeps_the_chosen_actor_offered(
    client_for, coordinator, municipality, room, offered
):
    club = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    data = _booking_data(on_behalf_of=club.pk, purpose="")
    page = client_for(coordinator).post(_url(municipality, "{room}/book/", room), data)

    assert page.status_code == 200
    assert f'<option value="{club.pk}" selected>{club.name}</option>' in (
        page.content.decode()
    )
    assert not Booking.objects.exists()


@pytest.mark.parametrize("few", [True, False])
def test_another_towns_actor_is_refused_next_to_the_field(
    client_for, coordinator, municipality, other_municipality, room, offered, few
):
    for n in range(offered if few else offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    foreign = ActorFactory(municipality=other_municipality)
    client = client_for(coordinator)
    for value in (foreign.pk, "abc", 10**9):
        response = client.post(
            _url(municipality, "{room}/book/", room),
            _booking_data(on_behalf_of=value),
        )
        assert response.status_code == 200
        page = response.content.decode()
        error = page.split('id="booking_on_behalf_of_error"', 1)[1][:200]
        assert "Wählen Sie eine Organisation dieser Kommune." in error
        assert foreign.name not in page
    assert not Booking.objects.exists()


def test_the_room_form_searches_its_owner_and_keeps_the_current_one(
    client_for, coordinator, municipality, offered
):
    owner = ActorFactory(municipality=municipality, name="Familienzentrum Sonnenberg")
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    room = RoomFactory(municipality=municipality, owner_actor=owner)
    client = client_for(coordinator)
    url = _url(municipality, "{room}/edit/", room)

    page = client.get(url).content.decode()
    assert f'<option value="{owner.pk}" selected>{owner.name}</option>' in page
    assert _options(page, "owner_actor") == 2  # the municipality and the owner

    page = client.post(
        url,
        {"name": "Neuer Name", "owner_actor_search": "chor 1", "find": "x"},
    ).content.decode()
    assert 'value="Neuer Name"' in page
    assert "kern-error" not in page
    assert "Chor 1</option>" in page
    room.refresh_from_db()
    assert room.name != "Neuer Name"


def test_the_room_forms_owner_from_another_town_is_refused(
    client_for, coordinator, municipality, other_municipality, offered
):
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    foreign = ActorFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        f"/{municipality.slug}/rooms/new/",
        {"name": "Saal", "slug": "saal", "owner_actor": foreign.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split('id="id_owner_actor_error"', 1)[1][:200]
    assert "Wählen Sie eine Organisation dieser Kommune." in error
    assert not Room.objects.filter(slug="saal").exists()


def test_a_partner_chooses_among_their_own_actors(
    client_for, partner, municipality, room, offered
):
    own = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=own, user=partner)
    for _n in range(offered + 1):
        ActorFactory(municipality=municipality)
    page = client_for(partner).get(_url(municipality, "{room}/book/", room))
    page = page.content.decode()
    assert f'<option value="{own.pk}">{own.name}</option>' in page
    assert _options(page, "on_behalf_of") == 2
    assert "on_behalf_of_search" not in page


# Meetings ---------------------------------------------------------------


def _meeting(forum, days, **kwargs):
    start = (timezone.now() + datetime.timedelta(days=days)).replace(
        second=0, microsecond=0
    )
    return MeetingFactory(forum=forum, starts_at=start, **kwargs)


def test_the_next_meetings_are_offered_those_of_the_chosen_day_first(
    client_for, coordinator, municipality, room, offered
):
    forum = ForumFactory(municipality=municipality)
    soon = [_meeting(forum, days) for days in (3, 4)]
    later = _meeting(forum, 20, title="Sitzung am gewählten Tag")
    past = _meeting(forum, -2, title="Vergangene Sitzung")
    client = client_for(coordinator)
    url = _url(municipality, "{room}/book/", room)

    page = client.get(url).content.decode()
    assert _options(page, "meeting") == 1 + offered
    assert all(m.title in page for m in soon)
    assert later.title not in page
    assert past.title not in page

    day = timezone.localtime(later.starts_at).date().isoformat()
    page = client.get(f"{url}?date={day}").content.decode()
    assert later.title in page
    assert _options(page, "meeting") == 1 + offered


def test_a_meeting_not_offered_is_still_accepted_and_kept(
    client_for, coordinator, municipality, room, offered
):
    forum = ForumFactory(municipality=municipality)
    for days in (3, 4):
        _meeting(forum, days)
    later = _meeting(forum, 20, title="Spätere Sitzung")
    client = client_for(coordinator)
    url = _url(municipality, "{room}/book/", room)

    page = client.post(url, _booking_data(meeting=later.pk, purpose="")).content
    assert f'<option value="{later.pk}" selected>'.encode() in page

    assert client.post(url, _booking_data(meeting=later.pk)).status_code == 302
    assert Booking.objects.get().meeting == later


def test_another_towns_or_a_past_meeting_is_refused_next_to_the_field(
    client_for, coordinator, municipality, other_municipality, room
):
    _meeting(ForumFactory(municipality=municipality), 3)
    foreign = _meeting(ForumFactory(municipality=other_municipality), 3)
    past = _meeting(ForumFactory(municipality=municipality), -3)
    client = client_for(coordinator)
    for meeting in (foreign, past):
        response = client.post(
            _url(municipality, "{room}/book/", room), _booking_data(meeting=meeting.pk)
        )
        assert response.status_code == 200
        page = response.content.decode()
        error = page.split('id="booking_meeting_error"', 1)[1][:200]
        assert "Wählen Sie eine der angebotenen kommenden Sitzungen." in error
        assert meeting.title not in page
    assert not Booking.objects.exists()


def test_booking_form_queries_do_not_grow_with_meetings(
    client_for, coordinator, municipality, room, offered, django_assert_max_num_queries
):
    forum = ForumFactory(municipality=municipality)
    client = client_for(coordinator)
    url = _url(municipality, "{room}/book/", room)
    _meeting(forum, 3)
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    for days in range(4, 10):
        _meeting(forum, days)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert _options(page, "meeting") == 1 + offered


def test_a_moderator_is_offered_their_forums_meetings_of_the_day_first(
    client_for, resident, municipality, room, offered
):
    from quartier.forums.tests.factories import ForumMemberFactory

    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident, role="moderation")
    for days in (3, 4):
        _meeting(forum, days)
    later = _meeting(forum, 20, title="Sitzung am gewählten Tag")
    other = _meeting(ForumFactory(municipality=municipality), 20, title="Fremdes Forum")
    client = client_for(resident)
    url = _url(municipality, "{room}/book/", room)

    day = timezone.localtime(later.starts_at).date().isoformat()
    page = client.get(f"{url}?date={day}").content.decode()
    assert later.title in page
    assert other.title not in page
    assert _options(page, "meeting") == 1 + offered

    response = client.post(url, _booking_data(meeting=other.pk))
    assert "Wählen Sie eine der angebotenen kommenden Sitzungen." in (
        response.content.decode()
    )
    assert client.post(url, _booking_data(meeting=later.pk)).status_code == 302
    assert Booking.objects.get().meeting == later


def test_a_name_searched_but_not_chosen_is_not_booked_as_myself(
    client_for, coordinator, municipality, room, offered
):
    for n in range(offered + 1):
        ActorFactory(municipality=municipality, name=f"Chor {n}")
    client = client_for(coordinator)
    url = _url(municipality, "{room}/book/", room)

    response = client.post(url, _booking_data(on_behalf_of_search="Chor 1"))
    assert response.status_code == 200
    error = response.content.decode().split('id="booking_on_behalf_of_error"', 1)[1]
    assert "Drücken Sie „Suchen“ und wählen Sie eine der gefundenen" in error[:300]
    assert not Booking.objects.exists()

    assert client.post(url, _booking_data(on_behalf_of_search="")).status_code == 302
    assert Booking.objects.get().on_behalf_of is None
