"""Members call their own meetings (issue 12), end to end: a member of a forum calls a
meeting with an agenda on a 360 px phone, choosing a room of the rooms module; it waits
for approval, unseen by visitors; the forum's moderator finds it on "Meine Übersicht",
approves it, and the member gets the e-mail. Every page is scanned with axe."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

pytestmark = pytest.mark.browser

TITLE = "Gründungstreffen Nachbarschaftsgarten"


def _submit(tab, selector="main form button[type=submit]"):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def garden_forum(world):
    from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory
    from quartier.rooms.tests.factories import RoomFactory

    forum = ForumFactory(
        municipality=world["municipality"],
        name="Quartiersforum Sonnenberg",
        slug="quartiersforum-sonnenberg",
    )
    ForumMemberFactory(forum=forum, user=world["users"]["resident"], role="member")
    ForumMemberFactory(forum=forum, user=world["users"]["partner"], role="moderation")
    room = RoomFactory(
        municipality=world["municipality"],
        name="Gemeinschaftsraum Baugenossenschaft",
        address="Sonnenbergstraße 12",
        is_public=True,
    )
    return forum, room


def test_a_member_calls_a_meeting_on_a_phone_and_the_moderator_approves(
    phone_tab, tab, world, garden_forum, assert_fits_phone
):
    from quartier.forums.models import Meeting

    forum, room = garden_forum
    resident = world["users"]["resident"]
    partner = world["users"]["partner"]
    forum_url = f"/musterstadt/forums/{forum.slug}/"
    propose_url = f"{forum_url}meetings/propose/"

    # The member, on a phone.
    phone = phone_tab
    phone.force_login(resident)
    phone.visit(forum_url)
    with phone.page.expect_navigation():
        phone.page.locator(f'main a[href="{propose_url}"]').click()
    phone.scan()
    assert_fits_phone(phone)
    page = phone.page
    starts = (timezone.now() + datetime.timedelta(days=9)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    page.fill("#id_title", TITLE)
    page.fill("#id_starts_at", _local(starts))
    page.fill("#id_ends_at", _local(starts + datetime.timedelta(hours=2)))
    page.select_option("#id_room", str(room.pk))
    page.fill("#id_items-0-title", "Hochbeete: Standort und Pflegeplan")
    page.select_option("#id_items-0-kind", "decision")
    page.fill("#id_items-1-title", "Wer macht mit?")
    page.select_option("#id_items-1-kind", "information")
    _submit(phone)
    meeting = Meeting.objects.get(title=TITLE)
    assert phone.path() == f"/musterstadt/meetings/{meeting.pk}/"
    assert meeting.status == "proposed"
    assert meeting.proposed_by == resident
    assert meeting.address == "Gemeinschaftsraum Baugenossenschaft, Sonnenbergstraße 12"
    assert [(i.title, i.kind) for i in meeting.agenda_items.order_by("position")] == [
        ("Hochbeete: Standort und Pflegeplan", "decision"),
        ("Wer macht mit?", "information"),
    ]
    assert_fits_phone(phone)

    # A visitor does not see it yet.
    tab.visit(forum_url)
    assert TITLE not in tab.page.locator("main").inner_text()

    # The moderator finds it on "Meine Übersicht" and approves it.
    review_url = f"/musterstadt/meetings/{meeting.pk}/review/"
    tab.force_login(partner)
    tab.visit("/musterstadt/overview/")
    with tab.page.expect_navigation():
        tab.page.locator(f'main a[href="{review_url}"]').first.click()
    tab.scan()
    assert tab.path() == review_url
    tab.page.locator('input[name="decision"][value="approve"]').check()
    mail.outbox.clear()
    _submit(tab)
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert meeting.agenda_published_at is not None
    assert tab.path() == f"/musterstadt/meetings/{meeting.pk}/"
    told = [m for m in mail.outbox if m.to == [resident.email]]
    assert len(told) == 1 and TITLE in told[0].subject

    # Now everyone sees it on the forum's page.
    phone.page.context.clear_cookies()
    phone.visit(forum_url)
    assert TITLE in phone.page.locator("main").inner_text()
