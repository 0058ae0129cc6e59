"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "impact.link_goal": _("Link an initiative to a goal"),
        "impact.unlink_goal": _("Remove an initiative from a goal"),
        "impact.record_measurement": _("Record a value of an indicator"),
        "impact.compute_indicator": _("Compute an indicator's value"),
        "impact.view_measurement_note": _("Read the notes on measurements"),
    }
)
