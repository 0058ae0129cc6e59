"""Truth-table rows of the stories app: stories, moderation, the Most Significant
Change rounds. The partner sits on the round's panel."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory
from quartier.participation.services import confirm_token
from quartier.stories.tests.factories import DomainFactory, RoundFactory, StoryFactory


def extend_world(world):
    municipality = world["municipality"]
    public = StoryFactory(municipality=municipality, neighborhood=world["neighborhood"])
    pending = StoryFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        moderation="pending",
        author=world["resident"],
    )
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=world["partner"])
    round_ = RoundFactory(municipality=municipality, forum=forum)
    world["story"] = public
    world["pending_story"] = pending
    world["msc_round"] = round_
    world["msc_domain"] = DomainFactory(round=round_)
    world["story_token"] = confirm_token("story", public.pk, "x@test.example")
    from quartier.initiatives.tests.factories import InitiativeFactory

    world["story_initiative"] = InitiativeFactory(municipality=municipality)


def _s(w):
    return {**m(w), "pk": w["story"].pk}


def _pending(w):
    return {**m(w), "pk": w["pending_story"].pk}


def _i(w):
    return {**m(w), "pk": w["story_initiative"].pk}


def _r(w):
    return {**m(w), "pk": w["msc_round"].pk}


def _d(w):
    return {**_r(w), "domain_pk": w["msc_domain"].pk}


CASES = [
    Case("stories:list", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("stories:new", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case(
        "stories:new",
        S(200, 200, 200, 200, 200, 200),
        "post",
        kwargs=m,
        label="invalid form",
    ),
    Case("stories:detail", S(200, 200, 200, 200, 200, 200), kwargs=_s),
    Case(
        "stories:detail",
        S(404, 200, 404, 200, 200, 404),
        kwargs=_pending,
        label="pending, told by the resident",
    ),
    Case("stories:report", S(200, 200, 200, 200, 200, 200), kwargs=_s),
    Case(
        "stories:report",
        S(404, 403, 404, 403, 403, 404),
        kwargs=_pending,
        label="pending story",
    ),
    Case(
        "stories:confirm",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["story_token"]},
    ),
    Case(
        "stories:confirm",
        S(400, 400, 400, 400, 400, 400),
        "post",
        kwargs=lambda w: {**m(w), "token": "kaputt"},
        label="invalid token",
    ),
    Case("stories:intake", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("stories:moderation", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "stories:moderate",
        S(404, 403, 404, 302, 302, 404),
        "post",
        kwargs=_pending,
        data={"action": "reject"},
    ),
    Case("stories:link", S(302, 403, 403, 200, 200, 403), kwargs=_s),
    Case("stories:rounds", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("stories:round_new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("stories:round", S(200, 200, 200, 200, 200, 200), kwargs=_r),
    Case(
        "stories:pick",
        S(302, 403, 200, 403, 403, 403),
        kwargs=_d,
        label="the partner sits on the panel",
    ),
    Case("stories:round_close", S(302, 403, 403, 200, 200, 403), kwargs=_r),
    Case("stories:link_initiative", S(302, 403, 403, 200, 200, 403), kwargs=_i),
    Case(
        "stories:link_initiative",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=_i,
        data={"story": ""},
        label="post incomplete",
    ),
]
