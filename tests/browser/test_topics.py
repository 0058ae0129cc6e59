"""Topics in free text in the browser, layout at 1280 and 360 px and axe on every
page: a coordinator starts a clustering, sees the clusters with their typical texts
and turns one into a topic of the contributions."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_a_coordinator_clusters_texts_and_turns_a_cluster_into_a_topic(tab, world):
    from quartier.participation.models import Contribution, Topic
    from quartier.topics.models import ClusterRun
    from quartier.topics.tests.factories import seed_corpus

    municipality = world["municipality"]
    contributions, _stories, _comments, _parent = seed_corpus(
        municipality, world["neighborhood"]
    )
    tab.force_login(world["users"]["coordinator"])
    tab.visit(f"/{municipality.slug}/topics/")
    tab.scan()
    page = tab.page
    assert "zählt Wörter" in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Gruppierung starten").click()
    tab.scan()
    run = ClusterRun.objects.get()
    assert run.status == "done" and run.k == 3
    headings = page.locator("main h2.kern-title").all_inner_texts()
    assert any("Spielplatz" in h for h in headings)
    assert any("Haltestelle" in h for h in headings)
    assert page.get_by_role("link", name=contributions[0].title).count() >= 1

    playground = run.clusters.get(terms__0__in=["Spielplatz", "Kinder"])
    with page.expect_navigation():
        page.locator(f'main a[href$="/clusters/{playground.position}/topic/"]').click()
    tab.scan()
    assert page.input_value("#id_name") == playground.name
    page.fill("#id_name", "Spielplätze für Kinder")
    with page.expect_navigation():
        page.get_by_role("button", name="Thema anlegen").click()
    tab.scan()
    assert "Das Thema „Spielplätze für Kinder“ wurde angelegt" in page.content()
    assert "Übernommen als Thema" in page.content()
    topic = Topic.objects.get(municipality=municipality, name="Spielplätze für Kinder")
    tagged = set(Contribution.objects.filter(topics=topic))
    assert set(contributions) <= tagged
