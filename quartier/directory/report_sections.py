"""The directory's section of a report (core/report_sections.py): how well the
neighbourhoods are covered with offerings per topic, and where there are gaps
(a topic without any offering in a neighbourhood). Counts what residents find
(listed offerings), so the figures are the same for every reader."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.report_sections import ReportSection, SectionContent, register


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.core.models import Neighborhood
    from quartier.directory.models import Service, TaxonomyTerm

    content = SectionContent("directory.coverage", _t("Offerings and places"))
    listed = Service.objects.of(municipality).listed()
    neighbourhoods = list(hoods) or list(Neighborhood.objects.of(municipality))
    topics = list(
        TaxonomyTerm.objects.of(municipality)
        .topics()
        .order_by("position", "name")
        .values_list("pk", "name")
    )
    pairs = {
        (hood, term): n
        for hood, term, n in listed.filter(
            neighborhoods__in=neighbourhoods, terms__in=[pk for pk, _n in topics]
        )
        .order_by()
        .values_list("neighborhoods", "terms")
        .annotate(n=Count("pk", distinct=True))
    }
    per_hood = dict(
        listed.filter(neighborhoods__in=neighbourhoods)
        .order_by()
        .values_list("neighborhoods")
        .annotate(n=Count("pk", distinct=True))
    )
    everywhere = listed.filter(neighborhoods__isnull=True).count()
    content.figures(
        [
            (_t("Offerings residents find"), listed.count()),
            (_t("of them for the whole municipality"), everywhere),
        ]
    )
    content.chart(
        _t("Offerings per neighbourhood"),
        [(hood.name, per_hood.get(hood.pk, 0)) for hood in neighbourhoods],
        headers=[_t("Neighbourhood"), _t("Offerings")],
    )
    if topics:
        content.table(
            _t("Offerings per neighbourhood and topic"),
            [_t("Topic"), *[hood.name for hood in neighbourhoods]],
            [
                (name, *[pairs.get((hood.pk, pk), 0) for hood in neighbourhoods])
                for pk, name in topics
            ],
        )
        gaps = [
            (hood.name, name)
            for hood in neighbourhoods
            for pk, name in topics
            if not pairs.get((hood.pk, pk))
        ]
        if gaps:
            content.heading(_t("Gaps"))
            content.paragraph(
                _t(
                    "Topics without an offering of their own in a neighbourhood "
                    "(offerings for the whole municipality may still cover them):"
                )
            )
            content.table(
                _t("Gaps: topics without an offering in the neighbourhood"),
                [_t("Neighbourhood"), _t("Topic")],
                gaps,
            )
    content.source(_t("Directory of offerings and places"), timezone.localdate())
    return content


def estimate(municipality: Any, start: Any, end: Any) -> int:
    from quartier.directory.models import Service

    return Service.objects.of(municipality).count()


register(
    ReportSection(
        key="directory.coverage",
        label=_("Directory: coverage and gaps"),
        order=50,
        build=build,
        estimate=estimate,
    )
)
