"""What the adviser dashboard shows: the municipalities that share with the
adviser's organisation, each with the summaries of the modules they share, and
comparisons across municipalities, only in aggregate and only when at least
MIN_MUNICIPALITIES municipalities contribute to a figure (`aggregate`).

The municipalities are shown PAGE_SIZE at a time, in the order of their names with
"next/previous" links (`card_page`, a keyset page as core/pagination.py makes them),
so a page costs the same however many municipalities share with the organisation;
the links of its cards are built from one reversed address per module
(`slug_links`), not one `reverse()` per module and municipality (issue 19)."""

from __future__ import annotations

import functools
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from quartier.advisers.models import Consultation, SharingGrant
from quartier.core.models import Municipality
from quartier.core.pagination import Key, KeysetPage, keyset_page
from quartier.core.sharing import SharedModule, shared_module, shared_modules

# A figure across municipalities is shown only when at least this many contribute,
# so that no single municipality can be read off a comparison.
MIN_MUNICIPALITIES = 5

# The dashboard's table: this many municipalities per page, by name (id as tiebreak).
PAGE_SIZE = 20
CARD_ORDER = (Key("name", descending=False), Key("id", descending=False))


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


class ShownGrant(NamedTuple):
    """The columns of a grant that the dashboard and the municipality page show."""

    municipality_id: int
    module_key: str
    purpose: str
    starts_on: Any  # datetime.date
    ends_on: Any


@dataclass
class SharedModuleCard:
    module: SharedModule
    grant: ShownGrant
    lines: list[tuple[Any, str]]
    url: str | None
    # "until 31.12.2026": built once per end date, not once per card (issue 19).
    until: str = ""

    @property
    def summary(self) -> SafeString:
        """The lines on one line, "label: value · label: value", escaped."""
        return format_html_join(" · ", "{}: {}", self.lines)


class ConsultationNote(NamedTuple):
    """What a card shows of its last consultation."""

    held_on: Any  # datetime.date
    topic: str


@dataclass
class MunicipalityCard:
    municipality: Municipality
    url: str = ""
    modules: list[SharedModuleCard] = field(default_factory=list)
    last_consultation: ConsultationNote | None = None
    next_follow_up_on: Any = None  # datetime.date


def _shared_grants(user: Any) -> QuerySet[SharingGrant]:
    """The user's organisation's active grants of modules that are registered."""
    return (
        SharingGrant.objects.active()
        .for_adviser(user)
        .filter(module_key__in=[m.key for m in shared_modules()])
    )


def sharing_municipalities(user: Any) -> QuerySet[Municipality]:
    """The municipalities that share at least one module with the user's
    organisation now (only the columns the dashboard shows)."""
    return Municipality.objects.filter(
        pk__in=_shared_grants(user).values("municipality_id")
    ).only("pk", "name", "slug")


def card_page(user: Any, params: Any) -> KeysetPage:
    """One page of the sharing municipalities, by name, from the cursor in
    `params` (request.GET): PAGE_SIZE rows, "next/previous", no count."""
    return keyset_page(
        sharing_municipalities(user),
        CARD_ORDER,
        params,
        size=PAGE_SIZE,
        count_limit=0,
    )


# A slug that no municipality has (slugs are lower case), put where the slug goes
# when a link is reversed once for every municipality (`slug_links`).
SLUG_MARKER = "SLUG-MARKER-Q"


@functools.cache
def _stand_in() -> Municipality:
    """An unsaved municipality whose slug is SLUG_MARKER (built once: a model
    instance costs more than the reverse() it replaces)."""
    return Municipality(slug=SLUG_MARKER)


def slug_links(
    build: Callable[[Any], str], sample: Municipality
) -> Callable[[Municipality], str]:
    """A module's (or page's) link for many municipalities from one `reverse()`:
    `build` is called once with a stand-in whose slug is SLUG_MARKER, and each
    municipality's link is that address with its slug in the marker's place. If
    `build` does not give its address that way (it reads more than the slug: the
    result for `sample` differs), `build` itself is returned."""
    url = build(_stand_in())
    if url.count(SLUG_MARKER) != 1:
        return build
    head, tail = url.split(SLUG_MARKER)

    def link(municipality: Municipality) -> str:
        return f"{head}{municipality.slug}{tail}"

    if link(sample) != build(sample):
        return build
    return link


def _municipality_url(municipality: Municipality) -> str:
    return reverse(
        "advisers:municipality", kwargs={"municipality_slug": municipality.slug}
    )


def active_grants(user: Any, municipalities: list[Municipality]) -> list[ShownGrant]:
    """The user's organisation's active grants of these municipalities, with only
    the columns the dashboard shows (rows, not model instances)."""
    rows = (
        _shared_grants(user)
        .filter(municipality__in=municipalities)
        .order_by("module_key", "municipality_id")
        .values_list(*ShownGrant._fields)
    )
    return [ShownGrant(*row) for row in rows]


def municipality_cards(
    user: Any, municipalities: list[Municipality]
) -> list[MunicipalityCard]:
    """One card for each of these municipalities that shares with the user's
    organisation (a page of `card_page`, or one municipality), in their order; each
    module's summaries are computed once for all of them, so the number of queries
    depends on the number of modules, not of municipalities."""
    if not municipalities:
        return []
    card_link = slug_links(_municipality_url, municipalities[0])
    cards: dict[int, MunicipalityCard] = {
        m.pk: MunicipalityCard(m, card_link(m)) for m in municipalities
    }
    by_key: dict[str, list[ShownGrant]] = defaultdict(list)
    until: dict[Any, str] = {}
    for grant in active_grants(user, municipalities):
        by_key[grant.module_key].append(grant)
    for key, grants in by_key.items():
        module = shared_module(key)
        assert module is not None  # noqa: S101 - _shared_grants keeps registered keys
        sharing = [cards[g.municipality_id].municipality for g in grants]
        lines = module.summaries(sharing) if module.summaries else {}
        url = slug_links(module.url, sharing[0]) if module.url else None
        for grant, municipality in zip(grants, sharing, strict=True):
            if grant.ends_on not in until:
                until[grant.ends_on] = gettext("until %(end)s") % {
                    "end": formats.date_format(grant.ends_on, "SHORT_DATE_FORMAT")
                }
            cards[grant.municipality_id].modules.append(
                SharedModuleCard(
                    module,
                    grant,
                    lines.get(grant.municipality_id, []),
                    url(municipality) if url else None,
                    until[grant.ends_on],
                )
            )
    shown = [card for card in cards.values() if card.modules]
    if shown:
        _add_consultations(user, {card.municipality.pk: card for card in shown})
    return shown


def _add_consultations(user: Any, cards: dict[int, MunicipalityCard]) -> None:
    """Each card's last consultation and next follow-up (from today on) of the
    user's organisation: one query, one row per card, however long the log."""
    today = timezone.localdate()
    mine = Consultation.objects.filter(
        municipality=OuterRef("pk"), organisation__members=user
    )
    last = mine.order_by("-held_on", "-pk")
    soon = mine.filter(follow_up_on__gte=today).order_by("follow_up_on")
    rows = (
        Municipality.objects.filter(pk__in=cards)
        .annotate(
            last_held_on=Subquery(last.values("held_on")[:1]),
            last_topic=Subquery(last.values("topic")[:1]),
            next_follow_up_on=Subquery(soon.values("follow_up_on")[:1]),
        )
        .order_by()
        .values_list("pk", "last_held_on", "last_topic", "next_follow_up_on")
    )
    for pk, held_on, topic, follow_up_on in rows:
        card = cards[pk]
        if held_on is not None:
            card.last_consultation = ConsultationNote(held_on, topic)
        card.next_follow_up_on = follow_up_on


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


# A figure across municipalities: computed for all of them at once from their ids
# ({municipality id: value or None}), so a comparison costs the same number of
# queries for 5 or 500 municipalities (and builds no model instance per municipality).
Figure = Callable[[list[int]], dict[int, float | None]]


def comparisons(
    user: Any, figures: dict[str, list[tuple[Any, Figure]]]
) -> list[Comparison]:
    """Each figure over ALL the municipalities that share its module with the
    user's organisation (not only the page's); `aggregate` decides whether it can
    be shown. The grants are read as (key, municipality id) pairs, once."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for key, pk in _shared_grants(user).values_list("module_key", "municipality_id"):
        by_key[key].add(pk)
    result = []
    for key, entries in figures.items():
        ids = sorted(by_key.get(key, ()))
        for label, compute in entries:
            values = list(compute(ids).values()) if ids else []
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
    from django.db.models import Count
    from django.utils.translation import gettext as _

    from quartier.initiatives.models import Initiative, Phase

    counted: dict[tuple[int, ...], dict[int, dict[str, int]]] = {}

    def phase_counts(ids: list[int]) -> dict[int, dict[str, int]]:
        key = tuple(ids)
        if key not in counted:
            counts: dict[int, dict[str, int]] = {pk: {} for pk in ids}
            rows = (
                Initiative.objects.filter(municipality_id__in=ids)
                .order_by()
                .values_list("municipality_id", "phase")
                .annotate(n=Count("pk"))
            )
            for pk, phase, n in rows:
                counts[pk][phase] = n
            counted[key] = counts
        return counted[key]

    def total(ids: list[int]) -> dict[int, float | None]:
        return {pk: sum(c.values()) for pk, c in phase_counts(ids).items()}

    def of_phase(value: str) -> Figure:
        def compute(ids: list[int]) -> dict[int, float | None]:
            return {pk: c.get(value, 0) for pk, c in phase_counts(ids).items()}

        return compute

    figures: list[tuple[Any, Figure]] = [(_("Initiatives (all phases)"), total)]
    figures += [
        (_("Initiatives in the phase “%(phase)s”") % {"phase": label}, of_phase(value))
        for value, label in Phase.choices
    ]
    return figures
