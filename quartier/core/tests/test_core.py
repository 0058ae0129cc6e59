import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from quartier.actors.tests.factories import ActorFactory
from quartier.core.geojson import validate_boundary
from quartier.core.models import AuditEntry, Municipality, Neighborhood
from quartier.core.ratelimit import allow_anonymous, hit
from quartier.core.sanitize import clean_html

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.1, 48.7], [9.2, 48.7], [9.2, 48.8], [9.1, 48.8], [9.1, 48.7]]],
}


# --- GeoJSON -----------------------------------------------------------------------


def test_it_accepts_polygons_multipolygons_and_features():
    validate_boundary(SQUARE)
    validate_boundary({"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]})
    validate_boundary({"type": "Feature", "properties": {}, "geometry": SQUARE})


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        [1, 2],
        {"type": "Point", "coordinates": [9.1, 48.7]},
        {"type": "Polygon", "coordinates": [[[9.1, 48.7], [9.2, 48.7], [9.1, 48.7]]]},
        {
            "type": "Polygon",
            "coordinates": [[[9.1, 48.7], [9.2, 48.7], [9.2, 48.8], [9.3, 48.9]]],
        },
        {
            "type": "Polygon",
            "coordinates": [[[190, 48.7], [9.2, 48.7], [9.2, 48.8], [190, 48.7]]],
        },
        {
            "type": "Polygon",
            "coordinates": [[["a", 48.7], [9.2, 48.7], [9.2, 48.8], ["a", 48.7]]],
        },
        {"type": "Feature", "geometry": None},
    ],
)
def test_it_rejects_invalid_boundaries(value):
    with pytest.raises(ValidationError):
        validate_boundary(value)


@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
    )
)
def test_any_json_value_is_either_accepted_or_a_validation_error(value):
    try:
        validate_boundary(value)
    except ValidationError:
        pass


@pytest.mark.django_db
def test_invalid_geojson_is_a_form_error_that_keeps_the_input(
    client_for, admin_user, municipality
):
    client = client_for(admin_user)
    url = reverse(
        "core:neighborhood_new", kwargs={"municipality_slug": municipality.slug}
    )
    response = client.post(
        url, {"name": "Altstadt", "slug": "altstadt", "boundary": '{"type": "Point"'}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "kern-error" in body
    assert 'value="Altstadt"' in body
    assert "{&quot;type&quot;: &quot;Point&quot;" in body
    assert not Neighborhood.objects.filter(slug="altstadt").exists()

    import json

    response = client.post(
        url, {"name": "Altstadt", "slug": "altstadt", "boundary": json.dumps(SQUARE)}
    )
    assert response.status_code == 302
    assert Neighborhood.objects.get(slug="altstadt").boundary == SQUARE
    assert AuditEntry.objects.filter(
        action="core.save_neighborhood", user=admin_user
    ).exists()


# --- Tenancy -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["admin", "api", "accounts", "static", "healthz"])
def test_reserved_slugs_cannot_be_municipalities(slug):
    with pytest.raises(ValidationError) as exc:
        Municipality(name="X", slug=slug, land="BW").full_clean()
    assert "slug" in exc.value.error_dict


@pytest.mark.django_db
def test_unknown_or_inactive_municipality_is_404(client, municipality):
    assert client.get("/nirgendwo/").status_code == 404
    municipality.is_active = False
    municipality.save()
    assert client.get(f"/{municipality.slug}/").status_code == 404


@pytest.mark.django_db
def test_home_lists_the_municipalitys_neighbourhoods_only(
    client, municipality, other_municipality
):
    Neighborhood.objects.create(
        municipality=municipality, name="Sonnenberg", slug="sonnenberg"
    )
    Neighborhood.objects.create(
        municipality=other_municipality, name="Ortskern", slug="ortskern"
    )
    body = client.get(f"/{municipality.slug}/").content.decode()
    assert "Sonnenberg" in body
    assert "Ortskern" not in body


@pytest.mark.django_db
def test_an_actor_is_not_reachable_through_another_municipalitys_url(
    client_for, admin_user, municipality, other_municipality
):
    actor = ActorFactory(
        municipality=other_municipality, name="Musikverein Beispielheim"
    )
    url = reverse(
        "actors:detail", kwargs={"municipality_slug": municipality.slug, "pk": actor.pk}
    )
    assert client_for(admin_user).get(url).status_code == 404


@pytest.mark.django_db
def test_internal_actors_of_another_municipality_never_appear_in_lists(
    client_for, other_admin, municipality
):
    ActorFactory(
        municipality=municipality, name="Geheimer Kreis", visibility="internal"
    )
    response = client_for(other_admin).get(
        reverse("actors:list", kwargs={"municipality_slug": municipality.slug})
    )
    assert "Geheimer Kreis" not in response.content.decode()


@pytest.mark.django_db
def test_advisers_do_not_read_internal_data_wholesale(client_for, municipality):
    """Advisers read single shared modules (core/sharing.py), never the internal
    data of a municipality as a whole: internal actors stay hidden."""
    from quartier.accounts.tests.factories import UserFactory

    adviser = UserFactory(email="beratung@land.test", is_adviser=True)
    actor = ActorFactory(municipality=municipality, visibility="internal")
    client = client_for(adviser)
    assert client.get(actor.get_absolute_url()).status_code == 404
    edit = reverse(
        "actors:edit", kwargs={"municipality_slug": municipality.slug, "pk": actor.pk}
    )
    assert client.get(edit).status_code == 404


# --- Gate and audit ------------------------------------------------------------------


@pytest.mark.django_db
def test_refused_access_is_written_to_the_audit_log(
    client_for, resident, admin_user, municipality
):
    client_for(resident).get(
        reverse("core:settings", kwargs={"municipality_slug": municipality.slug})
    )
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.ACCESS_DENIED)
    assert entry.user == resident
    assert entry.municipality == municipality
    assert entry.action == "core.change_municipality"
    response = client_for(admin_user).get(
        reverse("core:audit", kwargs={"municipality_slug": municipality.slug})
    )
    from quartier.core.audit import action_label

    # In words, not the code (core/audit.py).
    assert action_label("core.change_municipality") in response.content.decode()


@pytest.mark.django_db
def test_admin_changes_settings_and_the_change_is_audited(
    client_for, admin_user, municipality
):
    url = reverse("core:settings", kwargs={"municipality_slug": municipality.slug})
    response = client_for(admin_user).post(
        url,
        {
            "name": "Musterstadt",
            "description": "<p>Hallo</p><img src=x onerror=alert(1)>",
            "moderation_mode": "pre",
            "response_days": "14",
            "join_policy": "open",
            "require_mfa_for_staff": "on",
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.join_policy == "open"
    assert municipality.moderation_mode == "pre"
    assert municipality.response_days == 14
    assert municipality.require_mfa_for_staff is True
    assert "onerror" not in municipality.description
    assert AuditEntry.objects.filter(
        action="core.change_municipality", user=admin_user
    ).exists()


# --- Sanitiser and rate limit ----------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<script>alert(1)</script><p>ok</p>", "<script"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p onclick="x()">x</p>', "onclick"),
        ('<img src="x" onerror="y">', "<img"),
        ("<style>body{}</style>", "<style"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ],
)
def test_the_sanitiser_removes_dangerous_html(dirty, forbidden):
    assert forbidden not in clean_html(dirty)


def test_the_sanitiser_keeps_simple_formatting_and_hardens_links():
    out = clean_html(
        '<p><strong>Sommerfest</strong> im <a href="https://x.example">Park</a></p>'
    )
    assert "<strong>Sommerfest</strong>" in out
    assert 'rel="noopener noreferrer nofollow"' in out


def test_rate_limit_counts_per_scope_and_key():
    assert all(hit("test", "1.2.3.4", limit=3, period=60) for _ in range(3))
    assert not hit("test", "1.2.3.4", limit=3, period=60)
    assert hit("test", "5.6.7.8", limit=3, period=60)
    assert hit("other", "1.2.3.4", limit=3, period=60)


@pytest.mark.django_db
def test_rate_limit_applies_to_guests_only(rf, resident):
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/", REMOTE_ADDR="9.9.9.9")
    request.user = AnonymousUser()
    results = [
        allow_anonymous(request, "contribution", limit=2, period=60) for _ in range(3)
    ]
    assert results == [True, True, False]
    request.user = resident
    assert allow_anonymous(request, "contribution", limit=2, period=60)


# --- Language ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_first_visit_follows_the_browser_and_the_switch_is_remembered(
    client, municipality
):
    # Accept-Language decides a first visit (core/languages.py); German when no
    # supported language matches; the switch's cookie wins afterwards.
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr")
    assert response["Content-Language"] == "de"
    assert '<html lang="de"' in response.content.decode()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pl,tr;q=0.8,de;q=0.5")
    assert response["Content-Language"] == "tr"
    response = client.get(
        reverse("set_language", kwargs={"code": "en"}),
        {"next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_error_pages_are_german_and_in_the_kern_look(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "kern.min.css" in body or "kern" in body
    assert '<html lang="de"' in body


def test_no_form_admin_or_schema_exposes_all_fields():
    """Every form, admin and API schema names its fields (security by default)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""(fields|exclude)\s*=\s*["']__all__["']""")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_behind_trusted_proxies_the_rate_limit_sees_the_visitor(rf, settings):
    from quartier.core.ratelimit import client_ip

    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    assert client_ip(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4"  # the visitor cannot spoof the last hop


def test_the_fast_select_renders_what_django_renders():
    from django import forms

    from quartier.core.forms import FastSelect

    choices = [("", "alle"), ("a", "Altstadt & Markt"), ("b", "Bahnhofsviertel")]
    attrs = {"id": "id_q", "class": "kern-form-input__select", "required": True}
    plain = forms.Select(choices=choices).render("q", "b", attrs)
    fast = FastSelect(choices=choices).render("q", "b", attrs)

    from django.test.html import parse_html

    assert parse_html(fast) == parse_html(plain)  # same elements and attributes
    assert "Altstadt &amp; Markt" in fast


def test_every_module_card_is_listed_once():
    from quartier.core.modules import MODULES

    names = [module.url_name for module in MODULES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
