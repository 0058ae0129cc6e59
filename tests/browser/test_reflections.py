"""Reflections in the browser (issue 15, R9), layout at 1280 and 360 px and axe on
every page: from a compass field ("Gesprächsstoff") a coordinator opens a prefilled
reflection, saves it, records an adaptation as a decision, and finds the reflection
on the decision's page in the register."""

import datetime

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


@pytest.fixture
def compass_round(world):
    from quartier.compass.tests.factories import (
        RoundFactory,
        TensionFieldFactory,
        assess,
    )

    municipality = world["municipality"]
    field = TensionFieldFactory(municipality=municipality, name="Nähe und Vertrauen")
    round_ = RoundFactory(municipality=municipality, title="Herbst", status="closed")
    for _n in range(3):
        assess(round_, "residents", {field: (20, 80)})
    for _n in range(3):
        assess(round_, "administration", {field: (60, 70)})
    return round_, field


@pytest.fixture
def agenda_item(world):
    from quartier.forums.tests.factories import AgendaItemFactory, ForumFactory

    forum = ForumFactory(municipality=world["municipality"], name="Quartiersforum")
    held = timezone.now() - datetime.timedelta(days=10)
    return AgendaItemFactory(
        meeting__forum=forum,
        meeting__title="Rückblick Herbst",
        meeting__starts_at=held,
        meeting__ends_at=held + datetime.timedelta(hours=2),
        title="Was wir ändern",
    )


def test_from_a_compass_field_to_a_reflection_to_a_decision(
    tab, world, compass_round, agenda_item
):
    from quartier.actors.models import Actor
    from quartier.reflections.models import Adaptation

    round_, field = compass_round
    tab.force_login(world["users"]["coordinator"])
    tab.visit(round_.get_absolute_url())
    page = tab.page
    with page.expect_navigation():
        page.get_by_role("link", name="Über dieses Feld reflektieren").first.click()
    tab.scan()
    assert "Nähe und Vertrauen" in page.input_value("#id_what")
    page.fill("#id_so_what", "Die Verwaltung sieht sich näher am Ziel.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    tab.scan()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Reflexion")

    with page.expect_navigation():
        page.get_by_role("link", name="Anpassung festhalten").click()
    tab.scan()
    page.fill("#id_text", "Rückmeldung zu jedem Beschluss im Stadtteilblatt.")
    page.select_option("#id_agenda_item", str(agenda_item.pk))
    actor = Actor.objects.of(world["municipality"]).active().first()
    page.select_option("#id_actor", str(actor.pk))
    page.fill(
        "#id_due_date", (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    tab.scan()
    adaptation = Adaptation.objects.select_related("decision").get()
    assert adaptation.decision.agenda_item_id == agenda_item.pk
    assert page.locator(".q-adaptation--open").count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="Rückmeldung zu jedem Beschluss").click()
    tab.scan()
    assert page.get_by_role("link", name=adaptation.reflection.title).count() == 1


def test_from_a_reflection_to_a_changed_forum_mandate_in_its_change_log(tab, world):
    from quartier.forums.tests.factories import ForumFactory
    from quartier.reflections.tests.factories import ReflectionFactory

    forum = ForumFactory(
        municipality=world["municipality"],
        name="Quartiersforum Nord",
        purpose="Wir treffen uns donnerstags und beraten.",
    )
    reflection = ReflectionFactory(
        municipality=world["municipality"], title="Rückblick auf das Jahr"
    )
    tab.force_login(world["users"]["coordinator"])
    tab.visit(reflection.get_absolute_url())
    page = tab.page
    with page.expect_navigation():
        page.get_by_role("link", name="Auftrag, Planung oder Regeln ändern").click()
    tab.scan()
    page.select_option("#id_target", f"forums.Forum.purpose|{forum.pk}")
    with page.expect_navigation():
        page.get_by_role("button", name="Vom bisherigen Text ausgehen").click()
    tab.scan()
    assert "donnerstags" in page.input_value("#id_text")
    page.fill("#id_text", "Wir treffen uns abwechselnd donnerstags und samstags.")
    page.fill("#id_reason", "Familien kamen am Donnerstag nicht.")
    page.check("#id_apply")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    tab.scan()
    assert page.locator(".q-adaptation--done").count() == 1
    forum.refresh_from_db()
    assert "samstags" in forum.purpose

    with page.expect_navigation():
        page.get_by_role("link", name="Quartiersforum Nord").click()
    tab.scan()
    log = page.locator(".q-change-log")
    assert "Änderungsverlauf" in log.inner_text()
    assert "Familien kamen am Donnerstag nicht." in log.inner_text()
    assert log.get_by_role("link", name="Rückblick auf das Jahr").count() == 1
