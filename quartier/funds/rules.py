"""Permissions of the funds app (docs/permissions.md, "Quartiersfonds").

Objects are a Municipality (lists, "add"), a Fund, a Call or an Application. Admins
(Steuerung) own funds, their juries and budgets; coordinators run calls, pre-check
applications, type in paper applications, decide and pay out (the jury recommends;
a coordinator with a vote in the fund's jury does not decide); jury members see the applications of their fund
and vote; applicants see and edit their own applications.

Conflicts of interest: one predicate, `is_conflicted_with_application`, holds for
every step of the workflow that judges or moves money on an application (pre-check,
vote, the record of a jury meeting, decision, early start and revoking, payout and its release,
accepting the proof of use). It is true for the applicant, for every member of the
applying organisation (actor), and for a jury member who declared a conflict. The
services check the same permissions (`ensure_allowed`), so a forged request is
refused as well as a hidden button.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_admin, is_coordinator, is_member


def fund_of(obj: Any) -> Any:
    from quartier.funds.models import Application, Call, Fund

    if isinstance(obj, Fund):
        return obj
    if isinstance(obj, Call):
        return obj.fund
    if isinstance(obj, Application):
        return obj.call.fund
    return None


def jury_seat(user: Any, obj: Any) -> Any:
    """The user's JuryMember row in the object's fund, or None (cached per user)."""
    fund = fund_of(obj)
    if fund is None or not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_jury_seats", None)
    if cache is None:
        cache = user._jury_seats = {}
    if fund.pk not in cache:
        from quartier.funds.models import JuryMember

        cache[fund.pk] = JuryMember.objects.filter(fund=fund, user=user).first()
    return cache[fund.pk]


def conflict_reason(user: Any, application: Any) -> str:
    """Why `user` is conflicted with `application`: "applicant", "actor" (a member
    of the applying organisation), "declared" (a declared conflict), or "".

    Cached on the user object per application (a page asks many times);
    services.conflict_declare clears the cache."""
    from quartier.actors.models import ActorMember
    from quartier.funds.models import Application, ConflictOfInterest

    if not isinstance(application, Application) or not getattr(
        user, "is_authenticated", False
    ):
        return ""
    cache = getattr(user, "_fund_conflicts", None)
    if cache is None:
        cache = user._fund_conflicts = {}
    if application.pk in cache:
        return cache[application.pk]
    reason = ""
    if application.applicant_id == user.pk:
        reason = "applicant"
    elif (
        application.actor_id is not None
        and ActorMember.objects.filter(
            actor_id=application.actor_id, user=user
        ).exists()
    ):
        reason = "actor"
    elif ConflictOfInterest.objects.filter(
        application=application, member__user=user
    ).exists():
        reason = "declared"
    if application.pk is not None:
        cache[application.pk] = reason
    return reason


def forget_conflicts(user: Any) -> None:
    if hasattr(user, "_fund_conflicts"):
        del user._fund_conflicts


@rules.predicate
def fund_is_published(user: Any, obj: Any = None) -> bool:
    fund = fund_of(obj)
    return fund is not None and fund.status != "draft"


@rules.predicate
def is_jury_member(user: Any, obj: Any = None) -> bool:
    """Sits in the jury of the object's fund (with or without a vote)."""
    return jury_seat(user, obj) is not None


@rules.predicate
def is_voting_jury_member(user: Any, obj: Any = None) -> bool:
    seat = jury_seat(user, obj)
    return seat is not None and seat.voting


@rules.predicate
def is_conflicted_with_application(user: Any, obj: Any = None) -> bool:
    """The applicant, a member of the applying actor, or a jury member with a
    declared conflict: takes no part in any step on this application."""
    return bool(conflict_reason(user, obj))


@rules.predicate
def sits_in_a_jury(user: Any, obj: Any = None) -> bool:
    """Sits in the jury of any fund of the municipality."""
    if not getattr(user, "is_authenticated", False):
        return False
    from quartier.funds.models import JuryMember

    return JuryMember.objects.filter(fund__municipality=obj, user=user).exists()


@rules.predicate
def is_applicant(user: Any, obj: Any = None) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(obj, "applicant_id", None) == user.pk
    )


@rules.predicate
def is_editable(user: Any, obj: Any = None) -> bool:
    return getattr(obj, "status", None) in ("draft", "questions")


@rules.predicate
def is_not_draft(user: Any, obj: Any = None) -> bool:
    return getattr(obj, "status", None) != "draft"


can_see_fund = fund_is_published | is_coordinator

rules.add_perm("funds.view_fund", can_see_fund)
rules.add_perm("funds.add_fund", is_admin)
rules.add_perm("funds.change_fund", is_admin)
rules.add_perm("funds.manage_jury", is_admin)
rules.add_perm("funds.export_csv", is_coordinator)
rules.add_perm("funds.view_applications", is_coordinator)
rules.add_perm("funds.view_jury_queue", is_coordinator | sits_in_a_jury)

rules.add_perm("funds.view_call", can_see_fund)
rules.add_perm("funds.add_call", is_coordinator)
rules.add_perm("funds.change_call", is_coordinator)
rules.add_perm("funds.apply", can_see_fund & is_member)

rules.add_perm(
    "funds.view_application",
    is_applicant | is_coordinator | (is_jury_member & is_not_draft),
)
rules.add_perm("funds.change_application", is_applicant & is_editable)
rules.add_perm("funds.withdraw_application", is_applicant)
# Every step that judges an application or moves its money: never the conflicted.
not_conflicted = ~is_conflicted_with_application
rules.add_perm("funds.precheck_application", is_coordinator & not_conflicted)
rules.add_perm("funds.declare_conflict", is_jury_member)
rules.add_perm("funds.vote", is_voting_jury_member & not_conflicted)
rules.add_perm("funds.record_meeting", is_coordinator & not_conflicted)
rules.add_perm("funds.view_votes", (is_coordinator | is_jury_member) & not_conflicted)
# The jury recommends, the municipality decides: a coordinator who has no vote in
# the fund's jury (so the recommending body never decides itself).
rules.add_perm("funds.decide", is_coordinator & not_conflicted & ~is_voting_jury_member)
rules.add_perm("funds.pay_out", is_coordinator & not_conflicted)
rules.add_perm("funds.release_payout", is_coordinator & not_conflicted)
rules.add_perm("funds.report", is_applicant)
rules.add_perm("funds.close_application", is_coordinator & not_conflicted)
rules.add_perm("funds.view_letter", is_applicant | is_coordinator)
rules.add_perm("funds.view_receipts", is_applicant | is_coordinator)
# Paper and assisted applications are typed in by the coordination.
rules.add_perm("funds.record_application", is_coordinator)
rules.add_perm("funds.view_own_applications", is_member)
