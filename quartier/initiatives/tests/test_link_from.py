"""A link is made from either side (issue 13): the far object's page offers "Mit
einem Vorhaben verknüpfen" to whoever may edit it and an initiative; the page
behind it links through services.link_add (views/links.py `link_from`)."""

from __future__ import annotations

import pytest

from quartier.actors.tests.factories import ActorFactory
from quartier.core.object_links import kinds
from quartier.initiatives.links import TARGETS_BY_KEY
from quartier.initiatives.models import Initiative, InitiativeLink
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db

ENTRY = "Mit einem Vorhaben verknüpfen"


def _url(obj, kind="initiatives.contribution"):
    return f"/{obj.municipality.slug}/initiatives/link-from/{kind}/{obj.pk}/"


def test_a_coordinator_links_a_contribution_from_its_page_and_both_pages_show_it(
    client_for, municipality, coordinator
):
    initiative = InitiativeFactory(municipality=municipality, title="Bewegter Park")
    contribution = ContributionFactory(
        municipality=municipality, title="Mehr Bänke am Teich"
    )
    client = client_for(coordinator)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert ENTRY in page and _url(contribution) in page
    form = client.get(_url(contribution)).content.decode()
    assert "Bewegter Park" in form
    response = client.post(_url(contribution), {"initiative": initiative.pk})
    assert response.status_code == 302
    assert response["Location"] == contribution.get_absolute_url()
    assert InitiativeLink.objects.filter(
        initiative=initiative,
        kind="initiatives.contribution",
        object_id=str(contribution.pk),
    ).exists()
    followed = client.get(response["Location"]).content.decode()
    assert "Bewegter Park" in followed  # the contribution's page shows the initiative
    assert "Die Verknüpfung wurde gespeichert." in followed
    assert (
        "Mehr Bänke am Teich"
        in client.get(initiative.get_absolute_url()).content.decode()
    )
    # Linked already: it is no longer offered, and a second post is refused.
    assert (
        "Bewegter Park"
        not in client.get(_url(contribution)).content.decode().split("<form", 1)[-1]
    )
    again = client.post(_url(contribution), {"initiative": initiative.pk})
    assert again.status_code == 200
    assert InitiativeLink.objects.count() == 1


def test_a_partner_who_may_not_edit_the_contribution_is_refused(
    client_for, municipality, partner
):
    actor = ActorFactory(municipality=municipality)
    actor.members.add(partner)
    initiative = InitiativeFactory(municipality=municipality, lead_actor=actor)
    assert partner.has_perm("initiatives.link_initiative", initiative)
    contribution = ContributionFactory(municipality=municipality)
    client = client_for(partner)
    assert client.get(_url(contribution)).status_code == 403
    response = client.post(_url(contribution), {"initiative": initiative.pk})
    assert response.status_code == 403
    assert not InitiativeLink.objects.exists()
    assert ENTRY not in client.get(contribution.get_absolute_url()).content.decode()


def test_another_municipalitys_object_and_an_unknown_kind_give_404(
    client_for, municipality, other_municipality, coordinator
):
    initiative = InitiativeFactory(municipality=municipality)
    foreign = ContributionFactory(municipality=other_municipality)
    client = client_for(coordinator)
    url = f"/{municipality.slug}/initiatives/link-from/initiatives.contribution/{foreign.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"initiative": initiative.pk}).status_code == 404
    own = ContributionFactory(municipality=municipality)
    for kind in ("participation.nothing", "initiatives.unknown"):
        assert client.get(_url(own, kind)).status_code == 404
    assert client.get(_url(own).replace(f"/{own.pk}/", "/abc/")).status_code == 404
    assert not InitiativeLink.objects.exists()


def test_an_initiative_of_another_municipality_cannot_be_chosen(
    client_for, municipality, other_municipality, coordinator
):
    foreign = InitiativeFactory(municipality=other_municipality)
    contribution = ContributionFactory(municipality=municipality)
    response = client_for(coordinator).post(
        _url(contribution), {"initiative": foreign.pk}
    )
    assert response.status_code == 200
    assert "initiative" in response.context["form"].errors
    assert not InitiativeLink.objects.exists()


@pytest.mark.parametrize(
    ("viewer", "shown"),
    [
        ("anonymous", False),
        ("resident", False),
        ("partner", False),
        ("coordinator", True),
    ],
)
def test_the_entry_is_shown_only_to_those_who_may_link(
    viewer, shown, request, client_for, municipality
):
    InitiativeFactory(municipality=municipality)
    contribution = ContributionFactory(municipality=municipality)
    user = None if viewer == "anonymous" else request.getfixturevalue(viewer)
    page = client_for(user).get(contribution.get_absolute_url())
    assert page.status_code == 200
    assert (ENTRY in page.content.decode()) is shown


def test_no_entry_without_an_initiative_to_link(client_for, municipality, coordinator):
    contribution = ContributionFactory(municipality=municipality)
    assert not Initiative.objects.exists()
    page = client_for(coordinator).get(contribution.get_absolute_url())
    assert ENTRY not in page.content.decode()


def test_every_kind_of_the_initiatives_offers_the_far_side(client_for, municipality):
    """A later kind registered in links.py inherits the entry and the page."""
    ours = [k for k in kinds() if k.key in TARGETS_BY_KEY]
    assert {k.key for k in ours} == set(TARGETS_BY_KEY)
    assert all(k.source.model is Initiative for k in ours)
    assert all(k.link_from_target is not None for k in ours)
