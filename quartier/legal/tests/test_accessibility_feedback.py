"""Feedback on accessibility: anyone reports a barrier, the coordination is told and
answers within the municipality's deadline; the reporter gets a receipt naming the
deadline and the answer by e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quartier.core import worklist
from quartier.core.models import AuditEntry
from quartier.legal.models import AccessibilityFeedback, AccessibilitySettings, due_on
from quartier.legal.views import FEEDBACK_LIMIT
from quartier.participation.forms import new_started_token

pytestmark = pytest.mark.django_db

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


def url(municipality, name, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def form_data(**overrides):
    data = {
        "page": "/musterstadt/rooms/",
        "text": "Der Kalender lässt sich nicht mit der Tastatur bedienen.",
        "name": "Erika Beispiel",
        "email": "erika@test.example",
        "website": "",
        "started": new_started_token(),
    }
    data.update(overrides)
    return data


def feedback(municipality, *, days_ago=0, **values):
    received = timezone.now() - datetime.timedelta(days=days_ago)
    defaults = {
        "page": "/musterstadt/",
        "text": "Kontrast der Schaltflächen zu schwach",
        "received_at": received,
        "due_on": due_on(received, 6),
    }
    return AccessibilityFeedback.objects.create(
        municipality=municipality, **{**defaults, **values}
    )


def test_a_guest_reports_a_barrier_and_both_sides_get_mail(
    client, municipality, coordinator
):
    municipality.contact_email = "rathaus@test.example"
    municipality.save()
    response = client.post(url(municipality, "legal:feedback"), form_data(), **DE)
    assert response.status_code == 302
    item = AccessibilityFeedback.objects.get()
    assert item.municipality == municipality
    assert item.status == "open" and item.email == "erika@test.example"
    assert item.due_on == timezone.localdate() + datetime.timedelta(weeks=6)

    to_office, receipt = mail.outbox
    assert to_office.to == ["rathaus@test.example"]
    assert "Tastatur" in to_office.body
    assert url(municipality, "legal:feedback_detail", pk=item.pk) in to_office.body
    assert receipt.to == ["erika@test.example"]
    date = item.due_on.strftime("%d.%m.%Y")
    assert f"innerhalb von 6 Wochen, spätestens bis {date}" in receipt.body
    assert date in to_office.subject


def test_without_an_address_no_receipt_and_the_coordination_gets_it(
    client, municipality, coordinator, admin_user, resident
):
    response = client.post(
        url(municipality, "legal:feedback"), form_data(email="", name="")
    )
    assert response.status_code == 302
    (to_office,) = mail.outbox
    assert sorted(to_office.to) == sorted([admin_user.email, coordinator.email])


def test_the_deadline_follows_the_municipalitys_setting(client, municipality):
    AccessibilitySettings.objects.create(
        municipality=municipality, feedback_weeks=2, feedback_email="ba@test.example"
    )
    client.post(url(municipality, "legal:feedback"), form_data())
    item = AccessibilityFeedback.objects.get()
    assert item.due_on == timezone.localdate() + datetime.timedelta(days=14)
    assert mail.outbox[0].to == ["ba@test.example"]
    assert "innerhalb von 2 Wochen" in mail.outbox[1].body


def test_due_on_counts_from_the_local_day_of_receipt():
    # 23:30 UTC on 31 March is already 1 April in Berlin.
    received = datetime.datetime(2027, 3, 31, 23, 30, tzinfo=datetime.UTC)
    assert due_on(received, 6) == datetime.date(2027, 5, 13)


def test_bad_input_is_refused_in_german_and_keeps_what_was_typed(client, municipality):
    response = client.post(
        url(municipality, "legal:feedback"),
        form_data(text="", email="erika@", name="Erika Beispiel"),
        **DE,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte beschreiben Sie, was nicht funktioniert hat." in html
    assert "Bitte geben Sie eine vollständige E-Mail-Adresse ein" in html
    assert 'value="Erika Beispiel"' in html
    assert 'value="erika@"' in html
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_a_form_sent_too_fast_or_without_token_is_shown_again(
    client, municipality, settings
):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 3600
    response = client.post(url(municipality, "legal:feedback"), form_data(), **DE)
    assert response.status_code == 200
    assert "sehr schnell" in response.content.decode()
    response = client.post(
        url(municipality, "legal:feedback"), form_data(started="forged"), **DE
    )
    assert response.status_code == 200
    assert not AccessibilityFeedback.objects.exists()


def test_the_honeypot_pretends_success_and_stores_nothing(client, municipality):
    response = client.post(
        url(municipality, "legal:feedback"), form_data(website="http://spam.example")
    )
    assert response.status_code == 302
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_guests_are_rate_limited(client, municipality):
    for _ in range(FEEDBACK_LIMIT):
        assert (
            client.post(url(municipality, "legal:feedback"), form_data()).status_code
            == 302
        )
    response = client.post(url(municipality, "legal:feedback"), form_data(), **DE)
    assert response.status_code == 429
    assert "zu viele Rückmeldungen" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == FEEDBACK_LIMIT


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/musterstadt/rooms/?week=2027-W01", "/musterstadt/rooms/?week=2027-W01"),
        ("http://testserver/musterstadt/forums/", "/musterstadt/forums/"),
        ("https://evil.example/phish", ""),
        ("//evil.example/phish", ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_the_page_is_prefilled_only_from_within_the_site(
    client, municipality, given, expected
):
    html = client.get(
        url(municipality, "legal:feedback"), {"page": given}
    ).content.decode()
    html = html.replace("&amp;", "&")
    if expected:
        assert f'name="page" value="{expected}"' in html
    else:
        assert 'name="page" value=' not in html


def test_the_page_is_prefilled_from_the_referer(client, municipality):
    html = client.get(
        url(municipality, "legal:feedback"),
        HTTP_REFERER="http://testserver/musterstadt/directory/",
    ).content.decode()
    assert 'value="/musterstadt/directory/"' in html


def test_the_form_shows_the_art_13_notice_with_the_privacy_anchor(client, municipality):
    html = client.get(url(municipality, "legal:feedback"), **DE).content.decode()
    assert 'data-processing="legal.accessibility_feedback"' in html
    assert f"{url(municipality, 'legal:privacy')}#accessibility-feedback" in html
    assert "Verantwortlich für Ihre Daten ist: Musterstadt." in html


def test_the_coordination_answers_and_the_answer_is_mailed(
    client_for, municipality, coordinator
):
    item = feedback(municipality, email="erika@test.example", name="Erika")
    client = client_for(coordinator)
    detail = url(municipality, "legal:feedback_detail", pk=item.pk)
    assert "Kontrast der Schaltflächen" in client.get(detail).content.decode()
    response = client.post(detail, {"answer": "Wir haben den Kontrast erhöht."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "answered"
    assert item.answered_by == coordinator
    assert item.answered_at is not None
    (answer,) = mail.outbox
    assert answer.to == ["erika@test.example"]
    assert "Wir haben den Kontrast erhöht." in answer.body
    assert AuditEntry.objects.filter(
        municipality=municipality, action="legal.answer_accessibilityfeedback"
    ).exists()
    # A second answer is refused; the first one stays.
    client.post(detail, {"answer": "Noch einmal"})
    item.refresh_from_db()
    assert item.answer == "Wir haben den Kontrast erhöht."
    assert len(mail.outbox) == 1


def test_an_empty_answer_is_refused_in_german(client_for, municipality, coordinator):
    item = feedback(municipality)
    response = client_for(coordinator).post(
        url(municipality, "legal:feedback_detail", pk=item.pk), {"answer": ""}, **DE
    )
    assert response.status_code == 200
    assert "Bitte schreiben Sie die Antwort." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "open"


def test_an_answer_without_address_is_kept_and_not_mailed(
    client_for, municipality, coordinator
):
    item = feedback(municipality)
    client_for(coordinator).post(
        url(municipality, "legal:feedback_detail", pk=item.pk), {"answer": "Erledigt"}
    )
    item.refresh_from_db()
    assert item.status == "answered" and item.answer == "Erledigt"
    assert mail.outbox == []


def test_the_list_marks_overdue_feedback(client_for, municipality, coordinator):
    late = feedback(municipality, days_ago=50, text="Alt und überfällig")
    feedback(municipality, days_ago=1, text="Frisch eingegangen")
    assert late.is_overdue
    assert list(AccessibilityFeedback.objects.overdue()) == [late]
    html = (
        client_for(coordinator)
        .get(url(municipality, "legal:feedback_list"), **DE)
        .content.decode()
    )
    assert "Alt und überfällig" in html and "Frisch eingegangen" in html
    assert html.count("q-overdue") == 1
    assert "davon 1 überfällig" in html


def test_the_list_costs_the_same_queries_with_more_rows(
    client_for, municipality, coordinator, django_assert_max_num_queries
):
    client = client_for(coordinator)
    for i in range(3):
        feedback(municipality, text=f"Barriere {i}")
    list_url = url(municipality, "legal:feedback_list")
    client.get(list_url)
    for i in range(20):
        feedback(municipality, days_ago=i, text=f"Weitere {i}")
    with django_assert_max_num_queries(14):
        assert client.get(list_url).status_code == 200


def test_another_municipalitys_feedback_is_invisible(
    client_for, municipality, other_municipality, coordinator, other_admin
):
    ours = feedback(municipality, text="Nur in Musterstadt")
    theirs = feedback(other_municipality, text="Nur in Beispielheim")
    client = client_for(coordinator)
    html = client.get(url(municipality, "legal:feedback_list")).content.decode()
    assert "Nur in Musterstadt" in html and "Nur in Beispielheim" not in html
    # Their item under our address, and ours for their admin: not found.
    assert (
        client.get(url(municipality, "legal:feedback_detail", pk=theirs.pk)).status_code
        == 404
    )
    other = client_for(other_admin)
    assert (
        other.get(url(municipality, "legal:feedback_detail", pk=ours.pk)).status_code
        == 404
    )
    assert (
        other.post(
            url(other_municipality, "legal:feedback_detail", pk=ours.pk),
            {"answer": "fremd"},
        ).status_code
        == 404
    )
    ours.refresh_from_db()
    assert ours.status == "open"


def test_open_feedback_is_on_the_coordinations_overview(
    municipality, coordinator, resident
):
    late = feedback(municipality, days_ago=60, text="Überfällige Barriere")
    feedback(municipality, text="Neue Barriere")
    answered = feedback(municipality, text="Erledigte Barriere")
    AccessibilityFeedback.objects.filter(pk=answered.pk).update(
        status="answered", answered_at=timezone.now()
    )
    filled = {
        f.queue.key: f for f in worklist.fill(coordinator, municipality, worklist.WORK)
    }
    queue = filled["legal.accessibility_feedback"]
    assert queue.count == 2
    assert queue.entries[0].title == late.text and queue.entries[0].urgent
    assert "legal.accessibility_feedback" not in {
        f.queue.key for f in worklist.fill(resident, municipality, worklist.WORK)
    }


@pytest.mark.parametrize(
    ("typed", "linked"),
    [
        ("/musterstadt/rooms/", True),
        ("//evil.example/phish", False),
        ("/\\evil.example", False),
        ("https://evil.example/", False),
        ("javascript:alert(1)", False),
        ("die Seite mit den Räumen", False),
    ],
)
def test_the_coordination_gets_a_link_only_into_this_site(
    client_for, municipality, coordinator, typed, linked
):
    item = feedback(municipality, page=typed)
    html = (
        client_for(coordinator)
        .get(url(municipality, "legal:feedback_detail", pk=item.pk))
        .content.decode()
    )
    assert (f'href="{typed}"' in html) is linked
    assert "Kontrast der Schaltflächen" in html


def test_every_page_of_the_municipality_offers_the_form_for_itself(
    client, municipality
):
    html = client.get(
        url(municipality, "legal:imprint"), {"x": "1"}, **DE
    ).content.decode()
    form = url(municipality, "legal:feedback")
    assert f'href="{form}?page=%2Fmusterstadt%2Fimpressum%2F%3Fx%3D1"' in html
    prefilled = client.get(f"{form}?page=%2Fmusterstadt%2Fimpressum%2F%3Fx%3D1")
    assert 'value="/musterstadt/impressum/?x=1"' in prefilled.content.decode()


def test_the_form_needs_its_csrf_token(municipality):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url(municipality, "legal:feedback"), form_data())
    assert response.status_code == 403
    assert not AccessibilityFeedback.objects.exists()
