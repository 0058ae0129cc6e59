"""Grants and their revocation, the aggregate rule, the consultation log and the
practice examples' questions."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.advisers import dashboard, services
from quartier.advisers.models import Consultation, PracticeExample, SharingGrant
from quartier.advisers.tests.factories import (
    AdvisoryOrganisationFactory,
    ConsultationFactory,
    PracticeExampleFactory,
    SharingGrantFactory,
)
from quartier.core.audit import action_label
from quartier.core.models import AuditEntry
from quartier.core.sharing import adviser_has_grant, shared_modules
from quartier.core.tests.factories import MunicipalityFactory

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def adviser(db):
    return UserFactory(email="fachberatung@test.example", is_adviser=True)


@pytest.fixture
def organisation(adviser):
    return AdvisoryOrganisationFactory(name="Fachstelle", members=[adviser])


def test_every_shared_module_says_what_the_adviser_sees():
    keys = {m.key for m in shared_modules()}
    assert {
        "initiatives",
        "impact.indicators",
        "network.measures",
        "compass.results",
    } <= keys
    for module in shared_modules():
        assert str(module.label) and str(module.description)
        assert module.url is not None or module.detail is not None


@pytest.mark.django_db
def test_an_admin_grants_and_revokes_and_both_are_audited(
    admin_user, municipality, adviser, organisation
):
    grant = services.grant_create(
        by=admin_user,
        municipality=municipality,
        organisation=organisation,
        module_key="initiatives",
        purpose="Begleitung",
        starts_on=TODAY(),
        ends_on=TODAY() + 30 * DAY,
        legal_basis="Kooperationsvereinbarung",
    )
    assert adviser_has_grant(adviser, municipality, "initiatives")
    assert not adviser_has_grant(adviser, municipality, "impact.indicators")
    services.grant_revoke(by=admin_user, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_by == admin_user
    assert not adviser_has_grant(adviser, municipality, "initiatives")
    actions = list(
        AuditEntry.objects.filter(municipality=municipality).values_list(
            "action", flat=True
        )
    )
    assert "advisers.grant_shared" in actions
    assert "advisers.grant_revoked" in actions
    assert action_label("advisers.grant_shared")
    assert action_label("advisers.grant_revoked")
    with pytest.raises(ValidationError):
        services.grant_revoke(by=admin_user, grant=grant)


@pytest.mark.django_db
def test_only_the_admin_grants(coordinator, municipality, organisation):
    with pytest.raises(PermissionDenied):
        services.grant_create(
            by=coordinator,
            municipality=municipality,
            organisation=organisation,
            module_key="initiatives",
            purpose="x",
            starts_on=TODAY(),
            ends_on=TODAY(),
            legal_basis="x",
        )


@pytest.mark.django_db
def test_the_grant_form_shows_bad_input_next_to_the_field(
    client_for, admin_user, municipality, organisation
):
    url = reverse("sharing:grant_new", kwargs={"municipality_slug": municipality.slug})
    response = client_for(admin_user).post(
        url,
        {
            "organisation": organisation.pk,
            "module_key": "nonsense",
            "purpose": "Begleitung",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "legal_basis": "Vereinbarung",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "module_key" in form.errors and "ends_on" in form.errors
    assert not SharingGrant.objects.exists()


@pytest.mark.django_db
def test_the_admin_grants_through_the_page(
    client_for, admin_user, municipality, organisation, adviser
):
    url = reverse("sharing:grant_new", kwargs={"municipality_slug": municipality.slug})
    response = client_for(admin_user).post(
        url,
        {
            "organisation": organisation.pk,
            "module_key": "impact.indicators",
            "purpose": "Begleitung",
            "starts_on": TODAY().isoformat(),
            "ends_on": (TODAY() + 10 * DAY).isoformat(),
            "legal_basis": "Vereinbarung",
        },
    )
    assert response.status_code == 302
    assert adviser_has_grant(adviser, municipality, "impact.indicators")


def test_aggregates_need_five_municipalities():
    assert dashboard.aggregate([1, 2, 3, 4]) is None
    assert dashboard.aggregate([1, 2, 3, 4, None, None]) is None
    figure = dashboard.aggregate([1, 2, 3, 4, 10])
    assert figure is not None
    assert figure.contributors == 5
    assert figure.mean == 4
    assert figure.median == 3
    assert (figure.low, figure.high) == (1, 10)


@pytest.mark.django_db
def test_the_dashboard_compares_only_from_five_sharing_municipalities(
    client_for, adviser, organisation
):
    url = reverse("advisers:dashboard")
    places = [MunicipalityFactory(slug=f"ort-{n}") for n in range(5)]
    for place in places[:4]:
        SharingGrantFactory(municipality=place, organisation=organisation)
    comparisons = client_for(adviser).get(url).context["comparisons"]
    assert comparisons and all(c.figure is None for c in comparisons)
    SharingGrantFactory(municipality=places[4], organisation=organisation)
    response = client_for(adviser).get(url)
    total = response.context["comparisons"][0]
    assert total.figure is not None and total.contributors == 5
    assert {c.municipality for c in response.context["cards"]} == set(places)


def _share_everything(places, organisation, consulted: bool = True) -> None:
    """Every registered module of every place shared with the organisation, and a
    consultation each unless not `consulted` (bulk: 25 municipalities stay well
    under a second)."""
    today = TODAY()
    SharingGrant.objects.bulk_create(
        SharingGrant(
            municipality=place,
            organisation=organisation,
            module_key=module.key,
            purpose="Begleitung",
            starts_on=today - 10 * DAY,
            ends_on=today + 100 * DAY,
            legal_basis="Kooperationsvereinbarung",
        )
        for place in places
        for module in shared_modules()
    )
    if not consulted:
        return
    Consultation.objects.bulk_create(
        Consultation(
            municipality=place,
            organisation=organisation,
            held_on=today,
            topic=f"Auftakt {place.name}",
            follow_up_on=today + 7 * DAY,
        )
        for place in places
    )


def _dashboard_queries(client, path: str, cards: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.context["cards"]) == cards
    return len(queries)


def _places(names) -> list:
    return [MunicipalityFactory(slug=f"ort-{n}", name=f"Ort {n}") for n in names]


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_for_3_or_25_municipalities(
    client_for, adviser, organisation
):
    """Every registered module shared by every municipality: the page shows
    PAGE_SIZE of them, the summaries and the comparisons are computed once per
    module, so 3 and 25 municipalities (and the second page) cost the same."""
    client = client_for(adviser)
    url = reverse("advisers:dashboard")
    _share_everything(_places(f"{n:02}" for n in range(3)), organisation)
    few = _dashboard_queries(client, url, cards=3)
    _share_everything(_places(f"{n:02}" for n in range(3, 25)), organisation)
    many = _dashboard_queries(client, url, cards=dashboard.PAGE_SIZE)
    assert many == few
    second = client.get(url).context["page"].next_query
    assert _dashboard_queries(client, f"{url}?{second}", cards=5) == few


@pytest.mark.django_db
def test_the_second_page_shows_the_rest_and_nothing_unshared(
    client_for, adviser, organisation
):
    """25 sharing municipalities: page one shows the first PAGE_SIZE by name, its
    "next" link the rest, each once, with every module's link as the module builds
    it; a municipality that shares only with another organisation, or whose
    grant is revoked or expired, is on no page (the follow-ups list the
    organisation's own consultations, so these have none)."""
    from quartier.core.tests.query_plans import follow_next

    places = _places(f"{n:02}" for n in range(25))
    _share_everything(places, organisation)
    hidden = _places(["anders", "widerrufen", "abgelaufen"])
    _share_everything(hidden[:1], AdvisoryOrganisationFactory(name="Andere"))
    _share_everything(hidden[1:], organisation, consulted=False)
    SharingGrant.objects.filter(municipality=hidden[1]).update(
        revoked_at=timezone.now()
    )
    SharingGrant.objects.filter(municipality=hidden[2]).update(ends_on=TODAY() - DAY)

    pages = list(follow_next(client_for(adviser), reverse("advisers:dashboard")))
    assert [len(p.context["cards"]) for p in pages] == [dashboard.PAGE_SIZE, 5]
    shown = [card.municipality for p in pages for card in p.context["cards"]]
    assert shown == places  # in the order of their names, each once
    html = "".join(p.content.decode() for p in pages)
    for place in hidden:
        assert place.name not in html
    assert 'rel="prev"' in pages[1].content.decode()
    for card in pages[1].context["cards"]:
        place = card.municipality
        assert card.url == reverse(
            "advisers:municipality", kwargs={"municipality_slug": place.slug}
        )
        assert f'href="{card.url}"' in html
        assert [item.module.key for item in card.modules] == [
            m.key for m in shared_modules()
        ]
        for item in card.modules:
            module = item.module
            assert item.url == (module.url(place) if module.url else None)


def test_slug_links_fall_back_to_the_module_when_it_reads_more_than_the_slug():
    place = MunicipalityFactory.build(slug="ort-x", name="Ort X", pk=7)
    by_slug = dashboard.slug_links(lambda m: f"/a/{m.slug}/b/", place)
    assert by_slug(place) == "/a/ort-x/b/"

    def by_pk(m):
        return f"/a/{m.pk}/{m.slug}/"

    assert dashboard.slug_links(by_pk, place) is by_pk

    def constant(m):
        return "/a/"

    assert dashboard.slug_links(constant, place) is constant


@pytest.mark.django_db
def test_consultations_are_visible_to_the_municipalitys_coordination(
    client_for, adviser, organisation, municipality, coordinator
):
    SharingGrantFactory(municipality=municipality, organisation=organisation)
    client = client_for(adviser)
    url = reverse(
        "advisers:consultation_new", kwargs={"municipality_slug": municipality.slug}
    )
    response = client.post(
        url,
        {
            "held_on": TODAY().isoformat(),
            "topic": "Wirkungstreppe besprechen",
            "next_steps": "Indikatoren festlegen",
            "follow_up_on": (TODAY() + 14 * DAY).isoformat(),
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.written_by == adviser
    assert consultation.organisation == organisation
    dash = client.get(reverse("advisers:dashboard"))
    assert "Wirkungstreppe besprechen" in dash.content.decode()  # the follow-up
    page = client_for(coordinator).get(
        reverse(
            "sharing:consultations", kwargs={"municipality_slug": municipality.slug}
        )
    )
    assert "Wirkungstreppe besprechen" in page.content.decode()


@pytest.mark.django_db
def test_a_follow_up_before_the_consultation_is_refused(
    client_for, adviser, organisation, municipality
):
    SharingGrantFactory(municipality=municipality, organisation=organisation)
    url = reverse(
        "advisers:consultation_new", kwargs={"municipality_slug": municipality.slug}
    )
    response = client_for(adviser).post(
        url,
        {
            "held_on": TODAY().isoformat(),
            "topic": "Thema",
            "follow_up_on": (TODAY() - DAY).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "follow_up_on" in response.context["form"].errors
    assert not Consultation.objects.exists()


@pytest.mark.django_db
def test_consultations_of_another_municipality_stay_there(
    client_for, organisation, municipality, other_municipality, admin_user
):
    ConsultationFactory(
        municipality=other_municipality, organisation=organisation, topic="Geheim"
    )
    page = client_for(admin_user).get(
        reverse(
            "sharing:consultations", kwargs={"municipality_slug": municipality.slug}
        )
    )
    assert "Geheim" not in page.content.decode()


@pytest.mark.django_db
def test_a_coordinator_publishes_a_practice_example(
    client_for, coordinator, municipality
):
    url = reverse(
        "sharing:practice_new", kwargs={"municipality_slug": municipality.slug}
    )
    data = {
        "kind": "initiative",
        "title": "Bürgerbus",
        "summary": "Ehrenamtliche fahren am Wochenende.",
        "contact": coordinator.pk,
    }
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 200  # without the contact's consent
    assert "contact_consent" in response.context["form"].errors
    response = client_for(coordinator).post(url, {**data, "contact_consent": "on"})
    assert response.status_code == 302
    example = PracticeExample.objects.get()
    assert example.contact == coordinator and example.contact_consent


@pytest.mark.django_db
def test_members_elsewhere_ask_the_contact_person_by_mail_rate_limited(
    client_for, coordinator, municipality, other_admin
):
    example = PracticeExampleFactory(municipality=municipality, contact=coordinator)
    url = reverse(
        "advisers:practice_detail",
        kwargs={"municipality_slug": municipality.slug, "pk": example.pk},
    )
    client = client_for(other_admin)
    question = {"question": "Wie haben Sie die Fahrerinnen gewonnen?"}
    for _n in range(services.QUESTIONS_PER_HOUR):
        assert client.post(url, question).status_code == 302
    assert len(mail.outbox) == services.QUESTIONS_PER_HOUR
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "Wie haben Sie die Fahrerinnen gewonnen?" in message.body
    assert other_admin.email in message.body
    response = client.post(url, question)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert len(mail.outbox) == services.QUESTIONS_PER_HOUR


@pytest.mark.django_db
def test_a_withdrawn_example_is_gone_for_others(
    client_for, coordinator, municipality, other_admin
):
    example = PracticeExampleFactory(
        municipality=municipality, contact=coordinator, withdrawn_at=timezone.now()
    )
    url = reverse(
        "advisers:practice_detail",
        kwargs={"municipality_slug": municipality.slug, "pk": example.pk},
    )
    assert client_for(other_admin).get(url).status_code == 404
    assert client_for(coordinator).get(url).status_code == 200
    listing = client_for(other_admin).get(reverse("advisers:practice"))
    assert example.title not in listing.content.decode()


def test_the_dashboard_says_until_when_each_module_is_shared(
    client_for, adviser, organisation
):
    import datetime

    from django.utils import timezone

    end = timezone.localdate() + datetime.timedelta(days=40)
    place = MunicipalityFactory(slug="ort-bis")
    SharingGrantFactory(municipality=place, organisation=organisation, ends_on=end)
    html = client_for(adviser).get(reverse("advisers:dashboard")).content.decode()
    assert f"(bis {end:%d.%m.%Y})" in html


def test_a_card_shows_the_last_consultation_and_the_next_follow_up(
    client_for, adviser, organisation
):
    """Of the organisation's own log only (another organisation's is not shown):
    the latest consultation's date and topic, the soonest follow-up from today."""
    place = MunicipalityFactory(slug="ort-log", name="Ort Log")
    SharingGrantFactory(municipality=place, organisation=organisation)
    other = AdvisoryOrganisationFactory(name="Andere Fachstelle")
    for held, topic, follow, by in [
        (-30, "Alt", 20, organisation),
        (-10, "Neuer", 9, organisation),
        (-20, "Vergangen", -1, organisation),
        (-1, "Fremd", 2, other),
    ]:
        ConsultationFactory(
            municipality=place,
            organisation=by,
            held_on=TODAY() + held * DAY,
            topic=topic,
            follow_up_on=TODAY() + follow * DAY,
        )
    response = client_for(adviser).get(reverse("advisers:dashboard"))
    [card] = response.context["cards"]
    assert card.last_consultation == (TODAY() - 10 * DAY, "Neuer")
    assert card.next_follow_up_on == TODAY() + 9 * DAY
    html = response.content.decode()
    assert f"{TODAY() - 10 * DAY:%d.%m.%Y}: Neuer" in html
    assert "Fremd" not in html


def test_a_next_link_behind_the_last_municipality_shows_the_first_page(
    client_for, adviser, organisation
):
    """The last municipality of page two stopped sharing: its old "next" cursor
    finds nothing behind it, and the adviser sees page one, not "no municipality"."""
    places = _places(f"{n:02}" for n in range(dashboard.PAGE_SIZE + 1))
    _share_everything(places, organisation, consulted=False)
    client = client_for(adviser)
    url = reverse("advisers:dashboard")
    query = client.get(url).context["page"].next_query
    SharingGrant.objects.filter(municipality=places[-1]).update(
        revoked_at=timezone.now()
    )
    response = client.get(f"{url}?{query}")
    assert len(response.context["cards"]) == dashboard.PAGE_SIZE
    assert response.context["cards"][0].municipality == places[0]
    assert places[-1].name not in response.content.decode()
