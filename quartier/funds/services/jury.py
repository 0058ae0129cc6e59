"""The jury: conflicts of interest, votes (online, or recorded from a meeting in
person) and the result.

Who is conflicted is decided in one place for people (rules.conflict_reason, used by
every permission) and, for counting, in `conflicted_members` below: the applicant,
members of the applying actor, and members who declared a conflict neither vote nor
count towards the quorum or the absolute majority.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from quartier.core.services import ensure_allowed, record_action
from quartier.funds.models import (
    Application,
    ConflictOfInterest,
    JuryMember,
    Vote,
    VoteChoice,
)
from quartier.funds.rules import forget_conflicts
from quartier.funds.services.common import S
from quartier.funds.voting import Result, tally


def conflicted_members(application: Application) -> QuerySet[JuryMember]:
    """Jury members of the application's fund who are conflicted with it: the
    applicant, members of the applying actor, and those who declared a conflict."""
    conflicted = Q(conflicts__application=application) | Q(
        user_id=application.applicant_id
    )
    if application.actor_id is not None:
        conflicted |= Q(user__actor_memberships__actor_id=application.actor_id)
    return JuryMember.objects.filter(
        conflicted, fund_id=application.call.fund_id
    ).distinct()


def counted_votes(application: Application) -> QuerySet[Vote]:
    """The votes that count: of voting members who are not conflicted."""
    return (
        Vote.objects.filter(application=application, member__voting=True)
        .exclude(member__in=conflicted_members(application).values("pk"))
        .select_related("member__user", "recorded_by")
    )


def entitled_voters(application: Application) -> int:
    """Voting jury members who are not conflicted with this application."""
    return (
        JuryMember.objects.filter(fund_id=application.call.fund_id, voting=True)
        .exclude(pk__in=conflicted_members(application).values("pk"))
        .count()
    )


def jury_result(application: Application) -> Result:
    """The same count for online votes and votes recorded from a meeting."""
    fund = application.call.fund
    choices = list(counted_votes(application).values_list("choice", flat=True))
    return tally(
        choices,
        quorum=fund.quorum,
        rule=fund.majority_rule,
        entitled=entitled_voters(application),
    )


@transaction.atomic
def conflict_declare(
    *, by: Any, application: Application, note: str = ""
) -> ConflictOfInterest:
    """A jury member declares a conflict of interest; a vote they gave before is
    removed, and from now on they neither vote on nor see the votes of this
    application."""
    ensure_allowed(by, "funds.declare_conflict", application)
    member = JuryMember.objects.get(fund_id=application.call.fund_id, user=by)
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        application=application,
        member=member,
        defaults={"note": (note or "").strip()[:300]},
    )
    Vote.objects.filter(application=application, member=member).delete()
    forget_conflicts(by)
    return conflict


@transaction.atomic
def vote_cast(
    *, by: Any, application: Application, choice: str, comment: str = ""
) -> Vote:
    """Vote yes/no/abstain (one vote per member; voting again changes it) while the
    application is with the jury and the voting is open."""
    ensure_allowed(by, "funds.vote", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != S.COMPLETE or not application.voting_open:
        raise ValidationError(_("The jury is not voting on this application."))
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Please choose yes, no or abstain.")})
    member = JuryMember.objects.get(fund_id=application.call.fund_id, user=by)
    vote, _created = Vote.objects.update_or_create(
        application=application,
        member=member,
        defaults={
            "choice": choice,
            "comment": (comment or "").strip(),
            "meeting_on": None,
            "recorded_by": None,
        },
    )
    return vote


@transaction.atomic
def meeting_record(
    *,
    by: Any,
    application: Application,
    held_on: datetime.date | None,
    votes: Mapping[int, str],
) -> list[Vote]:
    """Record the votes of a jury that met in person: `votes` maps a jury member's
    id to "yes"/"no"/"abstain" (empty: not present or did not vote).

    The same rules as online: only voting members of the fund's jury, never a
    conflicted one (ValidationError next to that member), and the quorum and
    majority are counted by `jury_result` from the same Vote rows. A member's vote
    from the meeting replaces an earlier online vote of theirs.
    """
    ensure_allowed(by, "funds.record_meeting", application)
    application = (
        Application.objects.select_for_update()
        .select_related("call__fund__municipality")
        .get(pk=application.pk)
    )
    if application.status != S.COMPLETE or not application.voting_open:
        raise ValidationError(_("The jury is not voting on this application."))
    today = timezone.localdate()
    if held_on is None:
        raise ValidationError({"held_on": _("Please enter the date of the meeting.")})
    if held_on > today:
        raise ValidationError({"held_on": _("The meeting cannot be in the future.")})
    submitted = application.submitted_at
    if submitted is not None and held_on < timezone.localdate(submitted):
        raise ValidationError(
            {
                "held_on": _(
                    "The meeting cannot be before the application was submitted "
                    "(%(day)s)."
                )
                % {
                    "day": date_format(
                        timezone.localdate(submitted), "SHORT_DATE_FORMAT"
                    )
                }
            }
        )
    seats = {
        member.pk: member
        for member in JuryMember.objects.filter(
            fund_id=application.call.fund_id
        ).select_related("user")
    }
    conflicted = set(conflicted_members(application).values_list("pk", flat=True))
    errors: dict[str, str] = {}
    given: list[tuple[JuryMember, str]] = []
    for member_id, choice in votes.items():
        if not choice:
            continue
        member = seats.get(int(member_id))
        field = f"member_{member_id}"
        if member is None or not member.voting:
            errors[field] = _("Only voting members of this fund's jury can vote.")
        elif member.pk in conflicted:
            errors[field] = _(
                "%(name)s has a conflict of interest with this application and "
                "cannot vote on it."
            ) % {"name": member.user.public_name}
        elif choice not in VoteChoice.values:
            errors[field] = _("Please choose yes, no or abstain.")
        else:
            given.append((member, choice))
    if errors:
        raise ValidationError(errors)
    if not given:
        raise ValidationError(_("Please record the vote of at least one member."))
    recorded = []
    for member, choice in given:
        vote, _created = Vote.objects.update_or_create(
            application=application,
            member=member,
            defaults={
                "choice": choice,
                "comment": "",
                "meeting_on": held_on,
                "recorded_by": by,
            },
        )
        recorded.append(vote)
    record_action(
        by, application.call.fund.municipality, "funds.record_meeting", application
    )
    return recorded
