"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "funds.apply": _("Apply for a grant"),
        "funds.approve_grant": _("Approve a grant"),
        "funds.close_grant": _("Close a grant"),
        "funds.decide": _("Decide on an application"),
        "funds.declare_conflict": _("Declare a conflict of interest"),
        "funds.export_csv": _("Export applications (CSV)"),
        "funds.grant_early_start": _("Allow an early start"),
        "funds.refuse_early_start": _("Refuse an early start"),
        "funds.record_application": _("Record a paper or assisted application"),
        "funds.view_receipts": _("View the receipts of a proof of use"),
        "funds.manage_jury": _("Manage the jury"),
        "funds.pay_out": _("Pay out"),
        "funds.precheck_complete": _("Pre-check: complete"),
        "funds.precheck_questions": _("Pre-check: questions to the applicant"),
        "funds.record_meeting": _("Record a jury meeting"),
        "funds.reject_grant": _("Turn down an application"),
        "funds.release_payout": _("Release a payout"),
        "funds.report": _("Submit a proof of use"),
        "funds.revoke_grant": _("Revoke a grant"),
        "funds.view_applications": _("View applications"),
        "funds.view_jury_queue": _("View the applications for the jury"),
        "funds.view_letter": _("View a decision letter"),
        "funds.view_own_applications": _("View own applications"),
        "funds.view_votes": _("View the jury's votes"),
        "funds.vote": _("Vote in the jury"),
        "funds.withdraw_application": _("Withdraw an application"),
    }
)
