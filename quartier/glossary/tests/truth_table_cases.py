"""Truth-table rows of the glossary and the Leitbild (docs/permissions.md,
"Glossary"): everyone reads, members propose and comment, the coordination adopts."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.glossary.models import ProposedDefinition
    from quartier.glossary.tests.factories import make_decision, make_term

    municipality = world["municipality"]
    term = make_term(municipality, "Sozialraum")
    world["glossary_term"] = term
    world["glossary_proposal"] = ProposedDefinition.objects.create(
        term=term,
        text="Der Raum, in dem Menschen leben.",
        proposed_by=world["resident"],
    )
    world["glossary_decision"] = make_decision(municipality)


def term(w):
    return {**m(w), "slug": w["glossary_term"].slug}


def proposal(w):
    return {**term(w), "pk": w["glossary_proposal"].pk}


def _adoption(text):
    # The decision's pk is only known once the world exists, so the rows post an
    # invalid choice: a coordinator sees the form again (200) with the error.
    return {"text": text, "decision": "0", "valid_from": "2026-01-01"}


READ = S(200, 200, 200, 200, 200, 200)
MEMBERS_POST = S(403, 302, 302, 302, 302, 403)
COORDINATION_GET = S(302, 403, 403, 200, 200, 403)
COORDINATION_POST = S(403, 403, 403, 200, 200, 403)

CASES = [
    Case("glossary:list", READ, kwargs=m),
    Case("glossary:term", READ, kwargs=term),
    Case("glossary:leitbild", READ, kwargs=m),
    Case("glossary:term_new", COORDINATION_GET, kwargs=m),
    Case(
        "glossary:term_new",
        COORDINATION_POST,
        "post",
        kwargs=m,
        data={"term": ""},
        label="empty",
    ),
    Case(
        "glossary:propose",
        MEMBERS_POST,
        "post",
        kwargs=term,
        data={"text": "Wo wir wohnen und einander begegnen."},
    ),
    Case(
        "glossary:comment",
        MEMBERS_POST,
        "post",
        kwargs=proposal,
        data={"text": "Zu eng gefasst."},
    ),
    Case("glossary:adopt", COORDINATION_GET, kwargs=term),
    Case(
        "glossary:adopt",
        COORDINATION_POST,
        "post",
        kwargs=term,
        data=_adoption("Der Sozialraum ist ..."),
    ),
    Case("glossary:leitbild_adopt", COORDINATION_GET, kwargs=m),
    Case(
        "glossary:leitbild_adopt",
        COORDINATION_POST,
        "post",
        kwargs=m,
        data=_adoption("<p>Wir achten einander.</p>"),
    ),
]
