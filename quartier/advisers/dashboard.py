"""What the adviser dashboard shows: the municipalities that share with the
adviser's organisation, each with the summaries of the modules they share, and
comparisons across municipalities, only in aggregate and only when at least
MIN_MUNICIPALITIES municipalities contribute to a figure (`aggregate`)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from quartier.advisers.models import Consultation, SharingGrant
from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, shared_module

# A figure across municipalities is shown only when at least this many contribute,
# so that no single municipality can be read off a comparison.
MIN_MUNICIPALITIES = 5


@dataclass(frozen=True)
class Aggregate:
    contributors: int
    mean: float
    median: float
    low: float
    high: float


def aggregate(values: Iterable[float | int | None]) -> Aggregate | None:
    """The one rule for comparisons across municipalities: one value per
    municipality; None (nothing shown) when fewer than MIN_MUNICIPALITIES have one."""
    known = [float(v) for v in values if v is not None]
    if len(known) < MIN_MUNICIPALITIES:
        return None
    return Aggregate(
        contributors=len(known),
        mean=statistics.fmean(known),
        median=statistics.median(known),
        low=min(known),
        high=max(known),
    )


@dataclass
class SharedModuleCard:
    module: SharedModule
    grant: SharingGrant
    lines: list[tuple[Any, str]]
    url: str | None


@dataclass
class MunicipalityCard:
    municipality: Municipality
    modules: list[SharedModuleCard] = field(default_factory=list)
    last_consultation: Consultation | None = None
    next_follow_up: Consultation | None = None


def active_grants(user: Any) -> list[SharingGrant]:
    return list(
        SharingGrant.objects.active()
        .for_adviser(user)
        .select_related("municipality", "organisation")
        .order_by("municipality__name", "module_key")
    )


def municipality_cards(user: Any) -> list[MunicipalityCard]:
    cards: dict[int, MunicipalityCard] = {}
    for grant in active_grants(user):
        module = shared_module(grant.module_key)
        if module is None:
            continue
        card = cards.setdefault(
            grant.municipality_id, MunicipalityCard(grant.municipality)
        )
        lines = module.summary(grant.municipality) if module.summary else []
        url = module.url(grant.municipality) if module.url else None
        card.modules.append(SharedModuleCard(module, grant, lines, url))
    if cards:
        _add_consultations(user, cards)
    return list(cards.values())


def _add_consultations(user: Any, cards: dict[int, MunicipalityCard]) -> None:
    today = timezone.localdate()
    consultations = Consultation.objects.filter(
        municipality_id__in=cards, organisation__members=user
    ).order_by("-held_on", "-pk")
    for consultation in consultations:
        card = cards[consultation.municipality_id]
        if card.last_consultation is None:
            card.last_consultation = consultation
        if consultation.follow_up_on and consultation.follow_up_on >= today:
            if (
                card.next_follow_up is None
                or consultation.follow_up_on < card.next_follow_up.follow_up_on  # type: ignore[operator]
            ):
                card.next_follow_up = consultation


def follow_ups(user: Any) -> list[Consultation]:
    """The adviser's organisation's follow-ups from today on, soonest first."""
    return list(
        Consultation.objects.filter(
            organisation__members=user,
            follow_up_on__gte=timezone.localdate(),
        )
        .select_related("municipality")
        .order_by("follow_up_on")[:20]
    )


@dataclass(frozen=True)
class Comparison:
    label: Any
    figure: Aggregate | None
    contributors: int


def comparisons(
    user: Any,
    figures: dict[str, list[tuple[Any, Callable[[Municipality], float | None]]]],
) -> list[Comparison]:
    """Each figure over the municipalities that share its module with the user's
    organisation; `aggregate` decides whether it can be shown."""
    by_key: dict[str, list[Municipality]] = defaultdict(list)
    for grant in active_grants(user):
        by_key[grant.module_key].append(grant.municipality)
    result = []
    for key, entries in figures.items():
        municipalities = by_key.get(key, [])
        for label, compute in entries:
            values = [compute(m) for m in municipalities]
            result.append(
                Comparison(
                    label,
                    aggregate(values),
                    sum(1 for v in values if v is not None),
                )
            )
    return result


def initiative_figures() -> list[tuple[Any, Callable[[Municipality], float | None]]]:
    """Initiatives per phase, one value per municipality."""
    from django.utils.translation import gettext as _

    from quartier.initiatives.models import Phase
    from quartier.initiatives.sharing import phase_counts

    cache: dict[int, dict[str, int]] = {}

    def counts(m: Municipality) -> dict[str, int]:
        if m.pk not in cache:
            cache[m.pk] = phase_counts(m)
        return cache[m.pk]

    def of_phase(value: str) -> Callable[[Municipality], float | None]:
        return lambda m: counts(m).get(value, 0)

    figures: list[tuple[Any, Callable[[Municipality], float | None]]] = [
        (_("Initiatives (all phases)"), lambda m: sum(counts(m).values()))
    ]
    figures += [
        (_("Initiatives in the phase “%(phase)s”") % {"phase": label}, of_phase(value))
        for value, label in Phase.choices
    ]
    return figures
