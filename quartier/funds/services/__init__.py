"""Writes of the funds app: funds and juries, calls, applications from draft to
closing, conflicts of interest, votes, decisions, payouts and proofs of use.

Money rule: every service that changes what an application holds of its fund's
budget first locks the fund row (`select_for_update`; on SQLite the IMMEDIATE
transaction serialises writers), then the application row, and changes
`Fund.committed` in the same transaction. The CheckConstraint on Fund keeps
0 <= committed <= budget in the database as well, so two simultaneous approvals
can never overspend the fund.
"""

from quartier.funds.models import ZERO
from quartier.funds.services.applications import (
    APPLICATION_FIELDS,
    application_precheck,
    application_save,
    application_submit,
    application_withdraw,
    call_closed_reason,
    declaration_problems,
    submission_problems,
    total_cost,
)
from quartier.funds.services.assisted import application_record
from quartier.funds.services.common import COST_LINES, REPORT_WEEKS
from quartier.funds.services.early_start import early_start_decide
from quartier.funds.services.jury import (
    conflict_declare,
    conflicted_members,
    counted_votes,
    entitled_voters,
    jury_result,
    meeting_record,
    vote_cast,
)
from quartier.funds.services.money import (
    committed_total,
    grant_close,
    grant_decide,
    grant_revoke,
    money_back,
    payout_cancel,
    payout_record,
    payout_release,
    reminders_send,
    report_submit,
)
from quartier.funds.services.receipts import receipt_add, receipt_remove
from quartier.funds.services.setup import (
    call_save,
    fund_save,
    jury_member_add,
    jury_member_remove,
)

__all__ = [
    "APPLICATION_FIELDS",
    "COST_LINES",
    "REPORT_WEEKS",
    "ZERO",
    "application_precheck",
    "application_record",
    "application_save",
    "application_submit",
    "application_withdraw",
    "call_closed_reason",
    "call_save",
    "committed_total",
    "conflict_declare",
    "conflicted_members",
    "counted_votes",
    "declaration_problems",
    "early_start_decide",
    "entitled_voters",
    "fund_save",
    "grant_close",
    "grant_decide",
    "grant_revoke",
    "jury_member_add",
    "jury_member_remove",
    "jury_result",
    "meeting_record",
    "money_back",
    "payout_cancel",
    "payout_record",
    "payout_release",
    "receipt_add",
    "receipt_remove",
    "reminders_send",
    "report_submit",
    "submission_problems",
    "total_cost",
    "vote_cast",
]
