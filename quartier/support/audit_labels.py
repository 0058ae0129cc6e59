"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "support.add_checkround": _("Open a Quartiers-Check round"),
        "support.close_checkround": _("Close a Quartiers-Check round"),
        "support.confirm_checkround": _("Confirm a team result of the Quartiers-Check"),
        "support.answer_checkround": _("Answer the Quartiers-Check"),
        "support.change_nextstep": _("Change the next steps of the Quartiers-Check"),
        "support.view_checkround": _("Read the Quartiers-Check"),
        "support.view_answers": _("Read the answers of the Quartiers-Check"),
        "support.add_supportoffer": _("Add a support offer"),
        "support.add_state_offer": _("Add a state-wide support offer"),
        "support.change_supportoffer": _("Change a support offer"),
        "support.view_supportoffer": _("Read support offers"),
    }
)
