"""The network section of a report (core/report_sections.py): the measures of
the latest snapshot by the end of the period. Numbers only: no actor is named,
and a person in an intermediary role never appears. Readers who may not see the
network analysis (the public, where the public page is off) get nothing."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.report_sections import (
    COUNCIL,
    FUNDER,
    ReportSection,
    SectionContent,
    day,
    register,
)


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.network.models import Snapshot
    from quartier.network.presentation import sector_names

    content = SectionContent("network.measures", _t("Cooperation network"))
    if not user.has_perm("network.view_network", municipality):
        return content
    snapshot = (
        Snapshot.objects.of(municipality)
        .light()
        .filter(taken_on__lte=end)
        .order_by("-taken_on", "-pk")
        .first()
    )
    if snapshot is None:
        content.paragraph(_t("No snapshot of the network by the end of the period."))
        return content
    measures = snapshot.measures
    content.paragraph(
        _t("Measures of the network snapshot of %(day)s.")
        % {"day": day(snapshot.taken_on)}
    )
    content.figures(
        [
            (_t("Actors"), measures.get("actors", 0)),
            (_t("Ties"), measures.get("ties", 0)),
            (_t("Density"), measures.get("density", 0)),
            (_t("Separate parts (components)"), measures.get("components", 0)),
            (_t("Average number of ties"), measures.get("average_degree", 0)),
            (_t("E-I index (openness between sectors)"), measures.get("ei_index", 0)),
        ]
    )
    by_sector = measures.get("ei_by_sector") or {}
    if by_sector:
        names = sector_names()
        content.table(
            _t("E-I index per sector"),
            [_t("Sector"), _t("E-I index")],
            [(names.get(code, code), value) for code, value in by_sector.items()],
        )
    content.source(_t("Network analysis"), snapshot.taken_on)
    return content


register(
    ReportSection(
        key="network.measures",
        label=_("Network snapshot measures"),
        order=90,
        build=build,
        audiences=frozenset({COUNCIL, FUNDER}),
    )
)
