"""The join flow's pages pass the accessibility scan (docs/accounts.md)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_the_join_pages_pass_the_scan(tab, world):
    from quartier.accounts.models import MembershipRequest

    tab.visit("/musterstadt/join/")
    tab.visit("/accounts/signup/?municipality=musterstadt")
    tab.force_login(world["users"]["other_admin"])
    tab.visit("/musterstadt/join/")
    MembershipRequest.objects.create(
        municipality=world["municipality"], user=world["users"]["other_admin"]
    )
    tab.visit("/musterstadt/join/")
    tab.visit("/musterstadt/members/", status=403)
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/members/requests/")
