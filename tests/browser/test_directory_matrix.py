"""Overlap matrix, print form and confirmation page: axe and a 360 px screen; a
coordinator records a tie from the matrix without JavaScript tricks."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def offerings(world, municipality, neighborhood):
    from quartier.actors.tests.factories import ActorFactory
    from quartier.directory.tests.factories import ServiceFactory, term

    lauf = ActorFactory(municipality=municipality, name="Lauftreff Sonnenberg")
    for provider, name in [
        (world["sport"], "Rückenfit im Bürgerhaus"),
        (lauf, "Laufen am Morgen"),
    ]:
        ServiceFactory(
            municipality=municipality,
            provider=provider,
            name=name,
            terms=[term(municipality, "bewegung"), term(municipality, "alle")],
            neighborhoods=[neighborhood],
        )
    return lauf


def test_matrix_print_and_confirm_pages_fit_a_phone(
    assert_fits_phone, phone_tab, world, offerings
):
    from quartier.directory.confirmation_links import make_token
    from quartier.directory.models import Service

    token = make_token(Service.objects.first())
    phone_tab.visit("/musterstadt/directory/print/")
    assert_fits_phone(phone_tab)
    phone_tab.visit(f"/musterstadt/directory/confirm/{token}/")
    assert_fits_phone(phone_tab)
    phone_tab.force_login(world["users"]["coordinator"])
    phone_tab.visit("/musterstadt/directory/matrix/")
    assert_fits_phone(phone_tab)
    phone_tab.visit("/musterstadt/directory/matrix/?target_group=aeltere")
    assert_fits_phone(phone_tab)


def test_a_coordinator_records_a_tie_from_the_matrix(tab, world, offerings):
    from quartier.actors.models import Tie

    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/directory/matrix/")
    button = tab.page.locator("#opportunities ~ ul form button").first
    with tab.page.expect_navigation():
        button.click()
    tab.scan()

    assert Tie.objects.filter(source=offerings, target=world["sport"]).exists()
    assert tab.page.locator(".kern-alert--success").is_visible()
