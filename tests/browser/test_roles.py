"""Each role signs in through the real sign-in form and sees what its role allows.

Links are found by their address, not their text: the interface is German and the
texts change with the catalogue.
"""

import pytest

pytestmark = pytest.mark.browser

ACTORS = "/musterstadt/actors/"

# role → (sees internal actors, may add actors, sees the members page link)
EXPECTED = {
    "resident": (True, False, False),
    "partner": (True, False, False),
    "coordinator": (True, True, False),
    "admin": (True, True, True),
    "other_admin": (False, False, False),
    "adviser": (False, False, False),
}


def _link_count(tab, href):
    return tab.page.locator(f'a[href="{href}"]').count()


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_signs_in_through_the_form_and_sees_what_the_role_allows(
    tab, world, role
):
    user = world["users"][role]
    sees_internal, may_add, sees_members = EXPECTED[role]

    tab.login(user.email, next_path=ACTORS)

    assert tab.path() == ACTORS
    results = tab.page.locator("#actor-results")
    assert results.get_by_text("Sportverein Sonnenberg").count() == 1
    assert (
        results.get_by_text("Runder Tisch Gesundheit").count() == 1
    ) is sees_internal
    assert results.get_by_text("Geheimer Kreis Beispielheim").count() == 0
    assert (_link_count(tab, f"{ACTORS}new/") == 1) is may_add
    assert (_link_count(tab, "/musterstadt/members/") == 1) is sees_members
    # Signed in: the account link replaces the sign-in link.
    assert _link_count(tab, "/accounts/me/") == 1
    assert tab.page.locator('a[href^="/accounts/login/"]').count() == 0

    # The form for a new actor opens for coordinators and admins only.
    tab.visit(f"{ACTORS}new/", status=200 if may_add else 403)


def test_admin_of_another_municipality_administers_their_own(tab, world):
    tab.login(world["users"]["other_admin"].email, next_path="/beispielheim/")

    assert tab.path() == "/beispielheim/"
    assert _link_count(tab, "/beispielheim/members/") >= 1
    tab.visit("/beispielheim/actors/")
    assert (
        tab.page.locator("#actor-results")
        .get_by_text("Geheimer Kreis Beispielheim")
        .count()
        == 1
    )
    # Musterstadt's internal actor stays hidden, even by its address.
    tab.visit(f"{ACTORS}{world['internal'].pk}/", status=404)


def test_sign_in_without_next_lands_on_the_members_overview(tab, world):
    tab.login(world["users"]["partner"].email)

    assert tab.path() == "/musterstadt/overview/"
    assert _link_count(tab, "/accounts/me/") == 1


def test_sign_in_without_a_membership_lands_on_my_account(tab, world):
    tab.login(world["users"]["adviser"].email)

    assert tab.path() == "/accounts/me/"


def test_wrong_password_keeps_the_visitor_on_the_sign_in_page(tab, world):
    tab.visit("/accounts/login/")
    tab.page.fill("input[name=login]", world["users"]["resident"].email)
    tab.page.fill("input[name=password]", "not-the-password")
    with tab.page.expect_navigation():
        tab.page.locator("form:has(input[name=password]) [type=submit]").first.click()
    tab.scan()

    assert tab.path().startswith("/accounts/login/")
    assert tab.page.input_value("input[name=login]") == world["users"]["resident"].email
    tab.visit("/accounts/me/")
    assert tab.path().startswith("/accounts/login/")
