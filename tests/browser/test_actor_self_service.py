"""A partner maintains their organisation on a phone: edits its profile, sees its
people, proposes a tie; a partner of the other organisation confirms it from
“Meine Übersicht”. axe and the layout check run on every page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def _submit(tab):
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").first.click()
    tab.scan()


def test_a_partner_edits_the_profile_and_the_other_side_confirms_a_tie(
    phone_tab, world
):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory
    from quartier.actors.models import ActorMember, Tie
    from quartier.actors.tests.factories import ActorFactory

    tab = phone_tab
    sport = world["sport"]
    partner = world["users"]["partner"]
    ActorMember.objects.filter(actor=sport, user=partner).update(role="admin")
    youth = ActorFactory(municipality=world["municipality"], name="Jugendtreff Ost")
    worker = UserFactory(email="jugendtreff@test.example", display_name="Jana J.")
    MembershipFactory(user=worker, municipality=world["municipality"], role="partner")
    ActorMember.objects.create(actor=youth, user=worker, role="admin")

    # The partner edits the profile of their own organisation.
    tab.force_login(partner)
    tab.visit(sport.get_absolute_url())
    with tab.page.expect_navigation():
        tab.page.locator(f'a[href="{sport.get_absolute_url()}edit/"]').click()
    tab.scan()
    assert tab.page.locator("#id_visibility").count() == 0
    tab.page.fill("#id_phone", "0711 654321")
    _submit(tab)
    sport.refresh_from_db()
    assert sport.phone == "0711 654321"
    assert tab.page.locator('a[href="tel:0711654321"]').count() == 1

    # Their people, with the invitation form (the admin of the organisation).
    tab.visit(f"{sport.get_absolute_url()}members/")
    assert tab.page.locator("#id_email").count() == 1

    # They propose a tie to the youth centre.
    tab.visit(f"{sport.get_absolute_url()}ties/new/")
    tab.page.select_option("#id_target", str(youth.pk))
    tab.page.select_option("#id_kind", "referral")
    _submit(tab)
    tie = Tie.objects.get(source=sport, target=youth)
    assert tie.status == "proposed"
    assert "Jugendtreff Ost" in tab.page.locator("#proposals + ul").inner_text()

    # The youth centre's partner finds it on "Meine Übersicht" and confirms it.
    tab.page.context.clear_cookies()
    tab.force_login(worker)
    tab.visit("/musterstadt/overview/")
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="Sportverein Sonnenberg").first.click()
    tab.scan()
    with tab.page.expect_navigation():
        tab.page.locator("#proposals + ul button[type=submit]").first.click()
    tab.scan()

    tie.refresh_from_db()
    assert tie.status == "active"
    assert tie.confirmed_by == worker
    ties_table = tab.page.locator("table").last.inner_text()
    assert "Sportverein Sonnenberg" in ties_table


def test_an_invitation_link_asks_to_sign_in_and_a_broken_one_says_so(tab, world):
    from quartier.actors import services
    from quartier.actors.invitations import make_token
    from quartier.actors.models import ActorMember

    partner = world["users"]["partner"]
    ActorMember.objects.filter(actor=world["sport"], user=partner).update(role="admin")
    invitation = services.member_invite(
        by=partner, actor=world["sport"], email="neu@test.example"
    )
    path = f"/musterstadt/actors/join/{make_token(invitation)}/"

    tab.visit(path)
    assert tab.page.locator('main a[href^="/accounts/signup/"]').count() == 1
    assert "neu@test.example" in tab.page.locator("main").inner_text()
    tab.visit(path[:-3] + "xx/", status=404)
