"""Truth-table rows of the initiatives app (docs/initiatives.md, "Wer darf was")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from django.utils import timezone

    from quartier.actors.tests.factories import ActorFactory
    from quartier.core.models import Municipality
    from quartier.initiatives.models import (
        ChecklistItem,
        FollowUp,
        InitiativePartner,
        Responsibility,
    )
    from quartier.initiatives.tests.factories import (
        InitiativeFactory,
        PilotFactory,
        link,
    )
    from quartier.participation.tests.factories import ContributionFactory

    municipality = world["municipality"]
    public = InitiativeFactory(
        municipality=municipality, title="Bewegter Sonnenberg", phase="pilot"
    )
    own_actor = ActorFactory(municipality=municipality, name="Partnerverein e.V.")
    own_actor.members.add(world["partner"])
    partnered = InitiativeFactory(
        municipality=municipality, title="Vorhaben des Partners", lead_actor=own_actor
    )
    internal = InitiativeFactory(
        municipality=municipality, title="Internes Vorhaben", visibility="internal"
    )
    world["initiative"] = public
    world["initiative_partnered"] = partnered
    world["initiative_internal"] = internal
    world["initiative_pilot"] = PilotFactory(initiative=public)
    world["initiative_item"] = ChecklistItem.objects.create(
        initiative=public, phase="pilot", text="Hypothese formuliert"
    )
    world["initiative_partner"] = InitiativePartner.objects.create(
        initiative=public, actor=world["actor"], role="funder"
    )
    world["initiative_responsibility"] = Responsibility.objects.create(
        initiative=public, role="R", actor=world["actor"]
    )
    world["initiative_follow_up"] = FollowUp.objects.create(
        initiative=public, due_on=timezone.localdate(), note="Nachfassen"
    )
    world["initiative_link"] = link(
        public,
        "initiatives.contribution",
        ContributionFactory(
            municipality=municipality, neighborhood=world["neighborhood"]
        ),
    )
    # Linked from the far side (views/links.py link_from): a public contribution, a
    # service offered by the partner's organisation, another municipality's one.
    world["initiative_far_contribution"] = ContributionFactory(
        municipality=municipality, neighborhood=world["neighborhood"]
    )
    world["initiative_foreign_contribution"] = ContributionFactory(
        municipality=Municipality.objects.get(slug="beispielheim")
    )


def far(key):
    return lambda w: {**m(w), "kind": "initiatives.contribution", "pk": w[key].pk}


def i(key="initiative"):
    return lambda w: {**m(w), "pk": w[key].pk}


def sub(kwarg, key):
    return lambda w: {**m(w), "pk": w["initiative"].pk, kwarg: w[key].pk}


ALL_200 = S(200, 200, 200, 200, 200, 200)
STAFF = S(302, 403, 403, 200, 200, 403)
STAFF_POST = S(403, 403, 403, 302, 302, 403)
PARTNER_TOO = S(302, 403, 200, 200, 200, 403)

CASES = [
    Case("initiatives:list", ALL_200, kwargs=m),
    Case("initiatives:new", PARTNER_TOO, kwargs=m),
    Case("initiatives:checklists", STAFF, kwargs=m),
    Case("initiatives:follow_ups", STAFF, kwargs=m),
    Case("initiatives:matrix", STAFF, kwargs=m),
    Case("initiatives:matrix_csv", STAFF, kwargs=m),
    Case("initiatives:detail", ALL_200, kwargs=i()),
    Case(
        "initiatives:detail",
        S(404, 404, 404, 200, 200, 404),
        kwargs=i("initiative_internal"),
        label="internal",
    ),
    Case(
        "initiatives:detail",
        S(200, 200, 200, 200, 200, 200),
        kwargs=i("initiative_partnered"),
        label="led by the partner's organisation",
    ),
    Case("initiatives:edit", STAFF, kwargs=i()),
    Case(
        "initiatives:edit",
        PARTNER_TOO,
        kwargs=i("initiative_partnered"),
        label="led by the partner's organisation",
    ),
    Case(
        "initiatives:edit",
        S(404, 404, 404, 200, 200, 404),
        kwargs=i("initiative_internal"),
        label="internal",
    ),
    Case("initiatives:follow", S(403, 302, 302, 302, 302, 302), "post", kwargs=i()),
    Case("initiatives:phase", STAFF, kwargs=i()),
    Case(
        "initiatives:phase",
        PARTNER_TOO,
        kwargs=i("initiative_partnered"),
        label="led by the partner's organisation",
    ),
    Case(
        "initiatives:checklist_item",
        STAFF_POST,
        "post",
        kwargs=sub("item_pk", "initiative_item"),
        data={"done": "1"},
    ),
    Case("initiatives:pilot_new", STAFF, kwargs=i()),
    Case("initiatives:pilot_edit", STAFF, kwargs=sub("pilot_pk", "initiative_pilot")),
    Case(
        "initiatives:pilot_conclude",
        STAFF,
        kwargs=sub("pilot_pk", "initiative_pilot"),
    ),
    Case("initiatives:partner_add", STAFF, kwargs=i()),
    Case(
        "initiatives:partner_remove",
        STAFF_POST,
        "post",
        kwargs=sub("partner_pk", "initiative_partner"),
    ),
    Case("initiatives:responsibility_add", STAFF, kwargs=i()),
    Case(
        "initiatives:responsibility_remove",
        STAFF_POST,
        "post",
        kwargs=sub("responsibility_pk", "initiative_responsibility"),
    ),
    Case("initiatives:follow_up_add", STAFF, kwargs=i()),
    Case(
        "initiatives:follow_up_done",
        STAFF_POST,
        "post",
        kwargs=sub("follow_up_pk", "initiative_follow_up"),
    ),
    Case("initiatives:link_add", STAFF, kwargs=i()),
    Case(
        "initiatives:link_add",
        PARTNER_TOO,
        kwargs=i("initiative_partnered"),
        label="led by the partner's organisation",
    ),
    Case(
        "initiatives:link_remove",
        STAFF_POST,
        "post",
        kwargs=sub("link_pk", "initiative_link"),
    ),
    Case(
        "initiatives:link_from",
        S(302, 403, 403, 200, 200, 403),
        kwargs=far("initiative_far_contribution"),
        label="a contribution (only the coordination may link it)",
    ),
    Case(
        "initiatives:link_from",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=far("initiative_far_contribution"),
        label="a contribution, no initiative chosen",
    ),
    Case(
        "initiatives:link_from",
        S(404, 404, 404, 404, 404, 404),
        kwargs=far("initiative_foreign_contribution"),
        label="another municipality's contribution",
    ),
    Case("initiatives:health_check", STAFF, kwargs=i()),
    Case("initiatives:adaptation", STAFF, kwargs=i()),
]
