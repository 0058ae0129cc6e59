"""Linking forum decisions to council papers, what the decision's page then
shows, a forum's "what became of our recommendations", and the settings page."""

from __future__ import annotations

import datetime

import pytest

from quartier.core.models import AuditEntry
from quartier.forums.tests.factories import (
    DecisionFactory,
    ForumFactory,
    ForumMemberFactory,
)
from quartier.oparl.models import CouncilSource, PaperLink
from quartier.oparl.progress import status_of
from quartier.oparl.tests.factories import CouncilPaperFactory, consult

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2026, 3, 10, 17, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 21, 17, tzinfo=datetime.UTC)


@pytest.fixture
def source(municipality):
    return CouncilSource.objects.create(
        municipality=municipality, system_url="https://ris.test.example/oparl/system"
    )


@pytest.fixture
def decision(municipality):
    forum = ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")
    return DecisionFactory(
        agenda_item__meeting__forum=forum,
        kind="recommendation",
        text="Der Spielplatz am Lindenweg soll Schatten bekommen.",
    )


@pytest.fixture
def paper(municipality):
    paper = CouncilPaperFactory(
        municipality=municipality,
        name="Beschattung Spielplatz Lindenweg",
        reference="V/2026/117",
    )
    consult(
        paper, organization_name="Ausschuss für Umwelt", result="Empfohlen", start=MARCH
    )
    consult(
        paper,
        organization_name="Rat der Stadt",
        result="Beschlossen",
        start=APRIL,
        role="Beschlussfassung",
    )
    return paper


def test_a_coordinator_links_a_decision_and_its_page_shows_the_council_status(
    client_for, coordinator, source, decision, paper, resident
):
    client = client_for(coordinator)
    form = client.get(f"/musterstadt/oparl/decisions/{decision.pk}/link/")
    assert "V/2026/117" in form.content.decode()
    answer = client.post(
        f"/musterstadt/oparl/decisions/{decision.pk}/link/", {"paper": paper.pk}
    )
    assert answer.status_code == 302
    assert PaperLink.objects.get().paper == paper
    assert AuditEntry.objects.filter(action="oparl.link_paper").exists()

    # Everybody who may see the decision sees where the paper stands.
    page = client_for(resident).get(decision.get_absolute_url()).content.decode()
    assert "V/2026/117: Beschattung Spielplatz Lindenweg" in page
    assert "Beschlossen" in page and "Rat der Stadt" in page
    assert "Ausschuss für Umwelt, 10.03.2026: Empfohlen" in page
    assert paper.get_absolute_url() in page
    # The paper's page has the consultations, with links to the council system.
    paper_page = client_for(resident).get(paper.get_absolute_url()).content.decode()
    assert paper.web in paper_page
    assert "https://ris.test.example/sitzung/" in paper_page
    assert decision.get_absolute_url() in paper_page
    assert f"/musterstadt/oparl/forums/{decision.forum.slug}/" in paper_page


def test_the_decision_page_offers_the_link_only_to_who_may_change_it(
    client_for, coordinator, resident, source, decision
):
    url = f"/musterstadt/oparl/decisions/{decision.pk}/link/"
    assert (
        url in client_for(coordinator).get(decision.get_absolute_url()).content.decode()
    )
    assert (
        url
        not in client_for(resident).get(decision.get_absolute_url()).content.decode()
    )
    assert client_for(resident).post(url, {"paper": 1}).status_code == 403


def test_a_moderator_links_only_decisions_of_their_forum(
    client_for, resident, municipality, source, decision, paper
):
    own = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=own, user=resident, role="moderation")
    own_decision = DecisionFactory(agenda_item__meeting__forum=own)
    client = client_for(resident)
    assert (
        client.post(
            f"/musterstadt/oparl/decisions/{decision.pk}/link/", {"paper": paper.pk}
        ).status_code
        == 403
    )
    # From the paper's side, a decision of someone else's forum is refused too.
    answer = client.post(
        f"/musterstadt/oparl/papers/{paper.pk}/link/", {"decision": decision.pk}
    )
    assert answer.status_code == 403
    assert not PaperLink.objects.exists()
    client.post(
        f"/musterstadt/oparl/papers/{paper.pk}/link/", {"decision": own_decision.pk}
    )
    assert PaperLink.objects.get().decision == own_decision


def test_a_paper_of_another_municipality_is_refused_with_a_form_error(
    client_for, coordinator, source, decision, other_municipality
):
    foreign = CouncilPaperFactory(municipality=other_municipality)
    answer = client_for(coordinator).post(
        f"/musterstadt/oparl/decisions/{decision.pk}/link/", {"paper": foreign.pk}
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["paper"]
    assert not PaperLink.objects.exists()


def test_a_link_is_removed(client_for, coordinator, source, decision, paper):
    link = PaperLink.objects.create(
        municipality=paper.municipality, paper=paper, decision=decision
    )
    client_for(coordinator).post(
        f"/musterstadt/oparl/decisions/{decision.pk}/link/", {"remove": link.pk}
    )
    assert not PaperLink.objects.exists()


def test_the_status_is_the_last_result_or_in_deliberation(municipality):
    paper = CouncilPaperFactory(municipality=municipality)
    assert status_of(paper) == "noch nicht auf einer Tagesordnung des Rates"
    fresh = CouncilPaperFactory(municipality=municipality)
    consult(fresh, start=MARCH)
    assert status_of(fresh) == "in Beratung"
    decided = CouncilPaperFactory(municipality=municipality)
    consult(decided, result="Abgelehnt", start=APRIL, role="Beschlussfassung")
    consult(decided, result="Empfohlen", start=MARCH)
    assert status_of(decided) == "Abgelehnt"


def test_the_forum_sees_what_became_of_its_recommendations(
    client_for, municipality, decision, paper, django_assert_max_num_queries
):
    forum = decision.forum
    PaperLink.objects.create(municipality=municipality, paper=paper, decision=decision)
    waiting = DecisionFactory(
        agenda_item__meeting__forum=forum,
        kind="recommendation",
        text="Ein Trinkbrunnen am Marktplatz.",
    )
    DecisionFactory(agenda_item__meeting__forum=forum, text="Interne Absprache")
    for _ in range(3):
        other = CouncilPaperFactory(municipality=municipality)
        consult(other, result="Vertagt", start=MARCH)
        PaperLink.objects.create(
            municipality=municipality,
            paper=other,
            decision=DecisionFactory(
                agenda_item__meeting__forum=forum, kind="recommendation"
            ),
        )
    url = f"/musterstadt/oparl/forums/{forum.slug}/"
    with django_assert_max_num_queries(20):
        page = client_for(None).get(url)
    text = page.content.decode()
    assert "Was aus unseren Empfehlungen wurde" in text
    assert "V/2026/117" in text and "Beschlossen" in text
    assert waiting.text in text and "Noch nicht vom Rat aufgegriffen" in text
    assert "Interne Absprache" not in text  # not a recommendation, not linked
    assert text.count("Vertagt") >= 3


def test_a_forum_that_recommends_to_the_council_links_what_became_of_it(
    client_for, municipality, decision
):
    forum = decision.forum
    council_url = f"/musterstadt/oparl/forums/{forum.slug}/"
    forum.recommends_to_body = ""
    forum.save()
    assert council_url not in client_for(None).get(forum.get_absolute_url()).text
    forum.recommends_to_body = "Gemeinderat"
    forum.save()
    page = client_for(None).get(forum.get_absolute_url()).text
    assert f'href="{council_url}"' in page
    assert "Was aus unseren Empfehlungen wurde" in page


def test_the_admin_configures_the_council_system(client_for, admin_user, municipality):
    client = client_for(admin_user)
    bad = client.post(
        "/musterstadt/oparl/settings/", {"system_url": "ftp://ris", "timeout": "10"}
    )
    assert bad.status_code == 200
    assert "https://" in str(bad.context["form"].errors["system_url"])
    client.post(
        "/musterstadt/oparl/settings/",
        {"system_url": "https://ris.test.example/oparl/system", "timeout": "7.5"},
    )
    source = CouncilSource.objects.get(municipality=municipality)
    assert (source.system_url, source.timeout) == (
        "https://ris.test.example/oparl/system",
        7.5,
    )
    assert AuditEntry.objects.filter(action="oparl.configure").exists()


def test_the_municipality_home_offers_the_settings_to_admins_only(
    client_for, admin_user, coordinator
):
    url = "/musterstadt/oparl/settings/"
    assert url in client_for(admin_user).get("/musterstadt/").content.decode()
    assert url not in client_for(coordinator).get("/musterstadt/").content.decode()


def test_the_paper_list_offers_the_newest_and_finds_older_ones(
    client_for, coordinator, source, decision, municipality, settings
):
    from quartier.oparl.views import pages

    old = CouncilPaperFactory(
        municipality=municipality, reference="VO/0001", date=datetime.date(2020, 1, 2)
    )
    newer = CouncilPaperFactory.create_batch(3, municipality=municipality)
    pages.PAPERS_OFFERED, before = 2, pages.PAPERS_OFFERED
    try:
        url = f"/musterstadt/oparl/decisions/{decision.pk}/link/"
        client = client_for(coordinator)
        listed = client.get(url).content.decode()
        assert "VO/0001" not in listed and newer[-1].reference in listed
        assert "VO/0001" in client.get(url, {"q": "0001"}).content.decode()
        # An older paper than the list shows may still be chosen.
        client.post(url, {"paper": old.pk})
        assert PaperLink.objects.get().paper == old
    finally:
        pages.PAPERS_OFFERED = before
