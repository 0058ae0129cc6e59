"""The modules a municipality home links to; later apps add themselves here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantRequest

# The home groups its cards so that a newcomer finds the way: what residents do,
# how the municipality and its partners work together, what it achieves and learns,
# and what admins set up. Cards of a group keep the order of MODULES.
TAKE_PART, TOGETHER, LEARNING, ADMINISTRATION = "part", "together", "learning", "admin"
GROUPS = [
    (TAKE_PART, _("Take part")),
    (TOGETHER, _("Work together")),
    (LEARNING, _("Impact and learning")),
    (ADMINISTRATION, _("Administration")),
]


@dataclass(frozen=True)
class Module:
    title: Any
    description: Any
    url_name: str
    perm: str | None = None
    group: str = TOGETHER


MODULES = [
    Module(
        _("Actors"),
        _(
            "Organisations, initiatives and offices in the neighbourhoods, and how they work together."
        ),
        "actors:list",
    ),
    Module(
        _("Negotiation spaces"),
        _("Forums and conferences: their mandates, members, meetings and minutes."),
        "forums:list",
    ),
    Module(
        _("Decisions register"),
        _("What the forums decided, who is responsible, and how far it has got."),
        "forums:decisions",
    ),
    Module(
        _("Who decides what?"),
        _("The forums, their mandates and who they recommend to, at a glance."),
        "forums:who_decides",
    ),
    Module(
        _("Participation"),
        _(
            "Ideas, concerns, questions and experiences from the neighbourhood, and the answer each one got."
        ),
        "participation:list",
        group=TAKE_PART,
    ),
    Module(
        _("Surveys"),
        _("Short surveys, answered anonymously; results for everyone."),
        "surveys:list",
        group=TAKE_PART,
    ),
    Module(
        _("Tension compass"),
        _(
            "Where the neighbourhood stands between control and self-organisation and the other tension fields, seen from each perspective."
        ),
        "compass:index",
        group=TAKE_PART,
    ),
    Module(
        _("Offerings and places"),
        _("Health and social offerings and meeting places, searchable and on the map."),
        "directory:list",
        group=TAKE_PART,
    ),
    Module(
        _("Rooms"),
        _(
            "Rooms of the municipality and its partners: when they are free, and booking."
        ),
        "rooms:list",
        group=TAKE_PART,
    ),
    Module(
        _("Neighbourhood funds"),
        _(
            "Micro-grants for projects in the neighbourhood: calls, applications, funded projects."
        ),
        "funds:list",
        group=TAKE_PART,
    ),
    Module(
        _("Programme library"),
        _(
            "Programmes that others have tested: what must stay as it is and what may be fitted to the neighbourhood."
        ),
        "programmes:list",
    ),
    Module(
        _("Initiatives"),
        _(
            "What the town and its partners are working on, from the idea through a pilot to a lasting offer, with everything linked to it."
        ),
        "initiatives:list",
    ),
    Module(
        _("Network analysis"),
        _(
            "Who works with whom: the cooperation network, its brokers and how it changes over time."
        ),
        "network:index",
        perm="network.view_network",
        group=LEARNING,
    ),
    Module(
        _("Topics in free text"),
        _(
            "Which topics come up in contributions, stories and comments: texts grouped by the words they share, for the coordination."
        ),
        "topics:runs",
        perm="topics.view_runs",
        group=LEARNING,
    ),
    Module(
        _("Goals and impact"),
        _(
            "Shared goals, why they matter to us, and how we see whether they work: impact models and indicators."
        ),
        "impact:goals",
        group=LEARNING,
    ),
    Module(
        _("Time for relationships"),
        _("The time spent on networking, moderation and volunteering, made visible."),
        "learning:time",
        perm="learning.open_time_module",
        group=LEARNING,
    ),
    Module(
        _("Stories"),
        _(
            "What residents experience with health in everyday life, and the changes panels find most significant."
        ),
        "stories:list",
        group=TAKE_PART,
    ),
    Module(
        _("Reflections"),
        _(
            "Looking back together: what happened, what it means, what we change, and whether the changes are made."
        ),
        "reflections:list",
        perm="reflections.view_reflection",
        group=LEARNING,
    ),
    Module(
        _("Glossary and Leitbild"),
        _(
            "The words we use together, what we agreed they mean, and the values we share."
        ),
        "glossary:list",
    ),
    Module(
        _("Role profiles and qualification"),
        _(
            "The roles that hold neighbourhood work together, who fills them, and courses that build their competences."
        ),
        "roles:list",
    ),
    Module(
        _("Quartiers-Check"),
        _(
            "Where we stand with the ten recommendations for healthy neighbourhoods: answered by the team once a year, partly suggested from our data, with next steps."
        ),
        "support:check",
        perm="support.view_checkround",
        group=LEARNING,
    ),
    Module(
        _("Support offers"),
        _(
            "Who supports us: information, advice, funding, qualification and networking, with deadlines, and a guide from the first idea to a lasting offer."
        ),
        "support:offers",
    ),
    Module(
        _("Reports"),
        _(
            "Reports for the council, funders and the public with figures from every module, as PDF and editable DOCX; Sachberichte for funded projects."
        ),
        "reports:list",
        "reports.view_reports",
        group=LEARNING,
    ),
    Module(
        _("Published reports"),
        _(
            "What happened in the neighbourhoods and what changed: the municipality's reports for the public."
        ),
        "reports:public_list",
        group=LEARNING,
    ),
    Module(
        _("Import offerings"),
        _(
            "Bring offerings in from Open Referral HSDS files or a spreadsheet (CSV); the HSDS interface for other systems."
        ),
        "hsds:import",
        "hsds.import",
        group=ADMINISTRATION,
    ),
    Module(
        _("Council information system"),
        _(
            "Papers, meetings and results from the council's OParl interface, so forums see what became of their recommendations; the import reports."
        ),
        "oparl:settings",
        "oparl.configure",
        group=ADMINISTRATION,
    ),
    Module(
        _("Members"),
        _("Who has which role; invitations."),
        "members:list",
        "accounts.manage_members",
        group=ADMINISTRATION,
    ),
    Module(
        _("Settings"),
        _("Moderation, two-factor authentication, sharing with advisers."),
        "core:settings",
        "core.change_municipality",
        group=ADMINISTRATION,
    ),
    Module(
        _("Audit log"),
        _("Administrative actions and refused access."),
        "core:audit",
        "core.view_auditentry",
        group=ADMINISTRATION,
    ),
    Module(
        _("Feedback on accessibility"),
        _("Barriers people reported, with the deadline for each answer."),
        "legal:feedback_list",
        "legal.view_accessibilityfeedback",
        group=ADMINISTRATION,
    ),
    Module(
        _("Retention periods"),
        _("How long each kind of personal data is kept, within the legal limits."),
        "legal:retention",
        "legal.change_retentionsetting",
        group=ADMINISTRATION,
    ),
]


@lru_cache(maxsize=2048)
def _module_url(url_name: str, slug: str, urlconf: Any, prefix: str) -> str | None:
    """A card's address: the same for every viewer, so reversed once per process
    (about 40 reversals per home page; docs/benchmarks.md). The URL conf and script
    prefix are part of the key, so a changed set-up gets its own addresses."""
    try:
        return reverse(url_name, urlconf, kwargs={"municipality_slug": slug})
    except NoReverseMatch:
        return None


def modules_for(request: TenantRequest) -> list[dict[str, str]]:
    municipality = request.municipality
    urlconf, prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    result = []
    for module in MODULES:
        if module.perm and not request.user.has_perm(module.perm, municipality):
            continue
        url = _module_url(module.url_name, municipality.slug, urlconf, prefix)
        if url is None:
            continue
        result.append(
            {
                "title": module.title,
                "description": module.description,
                "url": url,
                "group": module.group,
            }
        )
    return result


def grouped(cards: list[dict[str, Any]]) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The cards under their group's heading, groups in GROUPS order, empty ones left
    out (a resident sees no Administration)."""
    return [
        (label, found)
        for key, label in GROUPS
        if (found := [card for card in cards if card["group"] == key])
    ]


@dataclass(frozen=True)
class NeighborhoodSection:
    """A block on a neighbourhood's page, contributed by an app (in its ready())."""

    template: str
    context: Callable[[TenantRequest, Any], dict[str, Any]]


NEIGHBORHOOD_SECTIONS: list[NeighborhoodSection] = []


def sections_for(request: TenantRequest, neighborhood: Any) -> list[dict[str, Any]]:
    return [
        {"template": section.template, **section.context(request, neighborhood)}
        for section in NEIGHBORHOOD_SECTIONS
    ]


@dataclass(frozen=True)
class HomeSection:
    """A block on the municipality home, contributed by an app (in its ready())."""

    template: str
    context: Callable[[TenantRequest], dict[str, Any]]


HOME_SECTIONS: list[HomeSection] = []


def home_sections_for(request: TenantRequest) -> list[dict[str, Any]]:
    return [
        {"template": section.template, **section.context(request)}
        for section in HOME_SECTIONS
    ]
