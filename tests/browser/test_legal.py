"""The legal pages (template, operator's and municipality's) and the admin's form
pass the accessibility scan."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_legal_pages_pass_the_scan(tab, world):
    for path in [
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/musterstadt/impressum/",
        "/musterstadt/datenschutz/",
        "/musterstadt/barrierefreiheit/",
    ]:
        tab.visit(path)
    tab.force_login(world["users"]["admin"])
    for path in [
        "/musterstadt/datenschutz/",
        "/musterstadt/impressum/edit/",
        "/musterstadt/datenschutz/edit/",
        "/musterstadt/barrierefreiheit/edit/",
    ]:
        tab.visit(path)
