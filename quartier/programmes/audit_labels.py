"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "programmes.view_programme": _("View a programme"),
        "programmes.add_programme": _("Add a programme to the municipality's library"),
        "programmes.add_shared_programme": _("Add a programme to the shared library"),
        "programmes.change_programme": _("Edit a programme"),
        "programmes.copy_programme": _("Copy a shared programme into the own library"),
    }
)
