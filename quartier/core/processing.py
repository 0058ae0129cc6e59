"""Processing activities (Art. 13 and Art. 30 DSGVO), in one registry.

Every app declares what it does with personal data in its own `processing.py`, which
calls `register(Activity(...))` when it is imported; `discover()` imports every
app's module once (like Django's admin.py), so core never imports the apps and a new
module joins by adding the file. An activity names its purpose, legal basis, the
people and the data it concerns, who receives the data, what is public, how long it
is kept (the keys of core/retention.py's rules, so the periods shown are the
municipality's current ones) and whether the module holds data in a municipality.

Three things are built from it, so they never drift apart:

- **the notice at the point of collection** (Art. 13): a form that takes personal data
  names its activity, `processing = "participation.contribution"` as a class
  attribute, and its template puts `{% privacy_notice form %}` (library `privacy`)
  next to the submit button: who is responsible, the purpose, what will be public,
  how to stay anonymous, and a link to the activity's section of the privacy notice;
- **the per-module sections of the privacy notice** (`/<slug>/datenschutz/#<anchor>`);
- **the records of processing** for the data protection officer (Art. 30,
  `/<slug>/datenschutz/verzeichnis/`, CSV and PDF), from the activities in use.

core/tests/test_privacy_notices.py walks every form class of every app: a form with a
field that looks personal (e-mail, name, phone, address, contact, person …) must name
an activity registered here, and every page that renders such a form must show the
notice with its link. docs/privacy.md says how to add an activity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality

# The legal bases the activities name (the municipality completes the state law's
# paragraph in the general part of its privacy notice).
PUBLIC_TASK = _(
    "Art. 6 (1) (e) GDPR (task in the public interest) in conjunction with the "
    "state data protection act"
)
CONSENT = _("Art. 6 (1) (a) GDPR (your consent, which you may withdraw at any time)")
CONTRACT = _("Art. 6 (1) (b) GDPR (the terms of use you accepted)")


def _always(municipality: Municipality | None) -> bool:
    return True


@dataclass(frozen=True)
class Activity:
    key: str  # "<app>.<name>", unique; forms name it in `processing`
    module: Any  # lazy: the module as people know it ("Beteiligung")
    name: Any  # lazy: the activity ("Beiträge und Kommentare")
    purpose: Any  # lazy: why, in one or two plain sentences
    legal_basis: Any  # PUBLIC_TASK, CONSENT, CONTRACT or a lazy text
    subjects: tuple[Any, ...]  # categories of data subjects
    data: tuple[Any, ...]  # categories of personal data
    recipients: tuple[Any, ...]  # who receives or sees the data
    anchor: str  # the section of the privacy notice ("participation")
    public: Any = ""  # what becomes public; empty: nothing
    anonymous: Any = ""  # how to take part without one's name, where a form offers it
    retention: tuple[str, ...] = ()  # keys of core.retention rules
    retention_note: Any = ""  # how long otherwise (or beyond the rules)
    # Whether the module holds data of this kind in the municipality (Art. 30 lists
    # only what is in use). None: the operator's view, every activity.
    in_use: Callable[[Municipality], bool] = _always
    order: int = 100


ACTIVITIES: dict[str, Activity] = {}

_discovered = False


def register(*activities: Activity) -> None:
    """Add an app's activities (called when its processing.py is imported)."""
    for activity in activities:
        if not activity.key.count(".") == 1:
            raise ValueError(f"{activity.key}: a key is '<app>.<name>'")
        if not re.fullmatch(r"[a-z][a-z0-9-]*", activity.anchor):
            raise ValueError(f"{activity.key}: the anchor must be a plain name")
        ACTIVITIES[activity.key] = activity


def discover() -> None:
    """Import every app's `processing` module once."""
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("processing")


def all_activities() -> list[Activity]:
    discover()
    return sorted(ACTIVITIES.values(), key=lambda a: (a.order, a.anchor, a.key))


def get(key: str) -> Activity | None:
    discover()
    return ACTIVITIES.get(key)


def activity_of(form_or_key: Any) -> Activity | None:
    """The activity a form (its `processing` attribute) or a key names."""
    key = form_or_key if isinstance(form_or_key, str) else None
    if key is None:
        key = getattr(form_or_key, "processing", None)
    return get(key) if key else None


def in_use(municipality: Municipality) -> list[Activity]:
    """The activities whose module holds data in the municipality."""
    return [a for a in all_activities() if a.in_use(municipality)]


@dataclass(frozen=True)
class Period:
    label: Any
    days: int
    key: str


def periods(activity: Activity, municipality: Municipality | None) -> list[Period]:
    """The activity's retention periods as they apply in the municipality now."""
    from quartier.core.retention import RULES, days_for

    found = []
    for key in activity.retention:
        rule = RULES.get(key)
        if rule is not None:
            found.append(Period(rule.label, days_for(rule, municipality), key))
    return found


@dataclass(frozen=True)
class Section:
    """One section of the privacy notice: the activities behind one anchor."""

    anchor: str
    title: Any
    activities: list[tuple[Activity, list[Period]]]


def sections(municipality: Municipality | None) -> list[Section]:
    """The privacy notice's per-module sections, in the registry's order."""
    grouped: dict[str, list[tuple[Activity, list[Period]]]] = {}
    titles: dict[str, Any] = {}
    for activity in all_activities():
        grouped.setdefault(activity.anchor, []).append(
            (activity, periods(activity, municipality))
        )
        titles.setdefault(activity.anchor, activity.module)
    return [Section(anchor, titles[anchor], rows) for anchor, rows in grouped.items()]


def register_core_activities() -> None:
    """core's own: contact details shown on public pages, and the audit log."""
    register(
        Activity(
            key="core.public_contact",
            module=_("Contact details on public pages"),
            name=_("Contact details of the municipality and its facilities"),
            purpose=_(
                "So that residents know whom to ask about the municipality, a room, "
                "a forum or a fund, the contact given there is shown on the page."
            ),
            legal_basis=PUBLIC_TASK,
            subjects=(_("Staff of the municipality and of partner organisations"),),
            data=(_("Name, e-mail address, phone number of the contact"),),
            recipients=(_("Everybody (public pages)"),),
            anchor="contacts",
            public=_("The contact details you enter here are shown publicly."),
            retention_note=_("Until the entry is changed or removed."),
            order=900,
        ),
        Activity(
            key="core.audit_log",
            module=_("Audit log and security"),
            name=_("Audit log of administrative actions and refused access"),
            purpose=_(
                "To trace who changed what and to detect misuse, administrative "
                "actions and refused access attempts are logged."
            ),
            legal_basis=PUBLIC_TASK,
            subjects=(_("Registered users"),),
            data=(_("Account, action, affected object, time"),),
            recipients=(_("Admins of the municipality"),),
            anchor="security",
            retention=("core.audit_entry",),
            order=950,
        ),
    )


register_core_activities()
