"""Django's admin, the operator's tool: every model of ours opens, secrets stay hidden."""

import pytest
from django.contrib import admin
from django.urls import reverse

from quartier.accounts import services
from quartier.accounts.models import User
from quartier.actors.models import Actor, Tie
from quartier.actors.tests.factories import TieFactory
from quartier.core.models import AuditEntry

pytestmark = pytest.mark.django_db

OUR_APPS = {"core", "accounts", "actors"}


@pytest.fixture
def operator(client):
    user = User.objects.create_superuser("betrieb@test.example", "betrieb-pw-2031")
    client.force_login(user)
    return client


def test_every_model_of_ours_is_registered_without_all_fields():
    from django.apps import apps

    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m.__name__.startswith("Historical")
    ]
    # A through model's rows (an actor's sectors) are edited as an inline of the
    # model they belong to.
    inlines = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        m.__name__ for m in ours if m not in admin.site._registry and m not in inlines
    ]
    assert missing == []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in OUR_APPS:
            assert model_admin.fields != "__all__"


def test_the_operator_opens_every_list_and_change_page(
    operator, admin_user, municipality, neighborhood
):
    tie = TieFactory(source__municipality=municipality)
    services.token_create(user=admin_user, name="Import script")
    AuditEntry.record(kind="admin", action="accounts.invite", user=admin_user)
    AuditEntry.record(
        kind="admin",
        action="accounts.invite",
        user=admin_user,
        municipality=municipality,
    )
    for model, _model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert operator.get(changelist).status_code == 200, changelist
        obj = model._default_manager.first()
        if obj is not None:
            change = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
            )
            assert operator.get(change).status_code == 200, change
    history = reverse("admin:actors_actor_history", args=[tie.source.pk])
    assert operator.get(history).status_code == 200
    assert Actor.objects.exists() and Tie.objects.exists()


def test_the_admin_shows_no_token_hash(operator, admin_user):
    token, raw = services.token_create(user=admin_user, name="Import script")

    body = operator.get(
        reverse("admin:accounts_apitoken_change", args=[token.pk])
    ).content.decode()

    assert token.token_hash not in body
    assert raw not in body


def test_the_admin_login_is_allauths_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_operators_cannot_delete_actors_or_ties_in_the_admin(rf):
    from django.contrib import admin

    from quartier.actors.models import Actor, Tie

    request = rf.get("/admin/")
    for model in (Actor, Tie):
        assert admin.site._registry[model].has_delete_permission(request) is False
