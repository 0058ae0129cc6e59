"""The contribution's links page finds the decision with a server-matched search
(issue 19: it offered every decision of the town, 10,000 options on the bench data):
the newest matches are offered, the page says when nothing or more than it shows
matched, the POST is checked against every decision of the municipality, and the
page reads the same number of rows whatever the data size."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.core.forms import FastRadioSelect, KernForm
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.participation.forms import LinkForm
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def _url(contribution, **query):
    url = reverse(
        "participation:link",
        kwargs={
            "municipality_slug": contribution.municipality.slug,
            "pk": contribution.pk,
        },
    )
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _decisions(municipality, texts, *, start=100):
    """Decisions numbered start, start+1, ... taken one day apart, the last newest."""
    item = AgendaItemFactory(
        meeting=MeetingFactory(forum=ForumFactory(municipality=municipality))
    )
    today = timezone.localdate()
    return [
        DecisionFactory(
            agenda_item=item,
            number=start + i,
            text=text,
            decided_on=today - datetime.timedelta(days=len(texts) - i),
        )
        for i, text in enumerate(texts)
    ]


def _offered(page):
    """The decision ids offered as radio buttons, in page order ("" = none)."""
    return re.findall(r'<input type="radio" name="decision" value="([^"]*)"', page)


def _hint(page):
    fieldset = page.split('id="id_decision"', 1)[1].split("</fieldset>", 1)[0]
    return re.search(r'<div class="kern-hint">(.*?)</div>', fieldset, re.S).group(1)


@pytest.fixture
def contribution(municipality, neighborhood):
    return ContributionFactory(municipality=municipality, neighborhood=neighborhood)


def test_the_search_offers_the_newest_matches_and_keeps_what_was_typed(
    client_for, municipality, contribution, coordinator
):
    old, other, new = _decisions(
        municipality,
        ["Spielplatz Lindenweg sanieren", "Bänke am Markt", "Spielplatz Ostpark"],
    )
    page = client_for(coordinator).get(_url(contribution, q="spielPLATZ")).content
    page = page.decode()
    assert _offered(page) == ["", str(new.pk), str(old.pk)]
    assert 'value="spielPLATZ"' in page  # the search field keeps what was typed
    assert "2 Beschlüsse passen zu „spielPLATZ“." in _hint(page)
    # Every word must match; a number matches the decision's number.
    staff = client_for(coordinator)
    page = staff.get(_url(contribution, q="Spielplatz+Linden")).content.decode()
    assert _offered(page) == ["", str(old.pk)]
    page = staff.get(_url(contribution, q=str(other.number))).content.decode()
    assert _offered(page) == ["", str(other.pk)]
    # Odd input is a search like any other (no number, no error).
    for odd in ["%C2%B2", "9" * 30, "%25", "x" * 101]:
        assert staff.get(_url(contribution, q=odd)).status_code == 200


def test_the_page_says_when_nothing_or_more_than_shown_matched(
    client_for, municipality, contribution, coordinator, monkeypatch
):
    monkeypatch.setattr(LinkForm, "DECISIONS_OFFERED", 2)
    first, second, third = _decisions(municipality, ["Baum A", "Baum B", "Baum C"])
    staff = client_for(coordinator)
    page = staff.get(_url(contribution, q="Baum")).content.decode()
    assert _offered(page) == ["", str(third.pk), str(second.pk)]
    assert "Mehr als 2 Beschlüsse passen zu „Baum“" in _hint(page)
    assert "Bitte grenzen Sie die Suche genauer ein." in _hint(page)
    page = staff.get(_url(contribution, q="Brunnen")).content.decode()
    assert _offered(page) == [""]
    assert "Kein Beschluss passt zu „Brunnen“." in _hint(page)
    # Without a search: the newest, and a hint to search for others.
    page = staff.get(_url(contribution)).content.decode()
    assert _offered(page) == ["", str(third.pk), str(second.pk)]
    assert "Andere Beschlüsse finden Sie mit der Suche oben." in _hint(page)


def test_a_decision_not_offered_can_still_be_linked_and_stays_offered(
    client_for, municipality, contribution, coordinator, monkeypatch
):
    monkeypatch.setattr(LinkForm, "DECISIONS_OFFERED", 1)
    old, new = _decisions(municipality, ["Alter Beschluss", "Neuer Beschluss"])
    staff = client_for(coordinator)
    response = staff.post(_url(contribution, q="Neuer"), {"decision": old.pk})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.decision == old
    # The linked decision is offered (and chosen) however old it is.
    page = staff.get(_url(contribution)).content.decode()
    assert _offered(page) == ["", str(old.pk), str(new.pk)]
    assert re.search(rf'value="{old.pk}"[^>]*checked', page)
    # Choosing "no decision" removes the link.
    staff.post(_url(contribution), {"decision": ""})
    contribution.refresh_from_db()
    assert contribution.decision is None


def test_a_decision_of_another_municipality_is_refused_next_to_the_field(
    client_for, municipality, other_municipality, contribution, coordinator
):
    (foreign,) = _decisions(other_municipality, ["Fremder Beschluss"])
    for value in [foreign.pk, "kein-beschluss", 10**12]:
        response = client_for(coordinator).post(_url(contribution), {"decision": value})
        assert response.status_code == 200
        page = response.content.decode()
        error = page.split('id="id_decision_error"', 1)[1].split("</div>", 1)[0]
        assert "Bitte wählen Sie einen Eintrag aus der Liste." in error
        assert "Fremder Beschluss" not in page
        contribution.refresh_from_db()
        assert contribution.decision is None


def test_agenda_items_of_recent_and_coming_meetings_are_offered(
    client_for, municipality, contribution, coordinator
):
    forum = ForumFactory(municipality=municipality)
    now = timezone.now()

    def item(days, title):
        meeting = MeetingFactory(
            forum=forum, starts_at=now + datetime.timedelta(days=days)
        )
        return AgendaItemFactory(meeting=meeting, title=title)

    old = item(-LinkForm.RECENT_DAYS - 5, "Punkt von früher")
    recent = item(-3, "Punkt von neulich")
    coming = item(10, "Punkt demnächst")
    staff = client_for(coordinator)
    page = staff.get(_url(contribution)).content.decode()
    assert "Punkt von neulich" in page
    assert "Punkt demnächst" in page
    assert page.index("Punkt von neulich") < page.index("Punkt demnächst")
    assert "Punkt von früher" not in page
    # An older item can still be linked (checked against all), and stays offered.
    response = staff.post(_url(contribution), {"agenda_item": old.pk})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.agenda_item == old
    assert "Punkt von früher" in staff.get(_url(contribution)).content.decode()
    assert recent.pk != coming.pk


@pytest.mark.parametrize("query", [{}, {"q": "Beschluss"}, {"q": "7"}])
def test_the_links_page_reads_as_many_rows_with_more_decisions(
    client_for, municipality, neighborhood, coordinator, query
):
    def queries(count, start):
        forum = ForumFactory(municipality=municipality)
        for _ in range(count):
            meeting = MeetingFactory(forum=forum)
            AgendaItemFactory(meeting=meeting)
        decisions = _decisions(
            municipality, [f"Beschluss {i}" for i in range(count)], start=start
        )
        contribution = ContributionFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            decision=decisions[0],
            agenda_item=decisions[0].agenda_item,
        )
        staff = client_for(coordinator)
        staff.get(_url(contribution, **query))  # session and caches warm
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(_url(contribution, **query)).status_code == 200
        return len(captured)

    assert queries(2, start=100) == queries(6, start=200)


def test_the_plain_radios_are_written_as_the_template_writes_them():
    choices = [("", "Kein Beschluss"), (7, "7: <Bänke>"), ('a"b&', "x")]

    def tags(widget, data):
        class Form(KernForm):
            decision = forms.ChoiceField(
                label="Beschluss", choices=choices, required=False, widget=widget
            )

        form = Form(data)
        form.is_valid()
        return [option.tag() for option in form["decision"]]

    for data in [None, {"decision": "7"}, {"decision": 'a"b&'}, {"decision": "x"}]:
        stock = tags(forms.RadioSelect, data)
        assert FastRadioSelect is not forms.RadioSelect
        assert tags(FastRadioSelect, data) == stock
        assert "kern-form-check__radio" in stock[0]
    assert "checked" in tags(FastRadioSelect, {"decision": "7"})[1]
    assert 'aria-invalid="true"' in tags(FastRadioSelect, {"decision": "x"})[0]
