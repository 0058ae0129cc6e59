"""Quartiers-Check suggestions from the forums (core/check_suggestions.py):
R1 forums with a mandate and mixed membership, R1 decisions with owners, R4 the
share of forum seats held by civil society."""

from __future__ import annotations

from django.urls import reverse

from quartier.core.check_suggestions import (
    Evidence,
    Suggestion,
    percent,
    register,
    scale_by_share,
)
from quartier.core.models import Municipality

ADMINISTRATION = {"verwaltung", "politik"}
CIVIL_SOCIETY = {"zivilgesellschaft", "bewohnerinnen"}


def _seats(municipality: Municipality) -> list[tuple[int, int, set[str]]]:
    """(forum pk, member pk, sector codes of the member's actor) of every actor seat
    (moderation or member) in the forums in use."""
    from quartier.forums.models import ForumMember, ForumRole

    rows = (
        ForumMember.objects.filter(
            forum__municipality=municipality,
            forum__archived_at__isnull=True,
            actor__isnull=False,
            role__in=[ForumRole.MODERATION, ForumRole.MEMBER],
        )
        .select_related("actor")
        .prefetch_related("actor__sectors")
    )
    return [(m.forum_id, m.pk, {s.code for s in m.actor.sectors.all()}) for m in rows]


def forums_with_mandate(municipality: Municipality) -> Suggestion | None:
    from quartier.forums.models import Forum

    forums = list(
        Forum.objects.filter(municipality=municipality)
        .filter(archived_at__isnull=True)
        .order_by("name")
    )
    if not forums:
        return None
    sectors: dict[int, set[str]] = {}
    for forum_pk, _member, codes in _seats(municipality):
        sectors.setdefault(forum_pk, set()).update(codes)
    mixed = [
        f
        for f in forums
        if f.mandate_scope.strip()
        and sectors.get(f.pk, set()) & ADMINISTRATION
        and sectors.get(f.pk, set()) & CIVIL_SOCIETY
    ]
    value = 2 if not mixed else 3 if len(mixed) == 1 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {len(mixed)} von {len(forums)} Gremien einen "
        "beschriebenen Auftrag haben und Akteure aus Verwaltung oder Politik und aus "
        "der Zivilgesellschaft als Mitglieder führen.",
        [Evidence(f.name, f.get_absolute_url()) for f in mixed[:5]],
    )


def decisions_with_owners(municipality: Municipality) -> Suggestion | None:
    from quartier.forums.models import Decision, DecisionStatus, RaciRole

    decisions = Decision.objects.filter(municipality=municipality).exclude(
        status=DecisionStatus.REJECTED
    )
    total = decisions.count()
    if not total:
        return None
    owned = (
        decisions.filter(
            responsibilities__role__in=[RaciRole.RESPONSIBLE, RaciRole.ACCOUNTABLE]
        )
        .distinct()
        .count()
    )
    return Suggestion(
        scale_by_share(owned / total, (0.25, 0.5, 0.8)),
        f"vorgeschlagen, weil {owned} von {total} Beschlüssen "
        f"({percent(owned, total)}) eine verantwortliche Person oder Organisation "
        "haben.",
        [
            Evidence(
                "Beschlussregister",
                reverse(
                    "forums:decisions", kwargs={"municipality_slug": municipality.slug}
                ),
            )
        ],
    )


def civil_society_seats(municipality: Municipality) -> Suggestion | None:
    seats = _seats(municipality)
    if not seats:
        return None
    civil = sum(1 for _f, _m, codes in seats if codes & CIVIL_SOCIETY)
    return Suggestion(
        scale_by_share(civil / len(seats), (0.2, 0.33, 0.5)),
        f"vorgeschlagen, weil {civil} von {len(seats)} Sitzen von Organisationen in "
        f"den Gremien ({percent(civil, len(seats))}) bei Akteuren der "
        "Zivilgesellschaft oder der Bewohnerschaft liegen.",
        [
            Evidence(
                "Wer entscheidet was?",
                reverse(
                    "forums:who_decides",
                    kwargs={"municipality_slug": municipality.slug},
                ),
            )
        ],
    )


register("r1.forums", forums_with_mandate, source="forums")
register("r1.decisions", decisions_with_owners, source="forums")
register("r4.seats", civil_society_seats, source="forums")
