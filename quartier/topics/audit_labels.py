"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "topics.view_runs": _("View the topics in free text"),
        "topics.start_run": _("Start a clustering of free text"),
        "topics.view_clusterrun": _("View a clustering of free text"),
        "topics.view_cluster": _("View a cluster of texts"),
        "topics.adopt_cluster": _("Turn a cluster into a topic"),
    }
)
