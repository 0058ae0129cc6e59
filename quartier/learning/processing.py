"""Processing activities of learning (core/processing.py): time entries. Forms name
them in `processing`; docs/privacy.md, docs/time.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import Activity, register


def _entries(municipality: Municipality) -> bool:
    from quartier.learning.models import TimeEntry

    return TimeEntry.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="learning.time_entry",
        module=_("Time entries"),
        name=_("Time spent on neighbourhood work"),
        purpose=_(
            "To show how much time goes into which kind of neighbourhood work; "
            "not to assess individual performance."
        ),
        legal_basis=_(
            "Art. 6 (1) (e) and Art. 88 GDPR in conjunction with the agreement with "
            "the staff council (LPVG / § 87 BetrVG)"
        ),
        subjects=(_("Staff of the municipality and of partner organisations"),),
        data=(_("Date, hours, kind of work, organisation, person, note"),),
        recipients=(_("Coordination of the municipality, as the agreement allows"),),
        anchor="learning",
        public=_("Time entries are never public."),
        retention_note=_("As the agreement with the staff council provides."),
        in_use=_entries,
        order=90,
    ),
)
