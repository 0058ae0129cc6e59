"""The participation pages not walked through in the end-to-end tests pass the
accessibility scan too: the support and report forms a guest sees, and the
coordination's intake, moderation queue, answer, link, topics and event window
pages."""

import pytest

from quartier.participation.tests.factories import CommentFactory, ContributionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def contribution(world):
    contribution = ContributionFactory(
        municipality=world["municipality"],
        neighborhood=world["neighborhood"],
        title="Trinkbrunnen am Marktplatz",
    )
    CommentFactory(contribution=contribution, text="Bitte auch im Lindenpark.")
    ContributionFactory(
        municipality=world["municipality"],
        neighborhood=world["neighborhood"],
        title="Wartet noch auf Freigabe",
        moderation="pending",
    )
    return contribution


def test_guest_pages_of_a_contribution_pass_the_scan(tab, contribution):
    base = f"/musterstadt/participation/{contribution.pk}/"
    for path in [base, base + "support/", base + "report/"]:
        tab.visit(path)
    comment = contribution.comments.first()
    tab.visit(f"/musterstadt/participation/comments/{comment.pk}/report/")


def test_coordination_pages_pass_the_scan(tab, world, contribution):
    tab.force_login(world["users"]["coordinator"])
    base = f"/musterstadt/participation/{contribution.pk}/"
    for path in [
        "/musterstadt/participation/intake/",
        "/musterstadt/participation/moderation/",
        "/musterstadt/participation/topics/",
        "/musterstadt/participation/events/",
        base,
        base + "answer/",
        base + "link/",
        # The links page after a search for a decision (radio buttons, hint).
        base + "link/?q=Beschluss",
    ]:
        tab.visit(path)
    # The moderation queue shows the contribution waiting for approval.
    tab.visit("/musterstadt/participation/moderation/")
    assert tab.page.get_by_text("Wartet noch auf Freigabe").count() >= 1
