"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "learning.configure_time_tracking": _("Configure time entries"),
        "learning.open_time_module": _("Open the time entries"),
        "learning.record_for_anyone": _("Record time for others"),
        "learning.record_for_person": _("Record time for other people"),
        "learning.view_person_totals": _("View time totals per person"),
        "learning.view_time_totals": _("View time totals"),
    }
)
