"""'Wer entscheidet was?': mandates, the chain of recommendations up to the council,
and the responsibility matrix."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
    ResponsibilityFactory,
)


@pytest.fixture
def chain(municipality):
    steering = ForumFactory(
        municipality=municipality,
        name="Steuerungsgruppe Gesundheit",
        mandate="deciding",
        mandate_scope="die Regeln des Quartiersfonds",
        recommends_to_body="Gemeinderat",
    )
    forum = ForumFactory(
        municipality=municipality,
        name="Quartiersforum Sonnenberg",
        mandate="recommending",
        mandate_scope="Maßnahmen im Sonnenberg",
        recommends_to=steering,
    )
    ForumFactory(
        municipality=municipality, name="Vertrauliche Runde", visibility="members"
    )
    return {"steering": steering, "forum": forum}


def page(client, municipality):
    response = client.get(
        reverse("forums:who_decides", kwargs={"municipality_slug": municipality.slug})
    )
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_mandates_and_the_chain_up_to_the_council(client, municipality, chain):
    content = page(client, municipality)
    start = content.index('role="img" aria-labelledby="diagram-heading"')  # not an icon
    start = content.rindex("<svg", 0, start)
    diagram = content[start : content.index("</svg>", start)]
    assert 'role="img"' in diagram and 'aria-labelledby="diagram-heading"' in diagram
    assert "Gemeinderat" in diagram and "Quartiersforum Sonnenberg" in diagram
    assert diagram.count("<line") == 2
    assert re.search(
        r"<title>[^<]*Quartiersforum Sonnenberg[^<]*Steuerungsgruppe Gesundheit[^<]*"
        r"</title>\s*<line",
        diagram,
    )
    listing = content[content.index("</svg>", start) :]
    # The list nests the chain: council, then steering group, then the forum.
    assert (
        listing.index("Gemeinderat")
        < listing.index("Steuerungsgruppe Gesundheit")
        < listing.index("Quartiersforum Sonnenberg")
    )
    assert "die Regeln des Quartiersfonds" in listing
    assert "Maßnahmen im Sonnenberg" in listing


def test_members_only_forums_are_left_out_for_guests(client, municipality, chain):
    assert "Vertrauliche Runde" not in page(client, municipality)


def test_the_matrix_shows_raci_letters_of_open_decisions(client, municipality, chain):
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg")
    item = AgendaItemFactory(meeting=MeetingFactory(forum=chain["forum"]))
    open_decision = DecisionFactory(agenda_item=item, number=3)
    done = DecisionFactory(agenda_item=item, number=4, status="done")
    ResponsibilityFactory(decision=open_decision, user=None, actor=actor, role="R")
    ResponsibilityFactory(decision=open_decision, user=None, actor=actor, role="A")
    ResponsibilityFactory(decision=done, user=None, actor=actor, role="C")
    content = page(client, municipality)
    matrix = content[content.index('id="matrix-heading"') :]
    assert '<th scope="row"' in matrix and "Sportverein Sonnenberg" in matrix
    assert f"{open_decision.decided_on:%Y}-3" in matrix
    assert f"{done.decided_on:%Y}-4" not in matrix
    assert ">R</abbr>" in matrix and ">A</abbr>" in matrix
    assert ">C</abbr>" not in matrix


def test_a_circular_chain_does_not_break_the_page(client, municipality, chain):
    chain["steering"].recommends_to = chain["forum"]
    chain["steering"].save()
    assert "Quartiersforum Sonnenberg" in page(client, municipality)


def test_an_outside_body_named_by_several_forums_is_drawn_once(client, municipality):
    """The demo drew the Gemeinderat twice: one forum named it alone, another
    together with a second body ("…; …"), and the whole text became one box."""
    ForumFactory(
        municipality=municipality,
        name="Steuerungsgruppe",
        recommends_to_body="Gemeinderat, Ausschuss für Soziales",
    )
    ForumFactory(
        municipality=municipality,
        name="Gesundheitsforum",
        recommends_to_body="Gemeinderat,  Ausschuss für Soziales; Gesundheitskonferenz",
    )
    content = page(client, municipality)
    start = content.index('role="img" aria-labelledby="diagram-heading"')  # not an icon
    start = content.rindex("<svg", 0, start)
    diagram = content[start : content.index("</svg>", start)]

    boxes = re.findall(r"<g><title>([^<]*) – ", diagram)
    assert sorted(boxes) == [
        "Gemeinderat, Ausschuss für Soziales",
        "Gesundheitsforum",
        "Gesundheitskonferenz",
        "Steuerungsgruppe",
    ]
    # The forum naming two bodies has an arrow to each of them.
    assert diagram.count("<line") == 3
    assert "Gesundheitsforum empfiehlt an Gesundheitskonferenz" in diagram
    listing = content[content.index("</svg>", start) :]
    assert listing.count("<strong>Gemeinderat, Ausschuss für Soziales</strong>") == 1
