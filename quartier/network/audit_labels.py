"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "network.view_network": _("View the network analysis"),
        "network.analyse_network": _("Analyse the network (snapshots, comparisons)"),
        "network.view_snapshot": _("View a network snapshot"),
        "network.view_surveyround": _("View a relationship survey"),
        "network.manage_surveys": _("Manage relationship surveys"),
        "network.take_snapshot": _("Take a network snapshot"),
        "network.change_public_page": _("Switch the public network page"),
        "network.open_survey": _("Open a relationship survey"),
    }
)
