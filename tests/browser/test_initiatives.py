"""Initiatives in the browser (issue 13): a coordinator creates an initiative from a
programme, records the local fit, links a contribution and a decision; a resident
finds it on the list on a phone (filters folded) and follows it. Every page is
scanned by axe and checked for its layout at both widths."""

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def _submit(tab, selector="main form button[type=submit]"):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


@pytest.fixture
def programme(world):
    from quartier.programmes.models import ProgrammeElement
    from quartier.programmes.tests.factories import (
        ProgrammeElementFactory,
        ProgrammeFactory,
    )

    programme = ProgrammeFactory(
        municipality=world["municipality"],
        name="Gehen in Gesellschaft",
        summary="Wöchentliche Gehgruppen für ältere Menschen im Wohnviertel.",
    )
    ProgrammeElementFactory(
        programme=programme, name="Feste wöchentliche Gruppe", position=0
    )
    ProgrammeElementFactory(
        programme=programme,
        name="Treffpunkt und Strecke",
        kind=ProgrammeElement.Kind.ADAPTABLE,
        position=0,
    )
    return programme


@pytest.fixture
def objects_to_link(world):
    from quartier.forums.tests.factories import DecisionFactory
    from quartier.participation.tests.factories import ContributionFactory

    contribution = ContributionFactory(
        municipality=world["municipality"],
        neighborhood=world["neighborhood"],
        title="Gemeinsam gehen statt allein zu Hause sitzen",
    )
    decision = DecisionFactory(
        agenda_item__meeting__forum__municipality=world["municipality"],
        agenda_item__meeting__agenda_published_at=timezone.now(),
        text="Die Stadt unterstützt eine Gehgruppe am Bürgerhaus.",
    )
    return contribution, decision


def test_a_coordinator_creates_an_initiative_from_a_programme_and_a_resident_finds_it(
    nojs_tab, phone_tab, world, programme, objects_to_link, assert_fits_phone
):
    from quartier.initiatives.models import Follow, Initiative

    contribution, decision = objects_to_link
    tab = nojs_tab
    page = tab.page
    tab.force_login(world["users"]["coordinator"])
    tab.visit(f"/musterstadt/initiatives/new/?programme={programme.pk}")
    assert page.input_value("input[name=title]") == "Gehen in Gesellschaft"
    page.fill("input[name=title]", "Gehen in Gesellschaft am Sonnenberg")
    page.select_option("select[name=lead_actor]", str(world["sport"].pk))
    page.check(f"input[name=neighborhoods][value='{world['neighborhood'].pk}']")
    _submit(tab)
    initiative = Initiative.objects.get(title="Gehen in Gesellschaft am Sonnenberg")
    # On to the local fit, with the programme chosen.
    assert "/adaptation/" in page.url
    page.fill("textarea[name=needs_analysis]", "Viele Ältere leben allein.")
    _submit(tab)
    page.locator("textarea[name^=local_]").last.fill("Dienstags ab dem Bürgerhaus.")
    _submit(tab)
    main = page.locator("main").inner_text()
    assert "Programm → lokale Passung" in main
    assert "Dienstags ab dem Bürgerhaus." in main

    for kind, target in (
        ("initiatives.contribution", contribution),
        ("initiatives.decision", decision),
    ):
        with page.expect_navigation():
            page.locator("main a", has_text="Objekt verknüpfen").click()
        tab.scan()
        page.select_option("select[name=kind]", kind)
        page.fill("input[name=target]", str(target.pk))
        _submit(tab)
    main = page.locator("main").inner_text()
    assert "Gemeinsam gehen statt allein zu Hause sitzen" in main
    assert "Die Stadt unterstützt eine Gehgruppe" in main
    assert initiative.links.count() == 2

    # A resident finds it on a phone; the filters are folded away there.
    phone = phone_tab
    phone.force_login(world["users"]["resident"])
    phone.visit("/musterstadt/initiatives/")
    assert not phone.page.locator("details.q-filter").evaluate("d => d.open")
    assert_fits_phone(phone)
    with phone.page.expect_navigation():
        phone.page.locator(
            "main a", has_text="Gehen in Gesellschaft am Sonnenberg"
        ).click()
    phone.scan()
    assert_fits_phone(phone)
    assert "Gemeinsam gehen statt allein" in phone.page.locator("main").inner_text()
    with phone.page.expect_navigation():
        phone.page.locator("main button", has_text="Diesem Vorhaben folgen").click()
    phone.scan()
    assert Follow.objects.filter(initiative=initiative).count() == 1
    # The contribution's page shows the initiative in return.
    phone.visit(contribution.get_absolute_url())
    assert (
        "Gehen in Gesellschaft am Sonnenberg" in phone.page.locator("main").inner_text()
    )


def test_the_coordinations_pages_pass_the_checks(tab, world, objects_to_link):
    from quartier.initiatives import services
    from quartier.initiatives.tests.factories import InitiativeFactory, PilotFactory

    initiative = InitiativeFactory(
        municipality=world["municipality"], lead_actor=world["sport"], phase="pilot"
    )
    PilotFactory(initiative=initiative)
    coordinator = world["users"]["coordinator"]
    services.health_check_save(by=coordinator, initiative=initiative, layers=[2, 3])
    tab.force_login(coordinator)
    base = f"/musterstadt/initiatives/{initiative.pk}/"
    for path in (
        base,
        base + "phase/",
        base + "links/new/",
        base + "health-check/",
        base + "pilots/new/",
        "/musterstadt/initiatives/matrix/",
        "/musterstadt/initiatives/checklists/",
        "/musterstadt/initiatives/follow-ups/",
        # Linking from the other side: the contribution offers the initiatives.
        f"/musterstadt/initiatives/link-from/initiatives.contribution/"
        f"{objects_to_link[0].pk}/",
    ):
        tab.visit(path)
