"""Time entries need the staff council (LPVG BW, § 87 BetrVG; docs/time.md): off
until an admin confirms an agreement or chooses "own entries only"; per-person
totals only with the agreement. Walks every time page of the app."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern, reverse

from quartier.core import worklist
from quartier.learning import services, urls
from quartier.learning.models import TimeEntry, TimeTrackingSetting
from quartier.learning.tests.factories import TimeEntryFactory

pytestmark = pytest.mark.django_db

SETTING_PAGE = "time_setting"


def time_pages(municipality, entry):
    """Every page of the app except the admin's setting page, walked from urls.py
    so that a new time page is covered without being listed here."""
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == SETTING_PAGE:
            continue
        kwargs = {"municipality_slug": municipality.slug}
        if "<int:pk>" in str(pattern.pattern):
            kwargs["pk"] = entry.pk
        yield reverse(f"learning:{pattern.name}", kwargs=kwargs)


def set_mode(municipality, mode):
    TimeTrackingSetting.objects.update_or_create(
        municipality=municipality, defaults={"mode": mode}
    )
    # The mode is read once per request and kept on the municipality object.
    vars(municipality).pop("_time_tracking_mode", None)


def test_while_off_every_time_page_explains_and_refuses(
    client, coordinator, resident, municipality
):
    entry = TimeEntryFactory(municipality=municipality, person=resident)
    client.force_login(coordinator)
    pages = list(time_pages(municipality, entry))
    assert len(pages) >= 6
    for page in pages:
        response = client.get(page)
        assert response.status_code == 403, page
        assert b"staff council" in response.content or b"Personalrat" in (
            response.content
        ), page
    response = client.post(
        reverse("learning:time_new", kwargs={"municipality_slug": municipality.slug}),
        {"date": "2026-01-15", "hours": "1.5", "category": "moderation"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse(
            "learning:time_delete",
            kwargs={"municipality_slug": municipality.slug, "pk": entry.pk},
        )
    )
    assert response.status_code == 403
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
    assert TimeEntry.objects.count() == 1


def test_while_off_the_service_refuses_and_the_queue_is_hidden(resident, municipality):
    with pytest.raises(PermissionDenied):
        services.time_entry_save(
            by=resident,
            municipality=municipality,
            date=datetime.date(2026, 1, 15),
            hours="1",
            category="networking",
        )
    TimeEntryFactory(municipality=municipality, person=resident)
    keys = {f.queue.key for f in worklist.fill(resident, municipality, worklist.MINE)}
    assert "learning.my_time" not in keys
    set_mode(municipality, "own_only")
    keys = {f.queue.key for f in worklist.fill(resident, municipality, worklist.MINE)}
    assert "learning.my_time" in keys


def test_own_only_refuses_totals_per_person_to_everyone(
    client, coordinator, admin_user, resident, municipality
):
    set_mode(municipality, "own_only")
    TimeEntryFactory(municipality=municipality, person=resident)
    for user in (coordinator, admin_user):
        assert not user.has_perm("learning.view_person_totals", municipality)
        client.force_login(user)
        response = client.get(
            reverse("learning:time", kwargs={"municipality_slug": municipality.slug})
        )
        assert response.status_code == 200
        assert b"Stunden pro Person" not in response.content
        assert b"Hours per person" not in response.content
    assert resident.has_perm("learning.add_timeentry", municipality)
    set_mode(municipality, "agreement")
    assert coordinator.has_perm("learning.view_person_totals", municipality)


def test_an_admin_switches_on_only_with_a_named_confirmed_agreement(
    client, admin_user, coordinator, municipality
):
    page = reverse(
        "learning:time_setting", kwargs={"municipality_slug": municipality.slug}
    )
    client.force_login(admin_user)
    response = client.get(page)
    assert response.status_code == 200
    assert b"checked" not in response.content.split(b"confirm_agreement")[-1][:200]
    response = client.post(page, {"mode": "agreement", "agreement_note": "DV 1/2026"})
    assert response.status_code == 200
    assert not TimeTrackingSetting.objects.filter(municipality=municipality).exists()
    response = client.post(
        page,
        {"mode": "agreement", "agreement_note": "DV 1/2026", "confirm_agreement": "on"},
    )
    assert response.status_code == 302
    setting = TimeTrackingSetting.objects.get(municipality=municipality)
    assert (setting.mode, setting.agreement_note, setting.confirmed_by) == (
        "agreement",
        "DV 1/2026",
        admin_user,
    )
    assert setting.confirmed_at is not None
    with pytest.raises(PermissionDenied):
        services.time_tracking_set(
            by=coordinator, municipality=municipality, mode="off"
        )
    with pytest.raises(ValidationError):
        services.time_tracking_set(
            by=admin_user, municipality=municipality, mode="bogus"
        )


def test_the_demo_runs_musterstadt_with_an_agreement(client):
    from io import StringIO

    from django.core.management import call_command

    from quartier.accounts.models import Membership

    call_command("seed_demo", stdout=StringIO())
    setting = TimeTrackingSetting.objects.get(municipality__slug="musterstadt")
    assert setting.mode == "agreement"
    assert "fiktiv" in setting.agreement_note
    assert setting.confirmed_by is not None and setting.confirmed_at is not None
    coordination = Membership.objects.filter(
        municipality__slug="musterstadt", role="coordinator"
    ).first()
    client.force_login(coordination.user)
    response = client.get(
        reverse("learning:time", kwargs={"municipality_slug": "musterstadt"})
    )
    assert response.status_code == 200
    assert b"Personalrat" not in response.content


def test_the_bench_pages_measure_the_switched_on_module(
    client, coordinator, municipality
):
    from quartier.learning.bench import BENCH_PAGES, seed_bench

    seed_bench(municipality, 3)
    client.force_login(coordinator)
    for _label, path in BENCH_PAGES:
        response = client.get(path.format(slug=municipality.slug))
        assert response.status_code == 200, path


def test_own_only_keeps_people_s_single_entries_from_the_coordination(
    client, coordinator, resident, partner, municipality
):
    from quartier.actors.models import ActorMember
    from quartier.actors.tests.factories import ActorFactory

    set_mode(municipality, "own_only")
    theirs = TimeEntryFactory(municipality=municipality, person=resident)
    actor = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=actor, user=partner)
    club = TimeEntryFactory(municipality=municipality, actor=actor, person=None)
    mine = TimeEntryFactory(municipality=municipality, person=coordinator)
    visible = set(TimeEntry.objects.visible_to(coordinator, municipality))
    assert visible == {club, mine}
    client.force_login(coordinator)
    m = {"municipality_slug": municipality.slug}
    edit = reverse("learning:time_edit", kwargs={**m, "pk": theirs.pk})
    assert client.get(edit).status_code == 404
    assert (
        client.post(
            reverse("learning:time_delete", kwargs={**m, "pk": theirs.pk})
        ).status_code
        == 404
    )
    assert TimeEntry.objects.filter(pk=theirs.pk).exists()
    assert (
        client.get(
            reverse("learning:time_edit", kwargs={**m, "pk": club.pk})
        ).status_code
        == 200
    )
    with pytest.raises(ValidationError):
        services.time_entry_save(
            by=coordinator,
            municipality=municipality,
            person=resident,
            date=datetime.date(2026, 1, 15),
            hours="1",
            category="networking",
        )
    set_mode(municipality, "agreement")
    assert set(TimeEntry.objects.visible_to(coordinator, municipality)) == {
        theirs,
        club,
        mine,
    }


def test_the_home_page_offers_the_switched_off_module_only_to_the_admin(
    client_for, municipality, coordinator, admin_user
):
    link = f'href="/{municipality.slug}/learning/time/"'

    assert (
        link
        not in client_for(coordinator).get(f"/{municipality.slug}/").content.decode()
    )
    assert link in client_for(admin_user).get(f"/{municipality.slug}/").content.decode()
