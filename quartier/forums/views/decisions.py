"""Views of the forums app: the decisions register (list, CSV, detail with its whole
history), recording and changing decisions, and "Wer entscheidet was?"."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.actors.models import Actor
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.kept import Kept
from quartier.core.pagination import Key, keyset_page
from quartier.core.predicates import can_read_internal
from quartier.core.word_search import every_word, words_of
from quartier.forums.forms_decisions import (
    DecisionFilterForm,
    DecisionForm,
    DecisionStatusForm,
    responsibility_formset,
)
from quartier.forums.models import (
    AgendaItem,
    Decision,
    Forum,
    RaciRole,
    Responsibility,
)
from quartier.forums.services import decisions as services
from quartier.forums.services.decisions import decision_label

PAGE_SIZE = 20
# The register's order (the model's, newest decision first) with the id as tiebreak,
# for keyset pagination: page 500 costs what page 1 costs.
REGISTER_ORDER = (Key("decided_on"), Key("number"), Key("id"))
MATRIX_COLUMNS = 30
RACI_ORDER = "RACI"


def _who(entry: Responsibility, internal_ok: bool) -> str:
    """The name shown for a responsibility; internal actors stay unnamed for people
    who may not read the municipality's internal data."""
    if entry.actor_id:
        if entry.actor.visibility == "internal" and not internal_ok:
            return _("an internal actor")
        return entry.actor.name
    return entry.user.public_name if entry.user else _("former member")


def _register(request: HttpRequest) -> tuple[DecisionFilterForm, QuerySet[Decision]]:
    """The filter form and the decisions it selects (register, CSV)."""
    municipality = request.municipality
    forums = Forum.objects.visible_to(request.user, municipality)
    decisions = Decision.objects.visible_to(request.user, municipality)
    form = DecisionFilterForm(
        request.GET or None,
        municipality=municipality,
        forums=forums.only("id", "slug", "name"),
    )
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    if filters.get("forum"):
        decisions = decisions.filter(forum=filters["forum"])
    if filters.get("status"):
        decisions = decisions.filter(status=filters["status"])
    actors = responsible_actors(request, filters)
    if actors is not None:
        decisions = decisions.filter(
            Exists(
                Responsibility.objects.filter(
                    decision=OuterRef("pk"),
                    role=RaciRole.RESPONSIBLE,
                    actor__in=actors.values("pk"),
                )
            )
        )
    if filters.get("neighborhood"):
        decisions = decisions.filter(forum__neighborhoods=filters["neighborhood"])
    if filters.get("overdue"):
        decisions = decisions.overdue()
    return form, decisions.select_related("forum")


def responsible_actors(
    request: HttpRequest, filters: dict[str, Any]
) -> QuerySet[Actor] | None:
    """The actors the register is narrowed to: one by id (`actor`), or those whose
    name holds every word of `responsible`; None when neither is given. Only actors
    the visitor may see (internal ones stay hidden from guests)."""
    actors = Actor.objects.visible_to(request.user, request.municipality)
    if filters.get("actor"):
        return actors.filter(pk=filters["actor"])
    if not words_of(filters.get("responsible")):
        return None
    return every_word(actors, filters["responsible"], "name")


SUGGESTIONS = 10


def _suggestions(
    request: HttpRequest, form: DecisionFilterForm
) -> list[dict[str, Any]]:
    """The "autocomplete" without JavaScript: after a search for a responsible actor,
    up to ten matching actors with decisions, each a link narrowing the register to
    that actor."""
    filters = getattr(form, "cleaned_data", {})
    if filters.get("actor") or not filters.get("responsible"):
        return []
    actors = responsible_actors(request, filters)
    if actors is None:
        return []
    forums = Forum.objects.visible_to(request.user, request.municipality)
    matching = (
        actors.filter(
            Exists(
                Responsibility.objects.filter(
                    actor=OuterRef("pk"),
                    role=RaciRole.RESPONSIBLE,
                    decision__forum__in=forums,
                )
            )
        )
        .order_by("name", "pk")
        .only("id", "name")[: SUGGESTIONS + 1]
    )
    query = request.GET.copy()
    for name in ("after", "before", "page", "actor"):
        query.pop(name, None)
    result = []
    for actor in matching:
        query["actor"] = str(actor.pk)
        result.append({"name": actor.name, "query": query.urlencode()})
    return result


def _with_names(decisions: Any, internal_ok: bool, roles: str = "R") -> list[Decision]:
    """Attach `names` (role → list of names) to each decision in one query."""
    decisions = list(decisions)
    by_decision: dict[int, dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    entries = Responsibility.objects.filter(
        decision__in=[d.pk for d in decisions], role__in=list(roles)
    ).select_related("actor", "user")
    for entry in entries:
        by_decision[entry.decision_id][entry.role].append(_who(entry, internal_ok))
    for decision in decisions:
        decision.names = by_decision[decision.pk]  # type: ignore[attr-defined]
        decision.label = decision_label(decision)  # type: ignore[attr-defined]
    return decisions


# The register's filter fields, rendered once per process for each combination of
# what they show (issue 19: ~3 ms of the page otherwise): the language, the forums
# and neighbourhoods offered (slug and name, so a renamed forum is a new key at
# once) and the values filled in. A form with errors is rendered afresh.
FILTER_FIELDS = ("forum", "status", "responsible", "neighborhood", "overdue")
_filter_html: Kept[str] = Kept(512)


def _filter_fields(form: DecisionFilterForm) -> str:
    """The filter fields' HTML; the forum and neighbourhood options are fetched
    here (the queries rendering them would make), and are part of the key."""
    keyed = []
    for name in ("forum", "neighborhood"):
        field = form.fields[name]
        rows = [
            (field.prepare_value(row), field.label_from_instance(row))  # type: ignore[attr-defined]
            for row in field.queryset  # type: ignore[attr-defined]
        ]
        # The widget renders these, without asking the database again.
        field.widget.choices = [("", field.empty_label), *rows]  # type: ignore[attr-defined]
        keyed.append(tuple(rows))
    if form.is_bound and form.errors:
        return render_to_string("forums/_decision_filters.html", {"form": form})
    values = tuple(
        (name, tuple(form.data.getlist(name)) if form.is_bound else ())
        for name in FILTER_FIELDS
    )
    key = (get_language(), form.is_bound, *keyed, values)
    html = _filter_html.get_or_make(
        key, lambda: render_to_string("forums/_decision_filters.html", {"form": form})
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine above


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    form, decisions = _register(request)
    page = keyset_page(
        decisions.defer("rationale"), REGISTER_ORDER, request.GET, size=PAGE_SIZE
    )
    internal_ok = can_read_internal(request.user, request.municipality)
    page.object_list = _with_names(page.object_list, internal_ok)
    query = request.GET.copy()
    for name in ("after", "before", "page"):
        query.pop(name, None)
    suggestions = _suggestions(request, form)
    context = {
        "form": form,
        "filter_fields": _filter_fields(form),
        "page": page,
        "query": query.urlencode(),
        "suggestions": suggestions[:SUGGESTIONS],
        "more_suggestions": len(suggestions) > SUGGESTIONS,
    }
    return render(request, "forums/decision_list.html", context)


CSV_COLUMNS = [
    "number",
    "decided_on",
    "forum",
    "meeting",
    "agenda_item",
    "kind",
    "text",
    "rationale",
    "status",
    "due_date",
    "overdue",
    "responsible",
    "accountable",
    "consulted",
    "informed",
]


@require_GET
def decision_csv(request: HttpRequest) -> HttpResponse:
    """The register as CSV, with the register's filters.

    UTF-8 with a byte order mark and `;` as separator: that is what Excel expects
    in a German locale (where the comma is the decimal separator), and every other
    spreadsheet reads it too. Column names are stable keys (CSV_COLUMNS) so that
    scripts do not break when the interface language changes.
    """
    require(request, "core.view_municipality")
    _form, decisions = _register(request)
    decisions = decisions.select_related("agenda_item__meeting")
    internal_ok = can_read_internal(request.user, request.municipality)
    rows = _with_names(decisions, internal_ok, roles=RACI_ORDER)
    lines = (
        [
            d.label,
            d.decided_on.isoformat(),
            d.forum.name,
            d.agenda_item.meeting.title,
            d.agenda_item.title,
            d.get_kind_display(),
            d.text,
            d.rationale,
            d.get_status_display(),
            d.due_date.isoformat() if d.due_date else "",
            _("yes") if d.is_overdue else _("no"),
            *(", ".join(d.names[role]) for role in RACI_ORDER),
        ]
        for d in rows
    )
    filename = f"beschluesse-{request.municipality.slug}.csv"
    return csv_response(filename, CSV_COLUMNS, lines)


@dataclass
class HistoryEntry:
    when: Any
    who: Any
    created: bool = False
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


def _display(decision: Decision, name: str, value: Any) -> str:
    model_field = Decision._meta.get_field(name)
    choices = dict(model_field.choices or [])
    if value in choices:
        return str(choices[value])
    if value in (None, ""):
        return "–"
    return str(value)


def _field_history(decision: Decision) -> list[HistoryEntry]:
    """Who changed which field of the decision, when (simple-history)."""
    records = list(
        decision.history.select_related("history_user").order_by(
            "history_date", "history_id"
        )
    )
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            created=previous is None,
            reason=record.history_change_reason or "",
        )
        if previous is not None:
            delta = record.diff_against(
                previous, excluded_fields=["updated_at", "created_at"]
            )
            for change in delta.changes:
                label = str(Decision._meta.get_field(change.field).verbose_name)
                entry.changes.append(
                    (
                        label,
                        _display(decision, change.field, change.old),
                        _display(decision, change.field, change.new),
                    )
                )
        if entry.created or entry.changes or entry.reason:
            entries.append(entry)
        previous = record
    return entries


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_for(
        request,
        Decision.objects.select_related("forum", "agenda_item__meeting"),
        pk=pk,
    )
    internal_ok = can_read_internal(request.user, request.municipality)
    responsibilities = sorted(
        decision.responsibilities.select_related("actor", "user"),
        key=lambda r: (RACI_ORDER.index(r.role), r.pk),
    )
    can_change = request.user.has_perm("forums.change_decision", decision)
    context = {
        "decision": decision,
        "label": decision_label(decision),
        "responsibilities": [(r, _who(r, internal_ok)) for r in responsibilities],
        "status_changes": decision.status_changes.select_related("changed_by"),
        "history": _field_history(decision),
        "follow_ups": decision.follow_up_items.select_related("meeting"),
        "can_change": can_change,
        "status_form": DecisionStatusForm(initial={"new_status": decision.status})
        if can_change
        else None,
    }
    return render(request, "forums/decision_detail.html", context)


def _save_decision(request: HttpRequest, form: Any, formset: Any, **kwargs: Any) -> Any:
    """Run the service with the forms' data; errors go next to the fields."""
    data = dict(form.cleaned_data)
    try:
        return kwargs.pop("service")(
            by=request.user, responsibilities=formset.assignments(), **kwargs, **data
        )
    except ValidationError as exc:
        errors = getattr(exc, "error_dict", None)
        if errors and "responsibilities" in errors:
            formset._non_form_errors = formset.error_class(
                [m for e in errors.pop("responsibilities") for m in e.messages],
                error_class="nonform",
            )
        if errors is None or errors:
            add_service_errors(form, exc)
    return None


def decision_new(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_object_for(
        request,
        AgendaItem.objects.select_related("meeting__forum"),
        "forums.record_decision",
        pk=item_pk,
        meeting_id=pk,
    )
    meeting = item.meeting
    form = DecisionForm(
        request.POST or None,
        initial={"decided_on": timezone.localdate(meeting.starts_at)},
    )
    formset = responsibility_formset(
        request.POST or None, municipality=request.municipality, forum=meeting.forum
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        decision = _save_decision(
            request, form, formset, service=services.decision_record, agenda_item=item
        )
        if decision is not None:
            messages.success(
                request,
                _("Decision %(number)s was recorded.")
                % {"number": decision_label(decision)},
            )
            return redirect(decision)
    context = {"form": form, "formset": formset, "item": item, "meeting": meeting}
    return render(request, "forums/decision_form.html", context)


def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_for(
        request,
        Decision.objects.select_related("forum", "agenda_item__meeting"),
        "forums.change_decision",
        pk=pk,
    )
    form = DecisionForm(request.POST or None, instance=decision)
    formset = responsibility_formset(
        request.POST or None,
        municipality=request.municipality,
        forum=decision.forum,
        decision=decision,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        # A ModelForm's is_valid() already wrote the data onto the instance; the
        # service sets it again and checks it, so start from the stored row.
        decision.refresh_from_db()
        saved = _save_decision(
            request, form, formset, service=services.decision_update, decision=decision
        )
        if saved is not None:
            messages.success(request, _("The decision was saved."))
            return redirect(saved)
    context = {
        "form": form,
        "formset": formset,
        "decision": decision,
        "label": decision_label(decision),
        "item": decision.agenda_item,
        "meeting": decision.agenda_item.meeting,
    }
    return render(request, "forums/decision_form.html", context)


def decision_status(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_for(
        request,
        Decision.objects.select_related("forum"),
        "forums.change_decision",
        pk=pk,
    )
    form = DecisionStatusForm(
        request.POST or None, initial={"new_status": decision.status}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_change_status(
                by=request.user, decision=decision, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The status was changed."))
            return redirect(decision)
    context = {"form": form, "decision": decision, "label": decision_label(decision)}
    return render(request, "forums/decision_status.html", context)


# "Wer entscheidet was?" ----------------------------------------------------------

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 220, 64, 24, 56, 12


@dataclass
class Node:
    key: str
    name: str
    forum: Forum | None = None
    parent: str | None = None
    parent_name: str = ""
    # Further outside bodies the forum also recommends to (drawn as extra arrows).
    also_to: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    level: int = 0
    x: int = 0
    y: int = 0

    @property
    def lines(self) -> list[str]:
        """The name in at most two lines of about 28 characters."""
        words, lines, line = self.name.split(), [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > 28:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        if len(lines) > 2:
            lines = [lines[0], Truncator(" ".join(lines[1:])).chars(28)]
        return lines


def _outside_bodies(text: str) -> list[str]:
    """The outside bodies named in a forum's free text, one per ';' or line, with
    their spacing tidied (so the same body written twice gives one name)."""
    return [" ".join(part.split()) for part in re.split(r"[;\n]", text) if part.strip()]


def _governance(forums: list[Forum]) -> tuple[list[Node], dict[str, Any]]:
    """The forums as a tree (outside bodies at the top, then the forums that
    recommend to them or to nobody, then those that recommend to these …), and a
    layered SVG layout of that tree."""
    nodes: dict[str, Node] = {}
    for forum in forums:
        nodes[f"f{forum.pk}"] = Node(key=f"f{forum.pk}", name=forum.name, forum=forum)
    bodies: dict[str, Node] = {}
    for forum in forums:
        node = nodes[f"f{forum.pk}"]
        target = f"f{forum.recommends_to_id}" if forum.recommends_to_id else None
        if target in nodes and target != node.key:
            node.parent = target
        elif forum.recommends_to_body.strip():
            # One box per outside body: "Gemeinderat; Gesundheitskonferenz" names
            # two, and "Gemeinderat" written by two forums is the same body.
            keys = []
            for body in _outside_bodies(forum.recommends_to_body):
                key = f"b{body.casefold()}"
                bodies.setdefault(key, Node(key=key, name=body))
                if key not in keys:
                    keys.append(key)
            if keys:
                node.parent, node.also_to = keys[0], keys[1:]
    # A chain that runs in a circle has no top; its first forum becomes one.
    for node in nodes.values():
        seen, current = {node.key}, node.parent
        while current and current.startswith("f"):
            if current in seen:
                node.parent = None
                break
            seen.add(current)
            current = nodes[current].parent
    everything = {**bodies, **nodes}
    roots = []
    for node in everything.values():
        if node.parent:
            node.parent_name = "; ".join(
                everything[key].name for key in [node.parent, *node.also_to]
            )
            everything[node.parent].children.append(node)
        else:
            roots.append(node)
    levels: dict[int, list[Node]] = defaultdict(list)

    def place(node: Node, level: int) -> None:
        node.level = level
        levels[level].append(node)
        for child in node.children:
            place(child, level + 1)

    # Outside bodies on top; forums without any target start on the next row,
    # beside the forums that report to a body.
    for root in sorted(roots, key=lambda n: (not n.key.startswith("b"), n.name)):
        place(root, 0 if root.key.startswith("b") or not bodies else 1)
    width = max((len(row) for row in levels.values()), default=0)
    for level, row in levels.items():
        offset = (width - len(row)) * (BOX_W + GAP_X) // 2
        for i, node in enumerate(row):
            node.x = PAD + offset + i * (BOX_W + GAP_X)
            node.y = PAD + level * (BOX_H + GAP_Y)
    boxes = [n for row in levels.values() for n in row]
    for node in boxes:
        node.cx = node.x + BOX_W // 2  # type: ignore[attr-defined]
        lines = node.lines
        top = node.y + (20 if len(lines) == 2 else 26)
        node.rows = [(top + 17 * i, line) for i, line in enumerate(lines)]  # type: ignore[attr-defined]
        node.note_y = node.y + BOX_H - 9  # type: ignore[attr-defined]
        node.note = (  # type: ignore[attr-defined]
            node.forum.get_mandate_display() if node.forum else _("outside body")
        )
    arrows = []
    for node in boxes:
        for target_key in [node.parent, *node.also_to] if node.parent else []:
            target = everything[target_key]
            arrows.append(
                {
                    "x1": node.x + BOX_W // 2,
                    "y1": node.y,
                    "x2": target.x + BOX_W // 2,
                    "y2": target.y + BOX_H + 4,
                    "title": _("%(source)s recommends to %(target)s")
                    % {"source": node.name, "target": target.name},
                }
            )
    rows = max(levels, default=-1) + 1
    diagram = {
        "boxes": boxes,
        "arrows": arrows,
        "width": 2 * PAD + max(width * (BOX_W + GAP_X) - GAP_X, 0),
        "height": 2 * PAD + max(rows * (BOX_H + GAP_Y) - GAP_Y, 0),
        "box_w": BOX_W,
        "box_h": BOX_H,
    }
    tree = sorted(roots, key=lambda n: (not n.key.startswith("b"), n.name))
    return tree, diagram


def _matrix(request: HttpRequest) -> dict[str, Any]:
    """Actors and people (rows) × the open decisions due first (columns)."""
    decisions = list(
        Decision.objects.visible_to(request.user, request.municipality)
        .open()
        .select_related("forum")
        .defer("rationale")
        .order_by("due_date", "number")[:MATRIX_COLUMNS]
    )
    total = (
        Decision.objects.visible_to(request.user, request.municipality).open().count()
    )
    internal_ok = can_read_internal(request.user, request.municipality)
    entries = Responsibility.objects.filter(
        decision__in=[d.pk for d in decisions]
    ).select_related("actor", "user")
    cells: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    names: dict[tuple[int, int], str] = {}
    for entry in entries:
        key = (0, entry.actor_id) if entry.actor_id else (1, entry.user_id)
        names[key] = _who(entry, internal_ok)
        cell = cells[key].get(entry.decision_id, "")
        if entry.role not in cell:
            cells[key][entry.decision_id] = "".join(
                sorted(cell + entry.role, key=RACI_ORDER.index)
            )
    for d in decisions:
        d.label = decision_label(d)  # type: ignore[attr-defined]
    rows = [
        {
            "name": names[key],
            "is_actor": key[0] == 0,
            "cells": [list(cells[key].get(d.pk, "")) for d in decisions],
        }
        for key in sorted(cells, key=lambda k: (k[0], names[k].casefold(), k[1]))
    ]
    return {"decisions": decisions, "rows": rows, "total": total}


@require_GET
def who_decides(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    forums = list(
        Forum.objects.visible_to(request.user, request.municipality)
        .active()
        .order_by("name")
    )
    tree, diagram = _governance(forums)
    context = {
        "tree": tree,
        "diagram": diagram,
        "matrix": _matrix(request),
        "raci": RaciRole.choices,
    }
    return render(request, "forums/governance_who_decides.html", context)
