import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.query_plans import assert_read_in_order
from quartier.forums.models import Forum, ForumMember, ForumNeighborhood
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def test_coordinator_creates_a_forum_with_neighbourhoods(
    client_for, coordinator, municipality, neighborhood
):
    council = ForumFactory(municipality=municipality, name="Steuerungsgruppe")
    response = client_for(coordinator).post(
        url("forums:new", municipality),
        {
            "kind": "neighborhood_forum",
            "name": "Quartiersforum Sonnenberg",
            "slug": "sonnenberg",
            "neighborhoods": [neighborhood.pk],
            "purpose": "Wir reden über das Quartier.",
            "mandate": "recommending",
            "mandate_scope": "die Regeln des Quartiersfonds",
            "recommends_to": council.pk,
            "participation_stage": 6,
            "visibility": "",
        },
    )
    forum = Forum.objects.get(slug="sonnenberg")
    assert response.status_code == 302
    assert response["Location"] == forum.get_absolute_url()
    assert list(forum.neighborhoods.all()) == [neighborhood]
    # The row of the many-to-many table carries the municipality key (issue 18).
    row = ForumNeighborhood.objects.get(forum=forum)
    assert row.municipality_id == municipality.pk
    assert forum.recommends_to == council
    assert forum.visibility == "public"
    assert forum.history.count() == 1
    body = client_for(None).get(forum.get_absolute_url()).content.decode()
    assert "die Regeln des Quartiersfonds" in body
    assert "Steuerungsgruppe" in body


def test_peer_consultation_defaults_to_members_only(
    client_for, coordinator, municipality
):
    client_for(coordinator).post(
        url("forums:new", municipality),
        {
            "kind": "peer_consultation",
            "name": "Kollegiale Beratung",
            "slug": "kobe",
            "mandate": "advisory",
            "participation_stage": 3,
            "visibility": "",
        },
    )
    assert Forum.objects.get(slug="kobe").visibility == "members"


def test_a_forum_cannot_recommend_to_itself_or_to_another_municipality(
    client_for, coordinator, municipality, other_municipality
):
    forum = ForumFactory(municipality=municipality)
    foreign = ForumFactory(municipality=other_municipality)
    form = (
        client_for(coordinator)
        .get(url("forums:edit", municipality, slug=forum.slug))
        .context["form"]
    )
    choices = set(form.fields["recommends_to"].queryset)
    assert forum not in choices
    assert foreign not in choices
    response = client_for(coordinator).post(
        url("forums:edit", municipality, slug=forum.slug),
        {
            "kind": forum.kind,
            "name": forum.name,
            "slug": forum.slug,
            "mandate": "advisory",
            "participation_stage": 4,
            "visibility": "public",
            "recommends_to": forum.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["recommends_to"]
    forum.refresh_from_db()
    assert forum.recommends_to is None


def test_duplicate_slug_is_a_form_error(client_for, coordinator, municipality):
    ForumFactory(municipality=municipality, slug="taken")
    response = client_for(coordinator).post(
        url("forums:new", municipality),
        {
            "kind": "working_group",
            "name": "AG",
            "slug": "taken",
            "mandate": "advisory",
            "participation_stage": 4,
        },
    )
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert Forum.objects.filter(slug="taken").count() == 1


def test_members_only_forum_is_hidden_from_guests_and_other_municipalities(
    client_for, municipality, resident, partner, other_admin
):
    forum = ForumFactory(
        municipality=municipality, name="Geheimer Kreis", visibility="members"
    )
    ForumMemberFactory(forum=forum, user=resident)
    detail = url("forums:detail", municipality, slug=forum.slug)
    assert client_for(None).get(detail).status_code == 404
    assert client_for(other_admin).get(detail).status_code == 404
    assert client_for(partner).get(detail).status_code == 404
    assert client_for(resident).get(detail).status_code == 200
    listing = url("forums:list", municipality)
    assert "Geheimer Kreis" not in client_for(partner).get(listing).content.decode()
    assert "Geheimer Kreis" in client_for(resident).get(listing).content.decode()


def test_members_only_forum_is_visible_to_a_member_of_a_member_actor(
    client_for, municipality, partner
):
    forum = ForumFactory(municipality=municipality, visibility="members")
    actor = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=actor, user=partner)
    ForumMemberFactory(forum=forum, user=None, actor=actor)
    response = client_for(partner).get(
        url("forums:detail", municipality, slug=forum.slug)
    )
    assert response.status_code == 200


def test_moderation_adds_a_person_by_email_and_an_actor(
    client_for, municipality, resident, partner
):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=partner, role="moderation")
    actor = ActorFactory(municipality=municipality, name="Tafel e.V.")
    client = client_for(partner)
    members = url("forums:members", municipality, slug=forum.slug)
    response = client.post(
        members,
        {
            "add": "person",
            "person-email": resident.email.upper(),
            "person-role": "member",
        },
    )
    assert response.status_code == 302
    response = client.post(
        members, {"add": "actor", "actor-actor": actor.pk, "actor-role": "guest"}
    )
    assert response.status_code == 302
    assert forum.members.get(user=resident).role == "member"
    assert forum.members.get(actor=actor).role == "guest"
    body = client_for(None).get(forum.get_absolute_url()).content.decode()
    assert "Tafel e.V." in body


def test_adding_someone_outside_the_municipality_is_a_form_error(
    client_for, coordinator, municipality, other_admin
):
    forum = ForumFactory(municipality=municipality)
    response = client_for(coordinator).post(
        url("forums:members", municipality, slug=forum.slug),
        {"add": "person", "person-email": other_admin.email, "person-role": "member"},
    )
    assert response.status_code == 200
    assert response.context["person_form"].errors["email"]
    assert not forum.members.exists()


def test_adding_a_person_twice_is_a_form_error(
    client_for, coordinator, municipality, resident
):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident)
    response = client_for(coordinator).post(
        url("forums:members", municipality, slug=forum.slug),
        {"add": "person", "person-email": resident.email, "person-role": "guest"},
    )
    assert response.status_code == 200
    assert response.context["person_form"].errors["email"]
    assert forum.members.get(user=resident).role == "member"


def test_coordinator_changes_a_role_and_removes_a_member(
    client_for, coordinator, municipality, resident
):
    forum = ForumFactory(municipality=municipality)
    member = ForumMemberFactory(forum=forum, user=resident, role="guest")
    client = client_for(coordinator)
    client.post(
        url("forums:member_role", municipality, slug=forum.slug, pk=member.pk),
        {"role": "moderation"},
    )
    member.refresh_from_db()
    assert member.role == "moderation"
    client.post(
        url("forums:member_remove", municipality, slug=forum.slug, pk=member.pk)
    )
    assert not ForumMember.objects.filter(pk=member.pk).exists()


def test_a_plain_member_cannot_manage_members(client_for, municipality, resident):
    forum = ForumFactory(municipality=municipality)
    member = ForumMemberFactory(forum=forum, user=resident, role="member")
    response = client_for(resident).post(
        url("forums:member_role", municipality, slug=forum.slug, pk=member.pk),
        {"role": "moderation"},
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.role == "member"


def test_archived_forum_leaves_the_list(client_for, coordinator, municipality):
    forum = ForumFactory(municipality=municipality, name="Alte AG")
    client = client_for(coordinator)
    client.post(url("forums:archive", municipality, slug=forum.slug), follow=True)
    forum.refresh_from_db()
    assert forum.archived_at is not None
    assert (
        "Alte AG" not in client.get(url("forums:list", municipality)).content.decode()
    )


def test_forum_list_shows_mandate_neighbourhoods_and_next_meeting(
    client, municipality, neighborhood
):
    forum = ForumFactory(
        municipality=municipality,
        name="Gesundheitskonferenz",
        kind="health_conference",
        mandate="deciding",
        neighborhoods=[neighborhood],
    )
    meeting = MeetingFactory(forum=forum)
    body = client.get(url("forums:list", municipality)).content.decode()
    assert "Gesundheitskonferenz" in body
    assert "Sonnenberg" in body
    assert meeting.get_absolute_url() in body
    assert meeting.starts_at.astimezone().strftime("%d.%m.%Y") in body


def _count_list_queries(client, municipality):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("forums:list", municipality))
    assert response.status_code == 200
    return len(queries), len(response.context["forums"])


@pytest.mark.parametrize("viewer", ["anonymous", "resident", "coordinator"])
def test_forum_list_query_count_is_constant(
    client_for, users, municipality, neighborhood, viewer
):
    client = client_for(users[viewer])

    def grow(count):
        for forum in ForumFactory.create_batch(count, municipality=municipality):
            MeetingFactory(forum=forum)
            forum.neighborhoods.add(neighborhood)

    grow(3)
    small, shown_small = _count_list_queries(client, municipality)
    grow(27)
    large, shown_large = _count_list_queries(client, municipality)
    assert (shown_small, shown_large) == (3, 30)
    assert small == large


def test_adding_a_neighbourhood_fills_the_key_of_the_through_row(
    municipality, neighborhood
):
    # The related manager writes through rows with bulk_create, without
    # through_defaults: TenantChild copies the key from the forum.
    forum = ForumFactory(municipality=municipality)
    forum.neighborhoods.add(neighborhood)
    forum.neighborhoods.set([neighborhood])
    keys = list(
        ForumNeighborhood.objects.filter(forum=forum).values_list(
            "municipality_id", flat=True
        )
    )
    assert keys == [municipality.pk]
    assert list(neighborhood.forums.all()) == [forum]


def test_the_operator_edits_a_forums_neighbourhoods_as_an_inline(
    client, municipality, neighborhood
):
    # The explicit through model cannot be a filter_horizontal widget (admin.E013):
    # the forum's change page lists its rows as an inline.
    from quartier.accounts.models import User

    forum = ForumFactory(municipality=municipality, neighborhoods=[neighborhood])
    operator = User.objects.create_superuser("betrieb@test.example", "betrieb-pw-2031")
    client.force_login(operator)
    response = client.get(reverse("admin:forums_forum_change", args=[forum.pk]))
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    assert inline.opts.model is ForumNeighborhood
    assert [f.instance.neighborhood_id for f in inline.formset.initial_forms] == [
        neighborhood.pk
    ]


def _meetings(forum, days):
    """Meetings of `forum` starting `days` from now (negative: past)."""
    from django.utils import timezone

    now = timezone.now().replace(second=0, microsecond=0)
    return [
        MeetingFactory(
            forum=forum,
            title=f"Sitzung am Tag {day}",
            starts_at=now + datetime.timedelta(days=day),
            ends_at=now + datetime.timedelta(days=day, hours=2),
            status="planned" if day > 0 else "held",
        )
        for day in days
    ]


def test_a_forums_page_shows_its_meetings_a_page_at_a_time(
    client, municipality, monkeypatch
):
    from quartier.forums.views import forums as views

    monkeypatch.setattr(views, "MEETINGS_PAGE_SIZE", 2)
    forum = ForumFactory(municipality=municipality)
    _meetings(forum, [3, 1, 2, -1, -3, -2])
    page = client.get(url("forums:detail", municipality, slug=forum.slug))
    assert [m.title for m in page.context["upcoming"].meetings] == [
        "Sitzung am Tag 1",
        "Sitzung am Tag 2",
    ]
    assert [m.title for m in page.context["past"].meetings] == [
        "Sitzung am Tag -1",
        "Sitzung am Tag -2",
    ]
    body = page.content.decode()
    assert "Later meetings" in body or "Spätere Sitzungen" in body
    # The past list's "earlier" link pages on; the upcoming list stays where it is.
    earlier = page.context["past"].earlier_query
    assert earlier.startswith("past_after=")
    older = client.get(
        url("forums:detail", municipality, slug=forum.slug) + "?" + earlier
    )
    assert [m.title for m in older.context["past"].meetings] == ["Sitzung am Tag -3"]
    assert older.context["past"].earlier_query == ""
    assert [m.title for m in older.context["upcoming"].meetings] == [
        "Sitzung am Tag 1",
        "Sitzung am Tag 2",
    ]
    # Paging the upcoming list keeps the past list's cursor, and back again.
    later = older.context["upcoming"].later_query
    assert "past_after=" in later and "upcoming_after=" in later
    both = client.get(url("forums:detail", municipality, slug=forum.slug) + "?" + later)
    assert [m.title for m in both.context["upcoming"].meetings] == ["Sitzung am Tag 3"]
    assert [m.title for m in both.context["past"].meetings] == ["Sitzung am Tag -3"]
    back = both.context["past"].later_query
    again = client.get(url("forums:detail", municipality, slug=forum.slug) + "?" + back)
    assert [m.title for m in again.context["past"].meetings] == [
        "Sitzung am Tag -1",
        "Sitzung am Tag -2",
    ]
    # A cursor edited by hand shows the first page, never an error.
    broken = client.get(
        url("forums:detail", municipality, slug=forum.slug) + "?past_after=xyz"
    )
    assert broken.status_code == 200
    assert len(broken.context["past"].meetings) == 2


@pytest.mark.parametrize("viewer", ["anonymous", "resident", "coordinator"])
def test_a_forums_page_runs_as_many_queries_with_more_meetings_and_members(
    client_for, users, municipality, viewer
):
    client = client_for(users[viewer])
    forum = ForumFactory(municipality=municipality)
    path = url("forums:detail", municipality, slug=forum.slug)

    def grow(count):
        _meetings(forum, [day for n in range(1, count + 1) for day in (n, -n)])
        for _ in range(count):
            ForumMemberFactory(
                forum=forum, user=None, actor=ActorFactory(municipality=municipality)
            )

    def queries():
        client.get(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    grow(1)
    small = queries()
    grow(12)
    assert queries() == small


@pytest.mark.parametrize("viewer", ["resident", "coordinator"])
def test_a_forums_meetings_are_read_from_an_index_in_list_order(
    client_for, users, municipality, viewer
):
    """Both lists of a forum's page (upcoming, past) read their rows from the index
    meeting_forum_order instead of sorting the forum's meetings (SQLite: a temporary
    B-tree; PostgreSQL: a Sort node, with sorts and table scans discouraged so that a
    handful of rows still shows whether the index can give the order)."""
    forum = ForumFactory(municipality=municipality)
    _meetings(forum, [2, 1, -1, -2])
    with CaptureQueriesContext(connection) as queries:
        response = client_for(users[viewer]).get(
            url("forums:detail", municipality, slug=forum.slug)
        )
    assert response.status_code == 200
    lists = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "forums_meeting"."id"')
    ]
    assert len(lists) == 2
    for sql in lists:
        assert_read_in_order(sql, "meeting_forum_order")
