"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "oparl.configure": _("Configure the council information system (OParl)"),
        "oparl.view_councilpaper": _("View a council paper"),
        "oparl.link_councilpaper": _("Link a council paper"),
        "oparl.link_paper": _("Link a decision to a council paper"),
        "oparl.unlink_paper": _("Remove the link to a council paper"),
        "oparl.import": _("Import from the council information system"),
    }
)
