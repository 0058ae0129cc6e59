"""The glossary and the Leitbild: versions adopted by decisions, proposals and
comments by members, the pages' German errors, query counts and the home section."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.glossary import services
from quartier.glossary.models import AgreedDefinition, LeitbildVersion, Term
from quartier.glossary.tests.factories import agree, make_decision, make_term

pytestmark = pytest.mark.django_db

D1 = datetime.date(2025, 3, 1)
D2 = datetime.date(2026, 2, 1)


def url(name, municipality, **kw):
    return reverse(
        f"glossary:{name}", kwargs={"municipality_slug": municipality.slug, **kw}
    )


def test_the_current_definition_is_the_latest_version_and_history_stays(
    municipality, coordinator
):
    term = make_term(municipality, "Sozialraum")
    first = make_decision(municipality, decided_on=D1)
    second = make_decision(municipality, decided_on=D2)
    services.definition_adopt(
        by=coordinator, term=term, text="Alt.", decision=first, valid_from=D1
    )
    services.definition_adopt(
        by=coordinator, term=term, text="Neu.", decision=second, valid_from=D2
    )
    assert term.current_definition.text == "Neu."
    assert list(term.agreed_versions.values_list("text", flat=True)) == ["Neu.", "Alt."]
    assert AuditEntry.objects.filter(action="glossary.adopt_definition").count() == 2


def test_an_agreed_version_needs_a_decision_of_the_same_municipality(
    municipality, other_municipality, coordinator
):
    term = make_term(municipality, "Teilhabe")
    foreign = make_decision(other_municipality, decided_on=D1)
    with pytest.raises(ValidationError) as exc:
        services.definition_adopt(
            by=coordinator, term=term, text="x", decision=foreign, valid_from=D1
        )
    assert "decision" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.definition_adopt(
            by=coordinator, term=term, text="x", decision=None, valid_from=D1
        )
    assert "decision" in exc.value.message_dict
    assert not AgreedDefinition.objects.exists()


def test_residents_may_not_adopt(municipality, resident):
    term = make_term(municipality, "Quartier")
    decision = make_decision(municipality, decided_on=D1)
    with pytest.raises(PermissionDenied):
        services.definition_adopt(
            by=resident, term=term, text="x", decision=decision, valid_from=D1
        )


def test_the_adopt_form_shows_german_errors_and_keeps_the_typed_text(
    client_for, municipality, coordinator
):
    term = make_term(municipality, "Vernetzung")
    decision = make_decision(municipality, decided_on=D2)
    response = client_for(coordinator).post(
        url("adopt", municipality, slug=term.slug),
        {
            "text": "Mein getippter Text",
            "decision": decision.pk,
            "valid_from": "2025-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Eine Fassung kann nicht vor dem Beschluss gelten" in html
    assert "Mein getippter Text" in html
    assert not AgreedDefinition.objects.exists()
    response = client_for(coordinator).post(
        url("adopt", municipality, slug=term.slug),
        {"text": "Vereinbart.", "decision": decision.pk, "valid_from": "2026-02-01"},
    )
    assert response.status_code == 302
    assert term.current_definition.decision == decision


def test_a_member_proposes_and_comments_and_the_page_shows_who(
    client_for, municipality, resident, partner
):
    resident.display_name = "Aylin D."
    resident.save()
    term = make_term(municipality, "Beteiligung")
    response = client_for(resident).post(
        url("propose", municipality, slug=term.slug),
        {"text": "Mitreden und mitentscheiden."},
    )
    assert response.status_code == 302
    proposal = term.proposals.get()
    assert proposal.proposed_by == resident
    client_for(partner).post(
        url("comment", municipality, slug=term.slug, pk=proposal.pk),
        {"text": "Auch mitgestalten."},
    )
    assert proposal.comments.get().author == partner
    html = (
        client_for(None).get(url("term", municipality, slug=term.slug)).content.decode()
    )
    assert "Mitreden und mitentscheiden." in html
    assert "Aylin D." in html
    assert "Auch mitgestalten." in html
    assert resident.email not in html


def test_an_empty_proposal_is_refused_in_german(client_for, municipality, resident):
    term = make_term(municipality, "Gesundheit")
    response = client_for(resident).post(
        url("propose", municipality, slug=term.slug), {"text": ""}
    )
    assert response.status_code == 200
    assert (
        "Pflichtfeld" in response.content.decode()
        or "Bitte" in response.content.decode()
    )
    assert not term.proposals.exists()


def test_the_list_shows_agreed_definitions_and_counts_in_constant_queries(
    client_for, municipality, resident, django_assert_max_num_queries
):
    decision = make_decision(municipality, decided_on=D1)
    for i in range(8):
        term = make_term(municipality, f"Begriff {i}")
        agree(term, f"Definition {i}", decision, D1)
        term.proposals.create(text="Vorschlag", proposed_by=resident)
    make_term(municipality, "Offen")
    client = client_for(None)
    with django_assert_max_num_queries(12):
        response = client.get(url("list", municipality))
    html = response.content.decode()
    assert "Definition 7" in html
    assert "noch keine vereinbarte Definition" in html
    assert "1 Vorschlag" in html


def test_used_in_finds_visible_decisions_only(client_for, municipality):
    term = make_term(municipality, "Sozialraum")
    make_decision(municipality, text="Der Sozialraum Sonnenberg bekommt ein Budget.")
    hidden = make_decision(municipality, text="Geheimer Sozialraum-Beschluss")
    hidden.forum.visibility = "members"
    hidden.forum.save()
    html = (
        client_for(None).get(url("term", municipality, slug=term.slug)).content.decode()
    )
    assert "Der Sozialraum Sonnenberg" in html
    assert "Geheimer" not in html


def test_leitbild_versions_are_sanitised_and_shown_on_the_home(
    client_for, municipality, coordinator
):
    first = make_decision(municipality, decided_on=D1)
    second = make_decision(municipality, decided_on=D2)
    services.leitbild_adopt(
        by=coordinator,
        municipality=municipality,
        text="<p>Erste Fassung</p>",
        decision=first,
        valid_from=D1,
    )
    services.leitbild_adopt(
        by=coordinator,
        municipality=municipality,
        text='<p onclick="x()">Wir achten einander.</p><script>alert(1)</script>',
        decision=second,
        valid_from=D2,
    )
    current = LeitbildVersion.objects.first()
    assert "onclick" not in current.text and "<script" not in current.text
    page = client_for(None).get(url("leitbild", municipality)).content.decode()
    assert "Wir achten einander." in page and "Erste Fassung" in page
    home = client_for(None).get(municipality.get_absolute_url()).content.decode()
    assert "Unser Leitbild" in home and "Wir achten einander." in home


def test_a_term_is_unique_per_municipality(municipality, coordinator):
    services.term_create(by=coordinator, municipality=municipality, term="Quartier")
    with pytest.raises(ValidationError):
        services.term_create(by=coordinator, municipality=municipality, term="quartier")
    assert Term.objects.count() == 1
