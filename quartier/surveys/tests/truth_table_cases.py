"""Truth-table rows of the surveys app (docs/permissions.md, "Surveys")."""

from __future__ import annotations

import datetime

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from django.utils import timezone

    from quartier.surveys.tests.factories import QuestionFactory, survey_with_questions

    municipality = world["municipality"]
    open_survey, questions = survey_with_questions(municipality, title="Offen")
    draft, _ = survey_with_questions(municipality, title="Entwurf", status="draft")
    closed, _ = survey_with_questions(
        municipality,
        title="Beendet",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    world["survey_open"] = open_survey
    world["survey_open_question"] = questions["single"]
    world["survey_draft"] = draft
    world["survey_draft_question"] = QuestionFactory(survey=draft, kind="text")
    world["survey_closed"] = closed


def s(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def dq(w):
    return {
        **m(w),
        "pk": w["survey_draft"].pk,
        "question_pk": w["survey_draft_question"].pk,
    }


ALL_200 = S(200, 200, 200, 200, 200, 200)
STAFF_ONLY = S(404, 404, 404, 200, 200, 404)
STAFF_POST = S(404, 404, 404, 302, 302, 404)

CASES = [
    Case("surveys:list", ALL_200, kwargs=m),
    Case("surveys:new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("surveys:detail", ALL_200, kwargs=s("survey_open")),
    Case("surveys:detail", STAFF_ONLY, kwargs=s("survey_draft"), label="draft"),
    Case("surveys:answer", ALL_200, kwargs=s("survey_open")),
    Case("surveys:answer", STAFF_ONLY, kwargs=s("survey_draft"), label="draft"),
    Case(
        "surveys:answer",
        S(302, 302, 302, 302, 302, 302),
        "post",
        kwargs=s("survey_closed"),
        label="closed refuses",
    ),
    Case(
        "surveys:results",
        S(302, 403, 403, 200, 200, 403),
        kwargs=s("survey_open"),
        label="open, results hidden",
    ),
    Case("surveys:results", ALL_200, kwargs=s("survey_closed")),
    Case("surveys:results_csv", ALL_200, kwargs=s("survey_closed")),
    Case(
        "surveys:results_csv",
        S(302, 403, 403, 200, 200, 403),
        kwargs=s("survey_open"),
        label="open",
    ),
    Case("surveys:edit", STAFF_ONLY, kwargs=s("survey_draft")),
    Case(
        "surveys:edit",
        S(302, 403, 403, 200, 200, 403),
        kwargs=s("survey_open"),
        label="published",
    ),
    Case("surveys:publish", STAFF_POST, "post", kwargs=s("survey_draft")),
    Case(
        "surveys:close",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=s("survey_open"),
    ),
    Case("surveys:question_new", STAFF_ONLY, kwargs=s("survey_draft")),
    Case("surveys:question_edit", STAFF_ONLY, kwargs=dq),
    Case(
        "surveys:question_move", STAFF_POST, "post", kwargs=dq, data={"direction": "up"}
    ),
    Case("surveys:question_delete", STAFF_POST, "post", kwargs=dq),
]
