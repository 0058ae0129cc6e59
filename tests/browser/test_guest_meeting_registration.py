"""Guests register for a public meeting without an account (issue 12), end to end:
on a 360 px phone a visitor registers with name, e-mail and a need, opens the
confirmation link from the e-mail (read from the mail outbox of the live server,
which runs in the test's process), confirms with the button, and later cancels with
the link of the confirmation mail. Every page is scanned with axe."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


def _submit(tab, selector="main form button[type=submit]"):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


def _link(kind):
    body = mail.outbox[-1].body
    found = re.search(rf"https?://[^/\s]+(/\S+/registration/{kind}/\S+/)", body)
    assert found, body
    return found.group(1)


@pytest.mark.both_widths
def test_a_guest_registers_confirms_by_mail_and_cancels(
    phone_tab, world, assert_fits_phone
):
    from quartier.forums.models import Registration
    from quartier.forums.tests.factories import ForumFactory, MeetingFactory

    forum = ForumFactory(
        municipality=world["municipality"], name="Quartiersforum Sonnenberg"
    )
    meeting = MeetingFactory(forum=forum, title="Bilanz Wochenend-Bus", capacity=20)
    meeting_url = f"/musterstadt/meetings/{meeting.pk}/"
    guest_url = f"{meeting_url}register/guest/"

    tab = phone_tab
    tab.visit(meeting_url)
    with tab.page.expect_navigation():
        tab.page.locator(f'main a[href="{guest_url}"]').click()
    tab.scan()
    assert_fits_phone(tab)
    page = tab.page
    page.fill("#registration_name", "Gül Aydın")
    page.fill("#registration_email", "guel.aydin@post.example")
    page.locator('input[name="needs"][value="step_free"]').check()
    mail.outbox.clear()
    _submit(tab)
    assert tab.path() == meeting_url
    registration = Registration.objects.get(guest_email="guel.aydin@post.example")
    assert registration.status == "pending"
    assert registration.needs == ["step_free"]
    assert mail.outbox[-1].to == ["guel.aydin@post.example"]

    # The link from the e-mail: a page with one button.
    tab.visit(_link("confirm"))
    registration.refresh_from_db()
    assert registration.status == "pending"
    mail.outbox.clear()
    _submit(tab)
    assert tab.path() == meeting_url
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert_fits_phone(tab)

    # The confirmation mail carries the link to cancel.
    tab.visit(_link("cancel"))
    _submit(tab)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
