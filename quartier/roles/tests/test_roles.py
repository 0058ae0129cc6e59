"""Role profiles and qualification offers: permissions, consent before names,
matching offers to competences, hours per role, shared offers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors.models import ActorMember, ActorMemberRole
from quartier.actors.tests.factories import ActorFactory
from quartier.core import indicator_sources
from quartier.core.models import AuditEntry
from quartier.learning.models import TimeTrackingSetting
from quartier.learning.tests.factories import TimeEntryFactory
from quartier.roles import services
from quartier.roles.hours import hours_per_role
from quartier.roles.models import QualificationOffer, RoleHolder, RoleProfile
from quartier.roles.tests.factories import (
    CompetenceFactory,
    QualificationOfferFactory,
    RoleHolderFactory,
    RoleProfileFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN_PERSON = "Ottilie Verborgen"
HIDDEN_ACTOR = "Stiller Kreis Altstadt e.V."
NAMED_PERSON = "Karla Sichtbar"


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


@pytest.fixture
def adviser(db):
    return UserFactory(email="fachberatung@test.example", is_adviser=True)


@pytest.fixture
def profile(municipality):
    profile = RoleProfileFactory(municipality=municipality, name="Vernetzer:in")
    CompetenceFactory(profile=profile, name="Moderation", position=0)
    CompetenceFactory(profile=profile, name="Netzwerkarbeit", position=1)
    return profile


@pytest.fixture
def holders(profile, municipality):
    """A person and an actor without consent, a person with consent."""
    hidden = UserFactory(display_name=HIDDEN_PERSON)
    MembershipFactory(user=hidden, municipality=municipality, role="resident")
    named = UserFactory(display_name=NAMED_PERSON)
    MembershipFactory(user=named, municipality=municipality, role="partner")
    actor = ActorFactory(municipality=municipality, name=HIDDEN_ACTOR)
    return {
        "hidden": RoleHolderFactory(profile=profile, user=hidden),
        "actor": RoleHolderFactory(profile=profile, actor=actor),
        "named": RoleHolderFactory(
            profile=profile, user=named, consented_at=timezone.now(), consented_by=named
        ),
    }


# --- Consent before names ------------------------------------------------------------


def _roles_get_pages(municipality, profile, holders):
    """Every GET page of the roles app, with the objects its address needs."""
    pages = []
    for pattern in get_resolver("quartier.roles.urls").url_patterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {}
        if "<int:pk>" in str(pattern.pattern):
            is_holder = str(pattern.pattern).startswith("holders/")
            kwargs["pk"] = holders["hidden"].pk if is_holder else profile.pk
        pages.append(url(f"roles:{pattern.name}", municipality, **kwargs))
    return pages + [municipality.get_absolute_url()]


@pytest.mark.parametrize("who", ["anonymous", "resident", "partner"])
def test_no_page_or_api_answer_names_a_holder_before_consent(
    client_for, users, municipality, profile, holders, who
):
    client = client_for(users[who])
    seen = 0
    for page in _roles_get_pages(municipality, profile, holders):
        response = client.get(page)
        if response.status_code != 200:
            continue
        seen += 1
        html = response.content.decode()
        assert HIDDEN_PERSON not in html, page
        assert HIDDEN_ACTOR not in html, page
    assert seen >= 3
    detail = client.get(url("roles:detail", municipality, pk=profile.pk))
    assert NAMED_PERSON in detail.content.decode()
    # The API answers the same.
    schema = client.get("/api/v1/openapi.json").json()
    paths = [p for p in schema["paths"] if "/roles" in p]
    assert paths
    for path in paths:
        concrete = path.replace("{slug}", municipality.slug).replace(
            "{role_id}", str(profile.pk)
        )
        body = client.get(concrete).content.decode()
        assert NAMED_PERSON in body
        assert HIDDEN_PERSON not in body and HIDDEN_ACTOR not in body


def test_the_coordination_sees_how_many_wait_for_consent_but_not_who(
    client_for, coordinator, municipality, profile, holders
):
    html = (
        client_for(coordinator)
        .get(url("roles:detail", municipality, pk=profile.pk))
        .content.decode()
    )
    assert "2 Personen (Zustimmung ausstehend)" in html
    assert HIDDEN_PERSON not in html and HIDDEN_ACTOR not in html
    assert NAMED_PERSON in html


def test_a_person_consents_and_withdraws_on_their_own_account(
    client_for, municipality, profile, holders
):
    holder = holders["hidden"]
    client = client_for(holder.user)
    detail = url("roles:detail", municipality, pk=profile.pk)
    assert "Sie sind für diese Rolle eingetragen" in client.get(detail).content.decode()
    consent = url("roles:holder_consent", municipality, pk=holder.pk)
    # Not ticked: nothing changes, the message stands next to the box.
    response = client.post(consent, {})
    assert response.status_code == 200
    assert "Bitte setzen Sie das Häkchen" in response.content.decode()
    holder.refresh_from_db()
    assert holder.consented_at is None
    assert client.post(consent, {"consent": "on"}).status_code == 302
    holder.refresh_from_db()
    assert holder.consented_at is not None and holder.consented_by == holder.user
    client.logout()
    assert HIDDEN_PERSON in client.get(detail).content.decode()
    client.force_login(holder.user)
    assert client.post(consent, {"withdraw": "1"}).status_code == 302
    holder.refresh_from_db()
    assert holder.consented_at is None
    client.logout()
    assert HIDDEN_PERSON not in client.get(detail).content.decode()
    assert AuditEntry.objects.filter(action="roles.give_consent").count() == 1
    assert AuditEntry.objects.filter(action="roles.withdraw_consent").count() == 1


def test_only_an_admin_of_the_actor_consents_for_it(client_for, municipality, holders):
    holder = holders["actor"]
    member = UserFactory()
    admin = UserFactory()
    for user, role in (
        (member, ActorMemberRole.MEMBER),
        (admin, ActorMemberRole.ADMIN),
    ):
        MembershipFactory(user=user, municipality=municipality, role="partner")
        ActorMember.objects.create(actor=holder.actor, user=user, role=role)
    consent = url("roles:holder_consent", municipality, pk=holder.pk)
    assert client_for(member).post(consent, {"consent": "on"}).status_code == 404
    holder.refresh_from_db()
    assert holder.consented_at is None
    assert client_for(admin).post(consent, {"consent": "on"}).status_code == 302
    holder.refresh_from_db()
    assert holder.consented_by == admin


def test_the_coordination_cannot_consent_for_someone(coordinator, holders):
    with pytest.raises(PermissionDenied):
        services.role_holder_consent(
            by=coordinator, holder=holders["hidden"], given=True
        )


def test_a_coordinator_adds_a_member_as_holder_without_consent(
    client_for, coordinator, resident, municipality, profile
):
    response = client_for(coordinator).post(
        url("roles:holder_add", municipality, pk=profile.pk), {"person": resident.pk}
    )
    assert response.status_code == 302
    holder = RoleHolder.objects.get(profile=profile, user=resident)
    assert holder.consented_at is None and holder.municipality == municipality


def test_a_holder_must_belong_to_the_municipality(
    coordinator, other_admin, profile, other_municipality
):
    with pytest.raises(ValidationError):
        services.role_holder_add(by=coordinator, profile=profile, user=other_admin)
    with pytest.raises(ValidationError):
        services.role_holder_add(
            by=coordinator,
            profile=profile,
            actor=ActorFactory(municipality=other_municipality),
        )


# --- Profiles --------------------------------------------------------------------------


def test_a_coordinator_creates_a_profile_with_competences(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        url("roles:new", municipality),
        {
            "name": "Kulturmittler:in",
            "tasks": "Übersetzen\nTüren öffnen",
            "hours_per_week": "7.5",
            "securing": "contract",
            "competence_lines": "Interkulturelle Kompetenz\n\nleichte Sprache\nLeichte Sprache",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = RoleProfile.objects.get(municipality=municipality)
    assert profile.hours_per_week == Decimal("7.5")
    assert [c.name for c in profile.competences.all()] == [
        "Interkulturelle Kompetenz",
        "leichte Sprache",
    ]
    assert AuditEntry.objects.filter(action="roles.add_roleprofile").exists()


def test_a_profile_name_is_unique_in_the_municipality_whatever_the_case(
    client_for, coordinator, municipality, profile
):
    response = client_for(coordinator).post(
        url("roles:new", municipality),
        {"name": "VERNETZER:IN", "tasks": "x", "securing": "volunteer"},
    )
    assert response.status_code == 200
    assert "bereits ein Rollenprofil mit diesem Namen" in response.content.decode()
    assert RoleProfile.objects.filter(municipality=municipality).count() == 1


def test_hours_outside_the_range_are_a_message_not_an_error(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        url("roles:new", municipality),
        {"name": "Neu", "tasks": "x", "securing": "volunteer", "hours_per_week": "500"},
    )
    assert response.status_code == 200
    assert not RoleProfile.objects.exists()


def test_residents_and_other_municipalities_do_not_write_profiles(
    resident, other_admin, municipality, profile
):
    with pytest.raises(PermissionDenied):
        services.role_profile_save(
            by=resident,
            municipality=municipality,
            values={"name": "X", "tasks": "y"},
            competences=[],
        )
    with pytest.raises(PermissionDenied):
        services.role_profile_save(
            by=other_admin, profile=profile, values={"name": "X"}, competences=[]
        )


def test_the_five_default_profiles_are_added_once(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    empty = client.get(url("roles:list", municipality)).content.decode()
    assert "Die fünf Standardprofile anlegen" in empty
    client.post(url("roles:defaults", municipality))
    client.post(url("roles:defaults", municipality))
    names = set(RoleProfile.objects.of(municipality).values_list("name", flat=True))
    assert names == {
        "Quartierskoordinator:in",
        "Vernetzer:in",
        "Übersetzer:in / Kulturmittler:in",
        "Prozessgestalter:in",
        "Community Health Broker",
    }
    assert all(p.competences.exists() for p in RoleProfile.objects.all())
    assert AuditEntry.objects.filter(action="roles.add_default_profiles").count() == 1


@pytest.mark.parametrize("page", ["roles:list", "roles:offers"])
def test_the_lists_run_the_same_queries_for_more_rows(
    client_for, coordinator, municipality, django_assert_max_num_queries, page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator)

    def grow(n):
        for _ in range(n):
            p = RoleProfileFactory(municipality=municipality)
            CompetenceFactory(profile=p, name="Moderation")
            RoleHolderFactory(profile=p, user=UserFactory())
            RoleHolderFactory(profile=p, actor=ActorFactory(municipality=municipality))
            QualificationOfferFactory(municipality=municipality)
            QualificationOfferFactory(municipality=None)

    grow(2)
    client.get(url(page, municipality))
    with CaptureQueriesContext(connection) as few:
        client.get(url(page, municipality))
    grow(8)
    with django_assert_max_num_queries(len(few)):
        client.get(url(page, municipality))


# --- Matching offers -----------------------------------------------------------------


def test_a_profile_lists_upcoming_offers_that_build_its_competences(
    client, municipality, other_municipality, profile
):
    today = timezone.localdate()
    later = QualificationOfferFactory(
        municipality=municipality,
        title="Moderation für Fortgeschrittene",
        competences="  MODERATION ",
        starts_on=today + datetime.timedelta(days=60),
    )
    sooner = QualificationOfferFactory(
        municipality=None,
        title="Netzwerke knüpfen",
        competences="netzwerkarbeit\nBuchhaltung",
        starts_on=today + datetime.timedelta(days=10),
    )
    undated = QualificationOfferFactory(
        municipality=municipality,
        title="Moderation auf Anfrage",
        competences="Moderation",
    )
    QualificationOfferFactory(
        municipality=municipality, title="Kassenführung", competences="Buchhaltung"
    )
    QualificationOfferFactory(
        municipality=other_municipality,
        title="Fremdes Angebot",
        competences="Moderation",
    )
    QualificationOfferFactory(
        municipality=municipality,
        title="Vergangener Kurs",
        competences="Moderation",
        starts_on=today - datetime.timedelta(days=30),
    )
    html = client.get(url("roles:detail", municipality, pk=profile.pk)).content.decode()
    titles = [sooner.title, later.title, undated.title]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)
    for absent in ("Kassenführung", "Fremdes Angebot", "Vergangener Kurs"):
        assert absent not in html


def test_offers_are_filtered_by_competence_whatever_the_case(
    client, municipality, profile
):
    QualificationOfferFactory(
        municipality=municipality, title="A", competences="moderation"
    )
    QualificationOfferFactory(
        municipality=municipality, title="B-Kurs", competences="Buchhaltung"
    )
    html = client.get(
        url("roles:offers", municipality), {"competence": "Moderation"}
    ).content.decode()
    assert "1 Angebot gefunden" in html and "B-Kurs" not in html
    api = client.get(
        f"/api/v1/municipalities/{municipality.slug}/qualification-offers",
        {"competence": "MODERATION"},
    ).json()
    assert [o["title"] for o in api["items"]] == ["A"]


def test_an_offer_ending_before_it_starts_gets_a_message(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        url("roles:offer_new", municipality),
        {
            "title": "Kurs",
            "provider": "Bildungswerk",
            "format": "online",
            "starts_on": "2027-03-10",
            "ends_on": "2027-03-01",
            "competences": "Moderation",
        },
    )
    assert response.status_code == 200
    assert "Der letzte Termin kann nicht vor dem ersten liegen." in (
        response.content.decode()
    )
    assert not QualificationOffer.objects.exists()


# --- Shared offers ---------------------------------------------------------------------


def test_an_adviser_publishes_an_offer_every_municipality_sees(
    client_for, client, adviser, municipality, other_municipality
):
    response = client_for(adviser).post(
        url("roles:offer_new", municipality) + "?shared=1",
        {
            "title": "Community Health Broker – Grundlagen",
            "provider": "Landesakademie (fiktiv)",
            "format": "hybrid",
            "competences": "Gesundheitskompetenz",
        },
    )
    assert response.status_code == 302
    offer = QualificationOffer.objects.get()
    assert offer.municipality is None
    client.logout()
    for m in (municipality, other_municipality):
        html = client.get(url("roles:offers", m)).content.decode()
        assert "Community Health Broker – Grundlagen" in html


def test_a_shared_offer_is_changed_only_by_advisers(
    client_for, adviser, coordinator, municipality
):
    offer = QualificationOfferFactory(municipality=None, title="Geteilt")
    edit = url("roles:offer_edit", municipality, pk=offer.pk)
    data = {
        "title": "Übernommen",
        "provider": "x",
        "format": "online",
        "competences": "Moderation",
    }
    assert client_for(coordinator).post(edit, data).status_code == 403
    with pytest.raises(PermissionDenied):
        services.offer_save(by=coordinator, offer=offer, values=data)
    offer.refresh_from_db()
    assert offer.title == "Geteilt"
    assert client_for(adviser).post(edit, {**data, "title": "Neu"}).status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Neu"


def test_an_adviser_does_not_write_a_municipalitys_own_offers(
    client_for, adviser, municipality
):
    assert (
        client_for(adviser).get(url("roles:offer_new", municipality)).status_code == 403
    )
    own = QualificationOfferFactory(municipality=municipality)
    edit = url("roles:offer_edit", municipality, pk=own.pk)
    assert client_for(adviser).get(edit).status_code == 403


def test_a_municipalitys_offer_is_not_reached_through_another(
    client_for, other_admin, municipality, other_municipality
):
    own = QualificationOfferFactory(municipality=municipality)
    response = client_for(other_admin).get(
        url("roles:offer_edit", other_municipality, pk=own.pk)
    )
    assert response.status_code == 404


# --- Hours per role --------------------------------------------------------------------


def _mode(municipality, mode):
    TimeTrackingSetting.objects.update_or_create(
        municipality=municipality, defaults={"mode": mode}
    )
    municipality._time_tracking_mode = None


def test_hours_per_role_by_hand(municipality, other_municipality, profile):
    today = timezone.localdate()
    other_role = RoleProfileFactory(municipality=municipality, name="Broker")
    actor = ActorFactory(municipality=municipality)

    def entry(hours, role, days_ago=5, **kw):
        kw.setdefault("municipality", municipality)
        return TimeEntryFactory(
            hours=Decimal(hours),
            role=role,
            date=today - datetime.timedelta(days=days_ago),
            **kw,
        )

    entry("2", profile)  # a person's
    entry("1.5", profile, person=None, actor=actor, created_by=None)  # an actor's
    entry("3", other_role)
    entry("4", None)  # no role
    entry("8", profile, days_ago=400)  # outside the 12 months
    start, end = today - datetime.timedelta(days=364), today
    _mode(municipality, "agreement")
    assert hours_per_role(municipality, start, end) == {
        profile.pk: Decimal("3.5"),
        other_role.pk: Decimal("3"),
    }
    assert indicator_sources.compute(
        "roles.role_hours", municipality, None, start, end, str(profile.pk)
    ) == Decimal("3.5")
    # Without the staff council's agreement: the actors' entries only.
    _mode(municipality, "own_only")
    assert hours_per_role(municipality, start, end) == {profile.pk: Decimal("1.5")}
    _mode(municipality, "off")
    assert hours_per_role(municipality, start, end) == {}
    with pytest.raises(indicator_sources.NotAvailable):
        indicator_sources.compute("roles.role_hours", municipality, None, start, end)


def test_the_role_page_shows_the_hours_to_members_only(
    client_for, client, resident, municipality, profile
):
    _mode(municipality, "agreement")
    TimeEntryFactory(municipality=municipality, role=profile, hours=Decimal("2.5"))
    page = url("roles:list", municipality)
    html = client_for(resident).get(page).content.decode()
    assert "Stunden Beziehungsarbeit je Rolle" in html and "2,5" in html
    client.logout()
    assert "Stunden Beziehungsarbeit je Rolle" not in client.get(page).content.decode()


def test_a_time_entry_is_tagged_with_a_role_of_its_municipality(
    client_for, resident, municipality, other_municipality, profile
):
    _mode(municipality, "agreement")
    client = client_for(resident)
    new = reverse("learning:time_new", kwargs={"municipality_slug": municipality.slug})
    data = {
        "date": timezone.localdate().isoformat(),
        "hours": "1.5",
        "category": "networking",
        "role": profile.pk,
    }
    assert client.post(new, data).status_code == 302
    assert resident.time_entries.get().role == profile
    foreign = RoleProfileFactory(municipality=other_municipality)
    response = client.post(new, {**data, "role": foreign.pk})
    assert response.status_code == 200
    assert resident.time_entries.count() == 1


def test_my_overview_lists_the_roles_waiting_for_my_consent(
    client_for, municipality, profile, holders
):
    from quartier.roles.worklist import waiting

    holder = holders["hidden"]
    admin = UserFactory()
    MembershipFactory(user=admin, municipality=municipality, role="partner")
    ActorMember.objects.create(
        actor=holders["actor"].actor, user=admin, role=ActorMemberRole.ADMIN
    )
    assert list(waiting(holder.user, municipality)) == [holder]
    assert list(waiting(admin, municipality)) == [holders["actor"]]
    assert list(waiting(holders["named"].user, municipality)) == []
    overview = reverse("core:overview", kwargs={"municipality_slug": municipality.slug})
    html = client_for(holder.user).get(overview).content.decode()
    assert url("roles:holder_consent", municipality, pk=holder.pk) in html
    services.role_holder_consent(by=holder.user, holder=holder, given=True)
    assert list(waiting(holder.user, municipality)) == []
