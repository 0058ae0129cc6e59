"""The programme library: who reads and writes which library, copying, the element
lists, and bad input (issue 13, "Programmes and local adaptation")."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.core.models import AuditEntry, PlatformAuditEntry
from quartier.programmes import services
from quartier.programmes.models import Programme, ProgrammeElement
from quartier.programmes.services import ElementInput
from quartier.programmes.tests.factories import (
    ProgrammeElementFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

CORE = ProgrammeElement.Kind.CORE
ADAPTABLE = ProgrammeElement.Kind.ADAPTABLE


@pytest.fixture
def adviser(db):
    return UserFactory(email="beratung@test.example", is_adviser=True)


@pytest.fixture
def shared():
    programme = ProgrammeFactory(municipality=None, name="Gehen in Gesellschaft")
    ProgrammeElementFactory(programme=programme, kind=CORE, position=0, name="Kern A")
    ProgrammeElementFactory(programme=programme, kind=CORE, position=1, name="Kern B")
    ProgrammeElementFactory(
        programme=programme, kind=ADAPTABLE, position=0, name="Treffpunkt"
    )
    return programme


def form_data(**overrides):
    data = {
        "name": "Elternkurs im Familienzentrum",
        "source": "Landesfachstelle Familie",
        "summary": "Sechs Abende für Eltern kleiner Kinder.",
        "evidence_level": "Wirksamkeit in einer Studie belegt",
        "target_groups": "Eltern\n  Alleinerziehende \n\n",
        "links": "https://example.org/elternkurs",
        "core-TOTAL_FORMS": "2",
        "core-INITIAL_FORMS": "0",
        "core-0-name": "Sechs Abende in fester Gruppe",
        "core-0-description": "Dieselben Eltern von Anfang bis Ende.",
        "core-1-name": "",
        "core-1-description": "",
        "adaptable-TOTAL_FORMS": "1",
        "adaptable-INITIAL_FORMS": "0",
        "adaptable-0-name": "Ort und Uhrzeit",
        "adaptable-0-description": "",
    }
    data.update(overrides)
    return data


# --- Reading -------------------------------------------------------------------


def test_the_library_lists_own_and_shared_but_not_another_municipalitys(
    client_for, resident, municipality, other_municipality, shared
):
    ProgrammeFactory(municipality=municipality, name="Unser Bewegungstreff")
    ProgrammeFactory(municipality=other_municipality, name="Fremdes Programm")
    response = client_for(resident).get(
        reverse("programmes:list", kwargs={"municipality_slug": municipality.slug})
    )
    text = response.content.decode()
    assert "Unser Bewegungstreff" in text
    assert "Gehen in Gesellschaft" in text
    assert "gemeinsame Bibliothek der Fachberatung" in text
    assert "Fremdes Programm" not in text


def test_guests_see_only_the_shared_library(client_for, municipality, shared):
    ProgrammeFactory(municipality=municipality, name="Unser Bewegungstreff")
    response = client_for(None).get(
        reverse("programmes:list", kwargs={"municipality_slug": municipality.slug})
    )
    text = response.content.decode()
    assert "Gehen in Gesellschaft" in text
    assert "Unser Bewegungstreff" not in text


def test_another_municipalitys_programme_is_invisible_even_to_its_admin(
    client_for, other_admin, municipality, other_municipality
):
    own = ProgrammeFactory(municipality=municipality, name="Internes Programm")
    client = client_for(other_admin)
    url = reverse(
        "programmes:detail",
        kwargs={"municipality_slug": other_municipality.slug, "pk": own.pk},
    )
    assert client.get(url).status_code == 404
    url = reverse(
        "programmes:detail",
        kwargs={"municipality_slug": municipality.slug, "pk": own.pk},
    )
    assert client.get(url).status_code == 404
    listing = client.get(
        reverse(
            "programmes:list", kwargs={"municipality_slug": other_municipality.slug}
        )
    )
    assert "Internes Programm" not in listing.content.decode()


def test_filters_by_target_group_evidence_and_library(
    client_for, coordinator, municipality, shared
):
    ProgrammeFactory(
        municipality=municipality,
        name="Lesepaten",
        target_groups="Kinder\nEltern",
        evidence_level="Praxiserfahrung",
    )
    ProgrammeFactory(
        municipality=municipality,
        name="Elterncafé",
        target_groups="Eltern von Kleinkindern",
        evidence_level="Praxiserfahrung",
    )
    client = client_for(coordinator)
    url = reverse("programmes:list", kwargs={"municipality_slug": municipality.slug})

    def names(**query):
        page = client.get(url, query).context["page"]
        return sorted(p.name for p in page.object_list)

    # A whole line of the list, not a part of one.
    assert names(target_group="Eltern") == ["Lesepaten"]
    assert names(evidence="Praxiserfahrung") == ["Elterncafé", "Lesepaten"]
    assert names(scope="shared") == ["Gehen in Gesellschaft"]
    assert names(scope="own", q="lese") == ["Lesepaten"]


def test_an_unknown_filter_value_is_a_message_not_an_error(
    client_for, coordinator, municipality, shared
):
    ProgrammeFactory(municipality=municipality)
    url = reverse("programmes:list", kwargs={"municipality_slug": municipality.slug})
    response = client_for(coordinator).get(
        url, {"evidence": "gibt es nicht", "scope": "shared"}
    )
    assert response.status_code == 200
    assert "gibt es nicht ist keine gültige Auswahl" in response.content.decode()
    # That filter is left out, the others apply.
    assert response.context["page"].paginator.count == 1


def test_the_list_does_not_grow_its_queries_with_the_programmes(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    for _i in range(15):
        copy_of = ProgrammeFactory(municipality=None)
        ProgrammeFactory(municipality=municipality, copied_from=copy_of)
    client = client_for(coordinator)
    url = reverse("programmes:list", kwargs={"municipality_slug": municipality.slug})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


# --- Writing the own library ---------------------------------------------------


def test_a_coordinator_adds_a_programme_with_its_elements(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        reverse("programmes:new", kwargs={"municipality_slug": municipality.slug}),
        form_data(),
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programmes:detail",
        kwargs={"municipality_slug": municipality.slug, "pk": programme.pk},
    )
    assert programme.municipality == municipality
    assert programme.target_group_list == ["Eltern", "Alleinerziehende"]
    assert [e.name for e in programme.core_elements()] == [
        "Sechs Abende in fester Gruppe"
    ]
    assert [e.name for e in programme.adaptable_elements()] == ["Ort und Uhrzeit"]
    assert AuditEntry.objects.filter(action="programmes.add_programme").exists()
    assert programme.history.count() == 1


def test_bad_input_is_shown_in_german_and_keeps_what_was_typed(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        reverse("programmes:new", kwargs={"municipality_slug": municipality.slug}),
        form_data(
            source="",
            links="keine-adresse",
            **{
                "core-0-name": "",
                "core-0-description": "Beschreibung ohne Namen",
            },
        ),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bitte geben Sie an, wer das Programm herausgibt." in text
    assert "„keine-adresse“ ist keine Webadresse" in text
    assert "Bitte geben Sie dem Element einen Namen oder leeren Sie die Zeile." in text
    assert "Elternkurs im Familienzentrum" in text
    assert "Beschreibung ohne Namen" in text
    assert not Programme.objects.exists()


def test_a_programme_needs_a_core_element(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("programmes:new", kwargs={"municipality_slug": municipality.slug}),
        form_data(**{"core-0-name": "", "core-0-description": ""}),
    )
    assert response.status_code == 200
    assert "Nennen Sie mindestens ein Kernelement" in response.content.decode()
    assert not Programme.objects.exists()


def test_editing_keeps_reorders_and_removes_elements_by_row(
    client_for, coordinator, municipality
):
    programme = ProgrammeFactory(municipality=municipality)
    first = ProgrammeElementFactory(programme=programme, kind=CORE, position=0)
    second = ProgrammeElementFactory(programme=programme, kind=CORE, position=1)
    gone = ProgrammeElementFactory(programme=programme, kind=ADAPTABLE, position=0)
    data = form_data(
        **{
            "core-TOTAL_FORMS": "3",
            "core-INITIAL_FORMS": "2",
            "core-0-id": str(second.pk),
            "core-0-name": "Zweites, jetzt vorn",
            "core-1-id": str(first.pk),
            "core-1-name": first.name,
            "core-1-description": first.description,
            "core-2-name": "Neues Kernelement",
            "adaptable-TOTAL_FORMS": "1",
            "adaptable-INITIAL_FORMS": "1",
            "adaptable-0-id": str(gone.pk),
            "adaptable-0-name": "",
        }
    )
    response = client_for(coordinator).post(
        reverse(
            "programmes:edit",
            kwargs={"municipality_slug": municipality.slug, "pk": programme.pk},
        ),
        data,
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    core = programme.core_elements()
    assert [(e.pk, e.name) for e in core[:2]] == [
        (second.pk, "Zweites, jetzt vorn"),
        (first.pk, first.name),
    ]
    assert core[2].name == "Neues Kernelement"
    assert programme.adaptable_elements() == []


def test_an_element_of_another_programme_cannot_be_taken_over(
    client_for, coordinator, municipality, shared
):
    programme = ProgrammeFactory(municipality=municipality)
    foreign = shared.elements.get(name="Kern A")
    data = form_data(
        **{
            "core-TOTAL_FORMS": "1",
            "core-INITIAL_FORMS": "0",
            "core-0-id": str(foreign.pk),
            "core-0-name": "Übernommen",
        }
    )
    response = client_for(coordinator).post(
        reverse(
            "programmes:edit",
            kwargs={"municipality_slug": municipality.slug, "pk": programme.pk},
        ),
        data,
    )
    assert response.status_code == 200
    assert "gehört nicht zu diesem Programm" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.programme == shared
    assert foreign.name == "Kern A"


def test_partners_and_residents_do_not_write_the_library(
    partner, resident, municipality
):
    for user in (partner, resident):
        with pytest.raises(PermissionDenied):
            services.programme_save(
                by=user,
                municipality=municipality,
                values={"name": "x", "source": "y", "summary": "z"},
                core=[ElementInput(name="k")],
                adaptable=[],
            )


# --- Copying a shared programme --------------------------------------------------


def test_copying_keeps_every_element_and_records_the_origin(
    client_for, coordinator, municipality, shared
):
    response = client_for(coordinator).post(
        reverse(
            "programmes:copy",
            kwargs={"municipality_slug": municipality.slug, "pk": shared.pk},
        )
    )
    copy = Programme.objects.get(municipality=municipality)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programmes:detail",
        kwargs={"municipality_slug": municipality.slug, "pk": copy.pk},
    )
    assert copy.copied_from == shared
    assert [(e.name, e.position) for e in copy.core_elements()] == [
        ("Kern A", 0),
        ("Kern B", 1),
    ]
    assert [e.name for e in copy.adaptable_elements()] == ["Treffpunkt"]
    assert not set(copy.elements.values_list("pk", flat=True)) & set(
        shared.elements.values_list("pk", flat=True)
    )
    assert shared.elements.count() == 3  # the original is untouched
    assert AuditEntry.objects.filter(action="programmes.copy_programme").exists()
    page = client_for(coordinator).get(response["Location"]).content.decode()
    assert "aus der gemeinsamen Bibliothek kopiert" in page
    assert "Gehen in Gesellschaft" in page


def test_a_shared_programme_is_copied_once_per_municipality(
    coordinator, municipality, shared
):
    services.programme_copy(by=coordinator, programme=shared, municipality=municipality)
    with pytest.raises(ValidationError, match="bereits eine Kopie"):
        services.programme_copy(
            by=coordinator, programme=shared, municipality=municipality
        )
    assert Programme.objects.filter(copied_from=shared).count() == 1


def test_only_shared_programmes_are_copied(coordinator, municipality):
    own = ProgrammeFactory(municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.programme_copy(
            by=coordinator, programme=own, municipality=municipality
        )


def test_a_copy_with_changed_core_elements_is_flagged(
    client_for, coordinator, municipality, shared
):
    copy = services.programme_copy(
        by=coordinator, programme=shared, municipality=municipality
    )
    url = reverse(
        "programmes:detail",
        kwargs={"municipality_slug": municipality.slug, "pk": copy.pk},
    )
    client = client_for(coordinator)
    assert "Kernelemente weichen" not in client.get(url).content.decode()
    element = copy.elements.get(name="Treffpunkt")
    element.name = "Treffpunkt am Marktplatz"  # adapting is fine
    element.save()
    assert "Kernelemente weichen" not in client.get(url).content.decode()
    element = copy.elements.get(name="Kern B")
    element.delete()
    assert "Kernelemente weichen" in client.get(url).content.decode()


# --- The shared library ------------------------------------------------------------


def test_advisers_curate_the_shared_library(client_for, adviser, shared):
    client = client_for(adviser)
    response = client.post(reverse("shared_programmes:new"), form_data())
    assert response.status_code == 302
    created = Programme.objects.get(name="Elternkurs im Familienzentrum")
    assert created.municipality is None
    data = form_data(
        name="Gehen in guter Gesellschaft",
        **{
            "core-TOTAL_FORMS": "1",
            "core-INITIAL_FORMS": "0",
            "core-0-name": "Wöchentlich",
        },
    )
    response = client.post(
        reverse("shared_programmes:edit", kwargs={"pk": shared.pk}), data
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Gehen in guter Gesellschaft"
    # A shared programme has no municipality: the platform's audit log.
    assert PlatformAuditEntry.objects.filter(
        action="programmes.change_programme"
    ).exists()


def test_coordinators_do_not_edit_the_shared_library(
    client_for, coordinator, admin_user, municipality, shared
):
    for user in (coordinator, admin_user):
        client = client_for(user)
        url = reverse("shared_programmes:edit", kwargs={"pk": shared.pk})
        assert client.post(url, form_data(name="Geändert")).status_code == 403
        url = reverse(
            "programmes:edit",
            kwargs={"municipality_slug": municipality.slug, "pk": shared.pk},
        )
        assert client.post(url, form_data(name="Geändert")).status_code == 404
    shared.refresh_from_db()
    assert shared.name == "Gehen in Gesellschaft"


def test_advisers_do_not_edit_a_municipalitys_own_programme(adviser, municipality):
    own = ProgrammeFactory(municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.programme_save(
            by=adviser,
            programme=own,
            values={"name": "Übernommen"},
            core=[ElementInput(name="k")],
            adaptable=[],
        )


def test_the_shared_library_is_public_and_shows_no_own_programmes(
    client_for, municipality, shared
):
    ProgrammeFactory(municipality=municipality, name="Unser Bewegungstreff")
    response = client_for(None).get(reverse("shared_programmes:list"))
    text = response.content.decode()
    assert "Gehen in Gesellschaft" in text
    assert "Unser Bewegungstreff" not in text
    detail = client_for(None).get(
        reverse("shared_programmes:detail", kwargs={"pk": shared.pk})
    )
    assert "Kern A" in detail.content.decode()


def test_the_reserved_slugs_keep_the_shared_library_apart(settings):
    assert "programmes" in settings.RESERVED_SLUGS


# --- Elements that other modules refer to ----------------------------------------


def test_every_reference_to_an_element_from_another_module_is_checked():
    """`referring_fields` finds every foreign key to an element outside this app,
    hidden relations (related_name="+") included; at least the local adaptation
    of initiatives refers to elements."""
    from django.apps import apps

    expected = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        if model._meta.app_label != "programmes"
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation
        and field.concrete
        and field.related_model is ProgrammeElement
    }
    found = {(model._meta.label, name) for model, name in services.referring_fields()}
    assert found == expected
    assert expected
    # The lookup runs on every one of them (nothing refers to a new element).
    assert not services._is_referenced(ProgrammeElementFactory())


def test_an_element_in_use_elsewhere_is_not_removed(
    client_for, coordinator, municipality, monkeypatch
):
    programme = ProgrammeFactory(municipality=municipality)
    used = ProgrammeElementFactory(
        programme=programme, kind=ADAPTABLE, position=0, name="Treffpunkt"
    )
    ProgrammeElementFactory(programme=programme, kind=CORE, position=0, name="Kern")
    monkeypatch.setattr(services, "_is_referenced", lambda element: element == used)
    data = form_data(
        **{
            "core-TOTAL_FORMS": "1",
            "core-INITIAL_FORMS": "1",
            "core-0-id": str(programme.elements.get(name="Kern").pk),
            "core-0-name": "Kern",
            "adaptable-TOTAL_FORMS": "1",
            "adaptable-INITIAL_FORMS": "1",
            "adaptable-0-id": str(used.pk),
            "adaptable-0-name": "",
        }
    )
    response = client_for(coordinator).post(
        reverse(
            "programmes:edit",
            kwargs={"municipality_slug": municipality.slug, "pk": programme.pk},
        ),
        data,
    )
    assert response.status_code == 200
    assert "cannot be removed" not in response.content.decode()
    assert "kann nicht entfernt werden" in response.content.decode()
    assert ProgrammeElement.objects.filter(pk=used.pk).exists()
    programme.refresh_from_db()
    assert programme.name != "Elternkurs im Familienzentrum"  # nothing saved


def test_the_summary_include_shows_core_and_adaptable_elements_side_by_side(
    municipality, shared
):
    from django.template.loader import render_to_string

    html = render_to_string(
        "programmes/includes/programme_summary.html",
        {
            "programme": shared,
            "level": 3,
            "with_link": True,
            "municipality": municipality,
        },
    )
    core, adaptable = html.split("Anpassbare Elemente")
    assert "Kernelemente" in core and "Kern A" in core and "Kern B" in core
    assert "Treffpunkt" in adaptable and "Kern A" not in adaptable
    assert "<h3" in html
    assert f"/musterstadt/programmes/{shared.pk}/" in adaptable


def test_a_coordinator_copies_from_the_shared_librarys_own_page(
    client_for, coordinator, municipality, other_municipality, shared
):
    client = client_for(coordinator)
    url = reverse("shared_programmes:detail", kwargs={"pk": shared.pk})
    page = client.get(url).content.decode()
    copy_url = reverse(
        "programmes:copy",
        kwargs={"municipality_slug": municipality.slug, "pk": shared.pk},
    )
    assert f'action="{copy_url}"' in page
    assert "In die Bibliothek von Musterstadt kopieren" in page
    assert "Beispielheim" not in page  # not a coordinator there
    client.post(copy_url)
    copy = Programme.objects.get(municipality=municipality)
    page = client.get(url).content.decode()
    assert "Die Kopie in der Bibliothek von Musterstadt" in page
    assert f"/musterstadt/programmes/{copy.pk}/" in page
    assert f'action="{copy_url}"' not in page
    # Guests and residents get no copy button.
    assert "kopieren" not in client_for(None).get(url).content.decode()
