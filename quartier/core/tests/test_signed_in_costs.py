"""Per-request work every signed-in page pays, done once where it is the same for
every viewer — and still correct at once after a change (docs/benchmarks.md,
"Signed-in pages")."""

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from quartier.core.modules import MODULES, modules_for


def _request(user, municipality):
    request = RequestFactory().get(f"/{municipality.slug}/")
    request.user = user
    request.municipality = municipality
    return request


def test_module_cards_link_where_reversing_links(admin_user, municipality):
    shown = {card["url"] for card in modules_for(_request(admin_user, municipality))}
    expected = set()
    for module in MODULES:
        if module.perm and not admin_user.has_perm(module.perm, municipality):
            continue
        try:
            expected.add(
                reverse(
                    module.url_name, kwargs={"municipality_slug": municipality.slug}
                )
            )
        except NoReverseMatch:
            continue
    assert shown == expected
    assert len(shown) > 10


def test_module_cards_follow_a_renamed_municipality_at_once(
    admin_user, municipality, client_for
):
    client = client_for(admin_user)
    assert client.get("/musterstadt/").status_code == 200  # cards remembered
    municipality.slug = "neustadt"
    municipality.save()

    page = client.get("/neustadt/").content.decode()

    assert 'href="/neustadt/actors/"' in page
    assert "/musterstadt/actors/" not in page


def test_module_cards_still_depend_on_the_viewer(
    resident, admin_user, municipality, client_for
):
    settings_url = reverse(
        "core:settings", kwargs={"municipality_slug": municipality.slug}
    )
    assert settings_url in client_for(admin_user).get("/musterstadt/").content.decode()
    assert (
        settings_url not in client_for(resident).get("/musterstadt/").content.decode()
    )


def test_an_object_without_links_renders_no_links_block(resident, municipality):
    rendered = Template(
        "{% load object_links %}[{% linked_objects obj among=objs %}]"
    ).render(Context({"user": resident, "obj": municipality, "objs": [municipality]}))
    assert rendered == "[]"


def test_the_roles_of_a_person_are_one_plain_query_per_request(
    coordinator, municipality, other_municipality
):
    from quartier.accounts.models import User

    user = User.objects.get(pk=coordinator.pk)  # as the session loads it
    with CaptureQueriesContext(connection) as queries:
        assert user.role_in(municipality) == "coordinator"
        assert user.role_in(other_municipality) is None
        assert user.role_in(municipality.pk) == "coordinator"

    assert len(queries) == 1
    assert "JOIN" not in queries[0]["sql"].upper()


def test_a_module_card_follows_its_setting_from_the_next_request(
    resident, municipality, client_for
):
    from quartier.network.models import NetworkSetting

    client = client_for(resident)
    network = reverse("network:index", kwargs={"municipality_slug": "musterstadt"})
    assert network not in client.get("/musterstadt/").content.decode()

    NetworkSetting.objects.create(municipality=municipality, public_page=True)
    assert network in client.get("/musterstadt/").content.decode()

    NetworkSetting.objects.filter(municipality=municipality).update(public_page=False)
    assert network not in client.get("/musterstadt/").content.decode()
