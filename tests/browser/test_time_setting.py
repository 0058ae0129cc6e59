"""Time entries off until the staff council agreed: the explanation a member sees,
and the admin switching them on with the (never pre-ticked) confirmation. axe runs
on every page."""

import pytest

from quartier.learning.models import TimeTrackingSetting

pytestmark = pytest.mark.browser


def test_an_admin_switches_time_entries_on_after_the_explanation(tab, world):
    tab.force_login(world["users"]["admin"])
    tab.visit("/musterstadt/learning/time/", status=403)
    assert "Personalrat" in tab.page.locator("main").inner_text()
    with tab.page.expect_navigation():
        tab.page.locator("main a[href$='/learning/time/setting/']").click()
    tab.scan()
    page = tab.page
    assert not page.is_checked("#id_confirm_agreement")
    page.check("input[name=mode][value=agreement]")
    page.fill("#id_agreement_note", "Dienstvereinbarung vom 12.03.2026")
    page.check("#id_confirm_agreement")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    setting = TimeTrackingSetting.objects.get(municipality=world["municipality"])
    assert setting.mode == "agreement"
    tab.visit("/musterstadt/learning/time/")
