"""Stories in the browser: a guest tells a story (at 1280 and 360 px) and confirms the
address with the link from the mail; the coordination publishes it; a panel member
picks the most significant story with a reason and the closed round shows it. axe and
the layout check run on every page."""

import re

import pytest
from django.core import mail

from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory
from quartier.stories.models import Pick, Story
from quartier.stories.tests.factories import DomainFactory, RoundFactory, StoryFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


def _submit(tab, selector="main form button[type=submit]"):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


@pytest.mark.both_widths
def test_a_guest_tells_a_story_and_confirms_by_mail(tab, world):
    tab.visit("/musterstadt/stories/")
    tab.visit("/musterstadt/stories/new/")
    page = tab.page
    _submit(tab)  # empty: the errors are next to the fields
    assert page.locator("#id_title_error").is_visible()
    page.fill("#id_title", "Die Laufgruppe am Donnerstag")
    page.fill("#id_text", "Seit ich mitgehe, kenne ich sechs Nachbarinnen mit Namen.")
    page.select_option("#id_neighborhood", str(world["neighborhood"].pk))
    page.fill("#id_author_email", "renate@test.example")
    page.check("#id_consent")
    _submit(tab)
    story = Story.objects.get()
    assert story.moderation == "pending" and story.consent_at is not None
    body = mail.outbox[-1].body
    found = re.search(r"https?://[^/\s]+(/\S+/stories/confirm/\S+/)", body)
    assert found, body
    tab.visit(found.group(1))
    _submit(tab)
    story.refresh_from_db()
    assert story.email_confirmed_at is not None
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/stories/moderation/")
    _submit(tab, "main form button[value=approve]")
    story.refresh_from_db()
    assert story.is_public


@pytest.mark.both_widths
def test_a_panel_member_picks_with_a_reason(tab, world):
    municipality = world["municipality"]
    forum = ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")
    ForumMemberFactory(forum=forum, user=world["users"]["partner"])
    round_ = RoundFactory(municipality=municipality, forum=forum, title="Frühjahr")
    domain = DomainFactory(round=round_, name="Gesundheit im Alltag")
    story = StoryFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        title="Im Gesundheitskiosk endlich verstanden",
    )
    tab.force_login(world["users"]["partner"])
    tab.visit(f"/musterstadt/stories/rounds/{round_.pk}/")
    with tab.page.expect_navigation():
        tab.page.locator(f"main a[href$='/domains/{domain.pk}/pick/']").click()
    tab.scan()
    tab.page.check(f"input[name=story][value='{story.pk}']")
    tab.page.fill("#id_reason", "Sprache ist eine Gesundheitsfrage.")
    _submit(tab)
    assert Pick.objects.get().reason == "Sprache ist eine Gesundheitsfrage."
    tab.force_login(world["users"]["coordinator"])
    tab.visit(f"/musterstadt/stories/rounds/{round_.pk}/close/")
    _submit(tab)
    main = tab.page.locator("main").inner_text()
    assert "Sprache ist eine Gesundheitsfrage." in main and story.title in main
