"""Truth-table rows of the oparl app: the council settings (admins), council
papers (public; a withdrawn one for the coordination), the link forms (who may
change a decision), a forum's "what became of our recommendations", and the
OParl server at /oparl/ (public JSON, public objects only)."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

ALL = S(200, 200, 200, 200, 200, 200)
NONE = S(404, 404, 404, 404, 404, 404)
ADMINS = S(302, 403, 403, 403, 200, 403)
RUNS_FORUMS = S(302, 403, 403, 200, 200, 403)
# The partner moderates a forum in the shared world (forums' truth-table cases), so
# may offer a paper to one of its decisions.
PAPER_LINKERS = S(302, 403, 200, 200, 200, 403)
STAFF_SEES = S(404, 404, 404, 200, 200, 404)


def extend_world(world):
    from quartier.forums.tests.factories import DecisionFactory, ForumFactory
    from quartier.oparl.models import CouncilSource, PaperLink
    from quartier.oparl.tests.factories import CouncilPaperFactory

    municipality = world["municipality"]
    public = ForumFactory(municipality=municipality, visibility="public")
    closed = ForumFactory(municipality=municipality, visibility="members")
    decision = DecisionFactory(
        agenda_item__meeting__forum=public, kind="recommendation"
    )
    closed_decision = DecisionFactory(agenda_item__meeting__forum=closed)
    CouncilSource.objects.create(
        municipality=municipality, system_url="https://ris.test.example/oparl/system"
    )
    paper = CouncilPaperFactory(municipality=municipality)
    PaperLink.objects.create(municipality=municipality, paper=paper, decision=decision)
    world["oparl_forum"] = public
    world["oparl_closed_forum"] = closed
    world["oparl_decision"] = decision
    world["oparl_closed_decision"] = closed_decision
    world["oparl_paper"] = paper
    world["oparl_withdrawn_paper"] = CouncilPaperFactory(
        municipality=municipality, deleted=True
    )


def pk_of(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def forum_of(key):
    return lambda w: {**m(w), "slug": w[key].slug}


def served(kind, key=None, attr="pk"):
    def kwargs(w):
        found = {"slug": w["municipality"].slug, "kind": kind}
        if key:
            obj = w[key]
            found["pk"] = getattr(obj, attr) if attr != "pk" else obj.pk
        return found

    return kwargs


CASES = [
    Case("oparl:settings", ADMINS, kwargs=m),
    Case(
        "oparl:settings",
        S(403, 403, 403, 403, 302, 403),
        method="post",
        kwargs=m,
        data={"system_url": "https://ris.test.example/oparl/system", "timeout": "10"},
    ),
    Case("oparl:paper", ALL, kwargs=pk_of("oparl_paper")),
    Case(
        "oparl:paper",
        STAFF_SEES,
        kwargs=pk_of("oparl_withdrawn_paper"),
        label="withdrawn",
    ),
    Case("oparl:paper_link", PAPER_LINKERS, kwargs=pk_of("oparl_paper")),
    Case("oparl:decision_link", RUNS_FORUMS, kwargs=pk_of("oparl_decision")),
    Case(
        "oparl:decision_link",
        S(404, 404, 404, 200, 200, 404),
        kwargs=pk_of("oparl_closed_decision"),
        label="members-only forum",
    ),
    Case("oparl:forum_council", ALL, kwargs=forum_of("oparl_forum")),
    Case(
        "oparl:forum_council",
        S(404, 404, 404, 200, 200, 404),
        kwargs=forum_of("oparl_closed_forum"),
        label="members-only forum",
    ),
    Case("oparl_server:system", ALL),
    Case("oparl_server:bodies", ALL),
    Case("oparl_server:body", ALL, kwargs=lambda w: {"slug": w["municipality"].slug}),
    Case("oparl_server:list", ALL, kwargs=served("papers")),
    Case("oparl_server:list", ALL, kwargs=served("people"), label="people"),
    Case("oparl_server:list", NONE, kwargs=served("persons"), label="unknown list"),
    Case(
        "oparl_server:object",
        ALL,
        kwargs=lambda w: {**served("papers")(w), "pk": w["oparl_decision"].pk},
    ),
    Case(
        "oparl_server:object",
        NONE,
        kwargs=lambda w: {**served("papers")(w), "pk": w["oparl_closed_decision"].pk},
        label="members-only forum",
    ),
    Case(
        "oparl_server:object",
        ALL,
        kwargs=lambda w: {**served("organizations")(w), "pk": w["oparl_forum"].pk},
        label="forum",
    ),
    Case(
        "oparl_server:object",
        NONE,
        kwargs=lambda w: {
            **served("organizations")(w),
            "pk": w["oparl_closed_forum"].pk,
        },
        label="members-only forum as organization",
    ),
]
