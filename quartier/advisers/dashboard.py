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

from django.utils import formats, timezone
from django.utils.translation import gettext

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
    # "until 31.12.2026": built once per end date, not once per card (issue 19).
    until: str = ""


@dataclass
class MunicipalityCard:
    municipality: Municipality
    modules: list[SharedModuleCard] = field(default_factory=list)
    last_consultation: Consultation | None = None
    next_follow_up: Consultation | None = None


def active_grants(user: Any) -> list[SharingGrant]:
    """The user's organisation's active grants, with only the columns the dashboard
    shows (a hundred municipalities' descriptions and boundaries are not read)."""
    return list(
        SharingGrant.objects.active()
        .for_adviser(user)
        .select_related("municipality")
        .only(
            "module_key",
            "purpose",
            "starts_on",
            "ends_on",
            "municipality_id",
            "municipality__name",
            "municipality__slug",
        )
        .order_by("municipality__name", "module_key")
    )


def municipality_cards(
    user: Any, grants: list[SharingGrant] | None = None
) -> list[MunicipalityCard]:
    """One card per sharing municipality; each module's summaries are computed once
    for all the municipalities that share it, so the number of queries depends on
    the number of modules, not of municipalities. `grants`: active_grants(user),
    when the caller has them already."""
    cards: dict[int, MunicipalityCard] = {}
    by_key: dict[str, list[SharingGrant]] = defaultdict(list)
    until: dict[Any, str] = {}
    for grant in active_grants(user) if grants is None else grants:
        if shared_module(grant.module_key) is None:
            continue
        cards.setdefault(grant.municipality_id, MunicipalityCard(grant.municipality))
        by_key[grant.module_key].append(grant)
    for key, grants in by_key.items():
        module = shared_module(key)
        assert module is not None  # noqa: S101 - filtered above
        lines = (
            module.summaries([g.municipality for g in grants])
            if module.summaries
            else {}
        )
        for grant in grants:
            url = module.url(grant.municipality) if module.url else None
            if grant.ends_on not in until:
                until[grant.ends_on] = gettext("until %(end)s") % {
                    "end": formats.date_format(grant.ends_on, "SHORT_DATE_FORMAT")
                }
            cards[grant.municipality_id].modules.append(
                SharedModuleCard(
                    module,
                    grant,
                    lines.get(grant.municipality_id, []),
                    url,
                    until[grant.ends_on],
                )
            )
    for card in cards.values():
        card.modules.sort(key=lambda c: c.module.key)
    if cards:
        _add_consultations(user, cards)
    return sorted(cards.values(), key=lambda c: c.municipality.name)


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


# A figure across municipalities: computed for all of them at once
# ({municipality pk: value or None}), so a comparison costs the same number of
# queries for 5 or 500 municipalities.
Figure = Callable[[list[Municipality]], dict[int, float | None]]


def comparisons(
    user: Any,
    figures: dict[str, list[tuple[Any, Figure]]],
    grants: list[SharingGrant] | None = None,
) -> list[Comparison]:
    """Each figure over the municipalities that share its module with the user's
    organisation; `aggregate` decides whether it can be shown."""
    by_key: dict[str, list[Municipality]] = defaultdict(list)
    for grant in active_grants(user) if grants is None else grants:
        by_key[grant.module_key].append(grant.municipality)
    result = []
    for key, entries in figures.items():
        municipalities = by_key.get(key, [])
        for label, compute in entries:
            values = list(compute(municipalities).values()) if municipalities else []
            result.append(
                Comparison(
                    label,
                    aggregate(values),
                    sum(1 for v in values if v is not None),
                )
            )
    return result


def initiative_figures() -> list[tuple[Any, Figure]]:
    """Initiatives per phase, one value per municipality: counted once for all the
    figures (one query), whatever the number of phases."""
    from django.utils.translation import gettext as _

    from quartier.initiatives.models import Phase
    from quartier.initiatives.sharing import phase_counts as count_phases

    counted: dict[tuple[int, ...], dict[int, dict[str, int]]] = {}

    def phase_counts(municipalities: list[Municipality]) -> dict[int, dict[str, int]]:
        key = tuple(m.pk for m in municipalities)
        if key not in counted:
            counted[key] = count_phases(municipalities)
        return counted[key]

    def total(municipalities: list[Municipality]) -> dict[int, float | None]:
        return {pk: sum(c.values()) for pk, c in phase_counts(municipalities).items()}

    def of_phase(value: str) -> Figure:
        def compute(municipalities: list[Municipality]) -> dict[int, float | None]:
            return {
                pk: c.get(value, 0) for pk, c in phase_counts(municipalities).items()
            }

        return compute

    figures: list[tuple[Any, Figure]] = [(_("Initiatives (all phases)"), total)]
    figures += [
        (_("Initiatives in the phase “%(phase)s”") % {"phase": label}, of_phase(value))
        for value, label in Phase.choices
    ]
    return figures
