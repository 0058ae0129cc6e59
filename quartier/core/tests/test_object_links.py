"""Links between objects (core/object_links.py), for every registered link kind.

The kinds come from the registry and the scenarios from each app's
`tests/link_cases.py`, so a new kind without a scenario fails
`test_every_link_kind_has_a_permission_a_label_and_a_scenario`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from quartier.core import object_links as links


def _app_cases():
    root = Path(__file__).resolve().parents[2]
    cases = {}
    for path in sorted(root.glob("*/tests/link_cases.py")):
        module = importlib.import_module(
            f"quartier.{path.parent.parent.name}.tests.link_cases"
        )
        cases.update(module.CASES)
    return cases


CASES = _app_cases()
KINDS = [kind.key for kind in links.kinds()]


@pytest.fixture
def world(municipality, other_municipality, neighborhood, coordinator, resident):
    return {
        "municipality": municipality,
        "other_municipality": other_municipality,
        "neighborhood": neighborhood,
        "coordinator": coordinator,
        "resident": resident,
    }


def _strip(url):
    return url.split("#", 1)[0]


def test_every_link_kind_has_a_permission_a_label_and_a_scenario():
    assert KINDS, "no link kind registered"
    for kind in links.kinds():
        for end in (kind.source, kind.target):
            assert rules.perm_exists(end.perm), (kind.key, end.perm)
            assert str(end.label).strip(), kind.key
        assert rules.perm_exists(kind.link_perm), kind.key
        assert kind.key in CASES, f"{kind.key}: add a scenario to tests/link_cases.py"


@pytest.mark.parametrize("key", KINDS)
@pytest.mark.parametrize("viewer", ["anonymous", "resident"])
def test_a_target_the_viewer_may_not_see_is_not_shown(key, viewer, world, client_for):
    kind = links.kind(key)
    case = CASES[key](world)
    case.set_link(case.source, case.hidden_target)
    hidden_url = kind.target.url(case.hidden_target)
    hidden_title = kind.target.describe(case.hidden_target)

    page = client_for(world.get(viewer)).get(case.source.get_absolute_url())
    assert page.status_code == 200
    assert hidden_url not in page.content.decode()
    assert hidden_title not in page.content.decode()
    user = world.get(viewer) or AnonymousUser()
    assert links.visible_links(user, case.source) == []
    if case.api_url(case.source):
        answer = client_for(world.get(viewer)).get(case.api_url(case.source))
        assert answer.status_code == 200
        assert case.api_linked(answer.json()) is None
        assert hidden_title not in answer.content.decode()

    # The same page shows the link to whoever may see the target.
    staff_page = client_for(case.linker).get(case.source.get_absolute_url())
    assert hidden_url in staff_page.content.decode()


@pytest.mark.parametrize("key", KINDS)
def test_a_visible_target_is_shown_to_everybody(key, world, client_for):
    kind = links.kind(key)
    case = CASES[key](world)
    case.set_link(case.source, case.visible_target)
    client = client_for(world.get(case.viewer))
    page = client.get(case.source.get_absolute_url()).content.decode()
    assert kind.target.url(case.visible_target) in page
    if case.api_url(case.source):
        answer = client.get(case.api_url(case.source)).json()
        assert case.api_linked(answer) == case.visible_target.pk


@pytest.mark.parametrize("key", KINDS)
def test_a_source_the_viewer_may_not_see_is_not_shown_on_the_target(
    key, world, client_for
):
    kind = links.kind(key)
    case = CASES[key](world)
    case.set_link(case.hidden_source, case.visible_target)
    case.set_link(case.source, case.visible_target)
    target_page = _strip(kind.target.url(case.visible_target))
    hidden_url = kind.source.url(case.hidden_source)

    page = client_for(world.get(case.viewer)).get(target_page).content.decode()
    assert kind.source.url(case.source) in page  # the visible source is there
    assert hidden_url not in page
    assert kind.source.describe(case.hidden_source) not in page
    assert hidden_url in client_for(case.linker).get(target_page).content.decode()


@pytest.mark.parametrize("key", KINDS)
def test_a_forged_target_is_refused_with_a_form_error(key, world, client_for):
    kind = links.kind(key)
    case = CASES[key](world)
    assert not links.link_target_allowed(
        case.linker, case.forged_target, source=case.source
    )
    assert links.link_target_allowed(
        case.linker, case.visible_target, source=case.source
    )
    response = client_for(case.linker).post(
        case.form_url(case.source), case.form_data(case.forged_target)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert case.linked(case.source) is None
    assert (
        not kind.choices(case.linker, case.source.municipality)
        .filter(pk=case.forged_target.pk)
        .exists()
    )


@pytest.mark.parametrize("key", KINDS)
def test_a_person_may_only_link_what_they_may_see(key, world):
    """The check behind forms and services: a resident may not see a members-only
    forum's objects, so they are neither offered nor allowed."""
    kind = links.kind(key)
    case = CASES[key](world)
    resident = world["resident"]
    assert not links.link_target_allowed(
        resident, case.hidden_target, source=case.source
    )
    offered = kind.choices(resident, case.source.municipality)
    assert not offered.filter(pk=case.hidden_target.pk).exists()
    assert offered.filter(pk=case.visible_target.pk).exists()
