"""Processing activity of topics in free text (core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _runs(municipality: Municipality) -> bool:
    from quartier.topics.models import ClusterRun

    return ClusterRun.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="topics.clustering",
        module=_("Topics in free text"),
        name=_("Grouping published texts by the words they share"),
        purpose=_(
            "To see which topics come up in contributions, stories and comments, so "
            "that the coordination can take them up."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("People who wrote published contributions, stories or comments"),),
        data=(
            _("The published texts, read on the municipality's own server"),
            _("The most frequent words of each group"),
        ),
        recipients=(_("The coordination of the municipality"),),
        anchor="topics",
        public=_("Nothing: the groups are shown to the coordination only."),
        retention_note=_(
            "No text is copied: a grouping keeps references to the texts and their "
            "most frequent words, until it is deleted."
        ),
        in_use=_runs,
        order=65,
    ),
)
