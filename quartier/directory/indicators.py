"""Indicator sources of the directory (core/indicator_sources.py): offerings per
neighbourhood and topic."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import Source, day_bounds, register


def _topics(municipality: Any) -> list[tuple[str, str]]:
    from quartier.directory.models import TaxonomyTerm

    return [
        (str(pk), name)
        for pk, name in TaxonomyTerm.objects.of(municipality)
        .topics()
        .order_by("position", "name")
        .values_list("pk", "name")
    ]


def offerings(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    from quartier.directory.models import PUBLIC_STATUSES, Service

    _low, high = day_bounds(start, end)
    services = (
        Service.objects.of(municipality)
        .active()
        .filter(status__in=PUBLIC_STATUSES, created_at__lt=high)
    )
    if neighbourhood is not None:
        services = services.filter(neighborhoods=neighbourhood)
    if option:
        services = services.filter(terms=option)
    return services.distinct().count()


register(
    Source(
        key="directory.offerings",
        label=_("Offerings in the directory"),
        unit=_("offerings"),
        stage=1,
        formula=_(
            "Number of offerings that are active or temporarily closed, not "
            "archived and entered by the last day of the period; with a "
            "neighbourhood or topic, only offerings marked with it."
        ),
        compute=offerings,
        options=_topics,
        option_label=_("topic"),
    ),
)
