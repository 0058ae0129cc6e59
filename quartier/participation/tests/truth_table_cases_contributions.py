"""Truth-table rows of the contributions (participation app)."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.participation.services import confirm_token
from quartier.participation.tests.factories import CommentFactory, ContributionFactory


def extend_world(world):
    municipality = world["municipality"]
    public = ContributionFactory(
        municipality=municipality, neighborhood=world["neighborhood"]
    )
    pending = ContributionFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        moderation="pending",
        author=world["resident"],
    )
    world["contribution"] = public
    world["pending_contribution"] = pending
    world["contribution_comment"] = CommentFactory(
        contribution=public, author=world["partner"]
    )
    world["contribution_token"] = confirm_token("c", public.pk, "x@test.example")


def _c(w):
    return {**m(w), "pk": w["contribution"].pk}


def _pending(w):
    return {**m(w), "pk": w["pending_contribution"].pk}


def _comment(w):
    return {**m(w), "pk": w["contribution_comment"].pk}


CASES = [
    Case("participation:list", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("participation:new", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case(
        "participation:new",
        S(200, 200, 200, 200, 200, 200),
        "post",
        kwargs=m,
        label="invalid form",
    ),
    Case("participation:detail", S(200, 200, 200, 200, 200, 200), kwargs=_c),
    Case(
        "participation:detail",
        S(404, 200, 404, 200, 200, 404),
        kwargs=_pending,
        label="pending, written by the resident",
    ),
    Case("participation:support", S(200, 200, 200, 200, 200, 200), kwargs=_c),
    Case(
        "participation:support",
        S(200, 302, 302, 302, 302, 302),
        "post",
        kwargs=_c,
        label="anonymous without e-mail: the form again",
    ),
    Case(
        "participation:support",
        S(404, 403, 404, 403, 403, 404),
        kwargs=_pending,
        label="pending",
    ),
    Case(
        "participation:comment",
        S(403, 302, 302, 302, 302, 403),
        "post",
        kwargs=_c,
        data={"text": "Dem stimme ich zu."},
    ),
    Case("participation:report", S(200, 200, 200, 200, 200, 200), kwargs=_c),
    Case("participation:report", S(302, 302, 302, 302, 302, 302), "post", kwargs=_c),
    Case(
        "participation:comment_report", S(200, 200, 200, 200, 200, 200), kwargs=_comment
    ),
    Case(
        "participation:confirm",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["contribution_token"]},
    ),
    Case(
        "participation:confirm",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": "kaputt"},
        label="invalid token",
    ),
    Case("participation:intake", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("participation:moderation", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "participation:moderate",
        S(404, 403, 404, 302, 302, 404),
        "post",
        kwargs=_pending,
        data={"action": "approve"},
    ),
    Case(
        "participation:comment_moderate",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=_comment,
        data={"action": "reject"},
    ),
    Case("participation:respond", S(302, 403, 403, 200, 200, 403), kwargs=_c),
    Case("participation:link", S(302, 403, 403, 200, 200, 403), kwargs=_c),
    Case(
        "participation:layers",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=_c,
        data={},
    ),
    Case("participation:event_windows", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("participation:topics", S(302, 403, 403, 200, 200, 403), kwargs=m),
]
