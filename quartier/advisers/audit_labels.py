"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels
from quartier.core.sharing import shared_modules

register_labels(
    {
        "advisers.manage_grants": _("Manage sharing with advisers"),
        "advisers.grant_shared": _("Share a module with an advisory organisation"),
        "advisers.grant_revoked": _("Revoke sharing with an advisory organisation"),
        "advisers.view_adviser_log": _("View what advisers opened"),
        "advisers.view_consultations": _("View the consultation log"),
        "advisers.use_dashboard": _("Open the adviser dashboard"),
        "advisers.view_shared": _("Open a sharing municipality as an adviser"),
        "advisers.add_consultation": _("Record a consultation"),
        "advisers.record_consultation": _("Record a consultation"),
        "advisers.publish_practice": _("Publish a practice example"),
        "advisers.withdraw_practice": _("Withdraw a practice example"),
        "advisers.view_practice_list": _("View the practice examples"),
        "advisers.view_practiceexample": _("View a practice example"),
        "advisers.ask_practice": _("Ask a practice example's contact person"),
    }
)
# Refused reads of a shared module without a grant (advisers/views.py).
register_labels(
    {
        f"advisers.read_{module.key}": _("Read a shared module without a grant")
        for module in shared_modules()
    }
)
