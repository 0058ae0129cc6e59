"""The jury: conflicts of interest, votes and the result."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.core.services import ensure_allowed
from quartier.funds.models import (
    Application,
    ConflictOfInterest,
    JuryMember,
    Vote,
    VoteChoice,
)
from quartier.funds.services.common import S
from quartier.funds.voting import Result, tally


def entitled_voters(application: Application) -> int:
    """Voting jury members without a declared conflict for this application."""
    return (
        JuryMember.objects.filter(fund_id=application.call.fund_id, voting=True)
        .exclude(conflicts__application=application)
        .count()
    )


def jury_result(application: Application) -> Result:
    fund = application.call.fund
    choices = list(
        Vote.objects.filter(application=application)
        .exclude(member__conflicts__application=application)
        .values_list("choice", flat=True)
    )
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
        defaults={"choice": choice, "comment": (comment or "").strip()},
    )
    return vote
