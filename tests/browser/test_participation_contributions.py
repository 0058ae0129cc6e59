"""Contributions end to end (issue 4): a resident without an account submits an idea
on a 360 px phone with JavaScript switched off, confirms the e-mail address; a
coordinator answers it, and the author's mail arrives. Every page is scanned with
axe (the no-JavaScript pages through the scanner copy)."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import _new_tab

pytestmark = pytest.mark.browser

TITLE = "Sonnensegel für den Spielplatz im Lindenpark"


@pytest.fixture
def phone_nojs_tab(browser, live_server):
    yield from _new_tab(
        browser,
        live_server,
        java_script_enabled=False,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


def _submit(tab, selector="main form[enctype] button[type=submit]"):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


def _submit_idea(tab, neighborhood, assert_fits_phone):
    tab.visit(f"/musterstadt/participation/new/?neighborhood={neighborhood.pk}")
    assert_fits_phone(tab)
    page = tab.page
    page.check("input[name=kind][value=idea]")
    page.fill("input[name=title]", TITLE)
    page.fill(
        "textarea[name=text]",
        "Im Sommer ist der Spielplatz mittags zu heiß. Ein Sonnensegel würde helfen.",
    )
    page.fill("input[name=address]", "Lindenpark, am Klettergerüst")
    page.fill("input[name=author_name]", "Fatma Yilmaz")
    page.fill("input[name=author_email]", "fatma@test.example")
    assert page.locator("select[name=neighborhood]").input_value() == str(
        neighborhood.pk
    )
    _submit(tab)
    assert_fits_phone(tab)


def _confirm(tab):
    from quartier.participation.models import Contribution

    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/]+(/\S+/confirm/\S+/)", body).group(1)
    tab.visit(path)
    _submit(tab, "main form button[type=submit]")
    assert Contribution.objects.get(title=TITLE).email_confirmed_at is not None


def test_resident_submits_an_idea_on_a_phone_without_javascript(
    phone_nojs_tab, world, assert_fits_phone
):
    from quartier.participation.models import Contribution

    tab = phone_nojs_tab
    _submit_idea(tab, world["neighborhood"], assert_fits_phone)
    contribution = Contribution.objects.get(title=TITLE)
    assert contribution.channel == "online"
    assert contribution.author is None
    assert tab.path() == contribution.get_absolute_url()
    assert TITLE in tab.page.locator("h1").inner_text()
    assert mail.outbox[-1].to == ["fatma@test.example"]
    _confirm(tab)
    tab.visit("/musterstadt/participation/")
    assert_fits_phone(tab)
    assert tab.page.locator(f"main a:has-text('{TITLE}')").count() == 1


def test_coordinator_answers_and_the_author_hears_of_it(
    phone_nojs_tab, tab, world, assert_fits_phone
):
    from quartier.participation.models import Contribution

    _submit_idea(phone_nojs_tab, world["neighborhood"], assert_fits_phone)
    _confirm(phone_nojs_tab)
    contribution = Contribution.objects.get(title=TITLE)
    sent = len(mail.outbox)

    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/participation/moderation/")
    tab.visit(contribution.get_absolute_url())
    page = tab.page
    page.select_option("select[name=status]", "taken_up")
    page.fill("textarea[name=reason]", "Kommt ins Quartiersforum im Juni.")
    page.fill(
        "textarea[name=answer]",
        "Danke! Wir prüfen ein Sonnensegel mit dem Grünflächenamt.",
    )
    with page.expect_navigation():
        page.locator("form[action$='/answer/'] button[type=submit]").click()
    tab.scan()
    contribution.refresh_from_db()
    assert contribution.status == "taken_up"
    assert len(mail.outbox) == sent + 1
    message = mail.outbox[-1]
    assert message.to == ["fatma@test.example"]
    assert "Sonnensegel" in message.body

    phone_nojs_tab.visit(contribution.get_absolute_url())
    assert "Grünflächenamt" in phone_nojs_tab.page.locator("main").inner_text()
    assert_fits_phone(phone_nojs_tab)
