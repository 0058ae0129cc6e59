import pytest
pytestmark = pytest.mark.browser

def test_explore(tab, municipality, neighborhood, coordinator):
    from quartier.actors.tests.factories import ActorFactory
    ActorFactory(municipality=municipality, name="Sportverein")
    for path in ["/", "/musterstadt/", "/musterstadt/actors/", "/accounts/login/", "/accounts/signup/", "/musterstadt/actors/"]:
        try:
            tab.visit(path)
        except AssertionError as e:
            print(e)
    tab.page.screenshot(path="/tmp/bt/login.png")
    tab.scanned.update(tab.navigated)
    print(tab.console_errors); tab.console_errors.clear()
