"""Forums, meetings and the decisions register, end to end (issue 3).

A coordinator creates a forum, plans a meeting, puts two items on its agenda,
publishes it and records a decision with responsibilities; a resident (on a phone)
and an anonymous visitor (without JavaScript) then find the decision in the public
register. Elements are found by name, address and role, not by their German text.
"""

import datetime
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser

SLUG = "gesundes-sonnenberg"
FORUM_NAME = "Quartiersforum Gesundes Sonnenberg"
DECISION_TEXT = "Der Bewegungsparcours am Stadtpark wird im Frühjahr eröffnet."
REGISTER = "/musterstadt/decisions/"


def _submit(tab, selector="main form button[type=submit]"):
    """Click a button that loads a page, and scan that page."""
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


def _follow(tab, href):
    with tab.page.expect_navigation():
        tab.page.locator(f'main a[href="{href}"]').first.click()
    tab.scan()
    assert tab.path() == href


def _other_forums_decision(world):
    """A decision of another forum, which the forum filter must leave out."""
    from quartier.forums.tests.factories import (
        AgendaItemFactory,
        DecisionFactory,
        ForumFactory,
        MeetingFactory,
        ResponsibilityFactory,
    )

    forum = ForumFactory(
        municipality=world["municipality"],
        name="Gesundheitskonferenz Musterstadt",
        slug="gesundheitskonferenz",
        kind="health_conference",
        recommends_to_body="Gemeinderat",
    )
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum), kind="decision")
    decision = DecisionFactory(
        agenda_item=item, number=900, text="Ein Beschluss eines anderen Forums."
    )
    ResponsibilityFactory(decision=decision, actor=world["family"], user=None)
    return decision


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _coordinator_records_a_decision(tab, world):
    """The whole path through the forms; returns the recorded decision."""
    from quartier.forums.models import AgendaItem, Decision, Forum, Meeting

    coordinator = world["users"]["coordinator"]
    sport = world["sport"]
    tab.force_login(coordinator)

    # A new forum, through the form.
    tab.visit("/musterstadt/forums/")
    _follow(tab, "/musterstadt/forums/new/")
    tab.page.select_option("#id_kind", "neighborhood_forum")
    tab.page.fill("#id_name", FORUM_NAME)
    tab.page.fill("#id_slug", SLUG)
    tab.page.locator(
        f'input[name="neighborhoods"][value="{world["neighborhood"].pk}"]'
    ).check()
    tab.page.fill("#id_purpose", "Bewegung und Begegnung im Quartier.")
    tab.page.select_option("#id_mandate", "recommending")
    tab.page.fill("#id_recommends_to_body", "Gemeinderat")
    _submit(tab)
    forum = Forum.objects.get(slug=SLUG)
    assert tab.path() == f"/musterstadt/forums/{SLUG}/"
    assert forum.name == FORUM_NAME
    assert forum.municipality == world["municipality"]
    assert forum.visibility == "public"
    assert list(forum.neighborhoods.all()) == [world["neighborhood"]]

    # A meeting of the forum.
    _follow(tab, f"/musterstadt/forums/{SLUG}/meetings/new/")
    starts = (timezone.now() + datetime.timedelta(days=3)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    tab.page.fill("#id_title", "Sitzung im Frühjahr")
    tab.page.fill("#id_starts_at", _local(starts))
    tab.page.fill("#id_ends_at", _local(starts + datetime.timedelta(hours=2)))
    tab.page.fill("#id_address", "Bürgerhaus Sonnenberg, Marktplatz 1")
    _submit(tab)
    meeting = Meeting.objects.get(forum=forum)
    meeting_url = f"/musterstadt/meetings/{meeting.pk}/"
    assert tab.path() == meeting_url
    assert meeting.title == "Sitzung im Frühjahr"

    # Two agenda items, the second one to decide on.
    for title, kind in [
        ("Bericht aus dem Quartier", "information"),
        ("Bewegungsparcours am Stadtpark", "decision"),
    ]:
        _follow(tab, f"{meeting_url}agenda/new/")
        tab.page.fill("#id_title", title)
        tab.page.select_option("#id_kind", kind)
        _submit(tab)
        assert tab.path() == meeting_url
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [(i.kind, i.status) for i in items] == [
        ("information", "accepted"),
        ("decision", "accepted"),
    ]
    item = items[1]

    # Publish the agenda.
    assert meeting.agenda_published_at is None
    _submit(tab, f'main form[action="{meeting_url}agenda/publish/"] button')
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None

    # Record the decision on the second item: R an actor, I a person.
    _follow(tab, f"{meeting_url}items/{item.pk}/decision/")
    assert tab.page.input_value("#id_decided_on") == f"{timezone.localdate(starts)}"
    due = timezone.localdate(starts) + datetime.timedelta(days=60)
    # The meeting lies ahead and a decision cannot be dated in the future: first
    # the form says so next to the date, then the coordinator records it as of today.
    tab.page.fill("#id_text", DECISION_TEXT)
    _submit(tab)
    assert tab.page.locator("#id_decided_on_error").count() == 1
    tab.page.fill("#id_decided_on", timezone.localdate().isoformat())
    tab.page.fill("#id_rationale", "Viele Ältere wünschen sich Bewegung im Freien.")
    tab.page.select_option("#id_kind", "recommendation")
    tab.page.fill("#id_due_date", due.isoformat())
    tab.page.select_option("#id_responsibilities-0-role", "R")
    tab.page.select_option("#id_responsibilities-0-actor", str(sport.pk))
    tab.page.select_option("#id_responsibilities-1-role", "I")
    tab.page.select_option("#id_responsibilities-1-user", str(coordinator.pk))
    _submit(tab)

    decision = Decision.objects.get(agenda_item=item)
    assert tab.path() == f"{REGISTER}{decision.pk}/"
    assert decision.text == DECISION_TEXT
    assert decision.forum == forum
    assert decision.kind == "recommendation"
    assert decision.status == "open"
    assert decision.due_date == due
    assert {
        (r.role, r.actor_id, r.user_id) for r in decision.responsibilities.all()
    } == {("R", sport.pk, None), ("I", None, coordinator.pk)}
    assert tab.page.locator('[role="status"]').count() >= 1  # the "recorded" message
    assert (
        tab.page.locator(f'main a[href="/musterstadt/actors/{sport.pk}/"]').count() == 1
    )
    return decision


def _find_in_the_register(tab, decision, other):
    """Filter the register by the forum and open the decision; check what a reader
    must see there, the way back to the meeting included."""
    meeting = decision.agenda_item.meeting
    detail = f"{REGISTER}{decision.pk}/"
    tab.visit(REGISTER)
    rows = tab.page.locator("main table tbody tr")
    assert tab.page.locator(f'main a[href="{detail}"]').count() == 1
    assert tab.page.locator(f'main a[href="{REGISTER}{other.pk}/"]').count() == 1

    # On a phone the filters are folded into "Filter" until opened.
    if tab.page.locator(".q-filter__toggle").is_visible():
        tab.page.locator(".q-filter__toggle").click()
    tab.page.select_option("form[role=search] select[name=forum]", SLUG)
    _submit(tab, "form[role=search] button[type=submit]")
    assert re.search(rf"[?&]forum={SLUG}(&|$)", tab.path())
    assert tab.page.input_value("form[role=search] select[name=forum]") == SLUG
    assert rows.count() == 1
    assert tab.page.locator(f'main a[href="{REGISTER}{other.pk}/"]').count() == 0
    assert DECISION_TEXT in rows.first.inner_text()
    assert "Sportverein Sonnenberg" in rows.first.inner_text()

    _follow(tab, detail)
    main = tab.page.locator("main")
    assert DECISION_TEXT in main.inner_text()
    responsible = decision.responsibilities.get(role="R").actor_id
    assert main.locator(f'a[href="/musterstadt/actors/{responsible}/"]').count() == 1
    # The path back: forum → meeting → agenda item.
    assert main.locator(f'a[href="/musterstadt/forums/{SLUG}/"]').count() >= 1
    item_anchor = f"/musterstadt/meetings/{meeting.pk}/#agenda-item-"
    assert main.locator(f'a[href="{item_anchor}{decision.agenda_item_id}"]').count()
    # Only the coordinators change it.
    assert main.locator("form[action$='/status/']").count() == 0
    assert main.locator(f'a[href="{detail}edit/"]').count() == 0
    return main


def test_coordinator_records_a_decision_that_others_find_in_the_register(
    assert_fits_phone, tab, phone_tab, nojs_tab, world
):
    other = _other_forums_decision(world)
    decision = _coordinator_records_a_decision(tab, world)
    meeting_url = f"/musterstadt/meetings/{decision.agenda_item.meeting_id}/"

    # A resident on a phone: the register and the decision fit 360 px.
    resident = phone_tab
    resident.force_login(world["users"]["resident"])
    _find_in_the_register(resident, decision, other)
    assert_fits_phone(resident)
    _follow(resident, meeting_url)
    agenda_item = resident.page.locator(f"#agenda-item-{decision.agenda_item_id}")
    assert agenda_item.is_visible()
    assert_fits_phone(resident)
    resident.visit(f"{REGISTER}?forum={SLUG}")
    assert_fits_phone(resident)

    # An anonymous visitor without JavaScript: the filter is a plain GET form.
    visitor = nojs_tab
    main = _find_in_the_register(visitor, decision, other)
    assert "Sportverein Sonnenberg" in main.inner_text()
    assert visitor.page.locator('a[href="/accounts/me/"]').count() == 0
    _follow(visitor, meeting_url)
    assert visitor.page.locator(f"#agenda-item-{decision.agenda_item_id}").count()
    # Publishing the agenda stays with the moderation.
    assert visitor.page.locator("form[action$='/agenda/publish/']").count() == 0


def test_who_decides_and_the_forum_list_are_accessible(
    assert_fits_phone, tab, phone_tab, world
):
    from quartier.forums.tests.factories import ForumFactory

    other = _other_forums_decision(world)
    ForumFactory(
        municipality=world["municipality"],
        name="Arbeitsgruppe Bewegung",
        slug="ag-bewegung",
        kind="working_group",
        recommends_to=other.forum,
    )

    tab.visit("/musterstadt/forums/")
    assert tab.page.locator('main a[href="/musterstadt/forums/ag-bewegung/"]').count()
    assert tab.page.locator('main a[href="/musterstadt/forums/new/"]').count() == 0
    tab.visit("/musterstadt/who-decides/")
    main = tab.page.locator("main")
    assert "Gemeinderat" in main.inner_text()
    assert "Arbeitsgruppe Bewegung" in main.inner_text()

    phone_tab.force_login(world["users"]["coordinator"])
    for path in ["/musterstadt/who-decides/", REGISTER, "/musterstadt/forums/"]:
        phone_tab.visit(path)
        assert_fits_phone(phone_tab)
    assert phone_tab.page.locator('main a[href="/musterstadt/forums/new/"]').count()
