"""The municipality home groups its module cards (core/modules.py, GROUPS): what
residents do, working together, impact and learning, administration."""

import pytest

from quartier.core.modules import GROUPS, MODULES


def test_every_module_belongs_to_a_known_group():
    keys = {key for key, _label in GROUPS}
    assert {module.group for module in MODULES} == keys


@pytest.mark.django_db
def test_a_resident_sees_the_groups_without_administration(
    client_for, resident, admin_user, municipality
):
    page = client_for(resident).get(municipality.get_absolute_url())
    groups = [str(label) for label, _cards in page.context["module_groups"]]
    assert groups[:1] == ["Mitmachen"]
    assert "Verwaltung" not in groups
    first = page.context["module_groups"][0][1]
    assert any(card["url"].endswith("/participation/") for card in first)
    assert '<h3 class="kern-heading-small">Mitmachen</h3>' in page.content.decode()
    admin = client_for(admin_user).get(municipality.get_absolute_url())
    cards = dict(admin.context["module_groups"])
    assert [str(label) for label in cards][-1] == "Verwaltung"
    urls = [card["url"] for label, found in cards.items() for card in found]
    assert len(urls) == len(set(urls))  # each card once
