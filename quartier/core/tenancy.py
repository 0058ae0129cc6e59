"""Which table belongs to one municipality, and the municipality key on every row.

A state-wide host runs PostgreSQL with Citus, distributed by municipality
(docs/operations.md, "Distributed database (Citus)"). Citus needs three things from
the schema, and this module states them so that a test can hold every model to them
(core/tests/test_tenant_tables.py):

* every **tenant table** carries the distribution column, a concrete, NOT NULL
  `municipality` foreign key, so that each of its rows lives on one node;
* every unique constraint of a tenant table includes that column (a node can only
  check uniqueness within its own rows), and every foreign key between tenant tables
  joins two tables that both carry it (co-located: the composite key
  `(municipality_id, parent_id)` stays on one node);
* the **reference tables**, shared by all municipalities, are copied to every node;
  tenant tables may point to them, they never point to a tenant table.

Child rows (a support of a contribution, a vote on an application) inherit
`TenantChild`, which copies the key from the parent named in `tenant_parent`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.expressions import Col
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

# Replicated to every node (Citus `create_reference_table`): shared by all
# municipalities or needed in joins from every one of them; small and written rarely.
REFERENCE_TABLES: dict[str, str] = {
    "core.Municipality": (
        "Every tenant table points to it and the URL resolves it by slug; "
        "1,101 rows for all of Baden-Württemberg. Distributing it by its own id "
        "would make the slug lookup of every request ask every node."
    ),
    "core.HistoricalMunicipality": "The history of core.Municipality, kept with it.",
    "accounts.User": (
        "One person may belong to several municipalities (memberships), "
        "and signs in before a municipality is known."
    ),
    "accounts.User_groups": "Django's groups of a user (a user table).",
    "accounts.User_user_permissions": "Django's permissions of a user (a user table).",
    "accounts.ApiToken": (
        "A token authenticates a person before the municipality of the request is "
        "known; it is a user table."
    ),
    "account.EmailAddress": "allauth: the addresses of a user (a user table).",
    "account.EmailConfirmation": "allauth: address confirmations (a user table).",
    "mfa.Authenticator": "allauth: a user's second factor (a user table).",
    "usersessions.UserSession": "allauth: a user's sessions (a user table).",
    "auth.Group": "Django's permission groups, the same for every municipality.",
    "auth.Group_permissions": "Django's permission groups, the same for all.",
    "auth.Permission": "Django's permission names, the same for every municipality.",
    "contenttypes.ContentType": "Django's model names, the same for every node.",
    "actors.Sector": "The sectors of actors: one taxonomy shared by all.",
    "advisers.AdvisoryOrganisation": (
        "Advisory organisations work for many municipalities (state-wide)."
    ),
    "advisers.AdvisoryOrganisation_members": "The advisers of an organisation.",
    "programmes.Programme": (
        "The state-wide library of programmes (municipality empty) and the "
        "municipalities' copies, read together when a programme is chosen."
    ),
    "programmes.HistoricalProgramme": "The history of programmes.Programme.",
    "programmes.ProgrammeElement": "The elements of a programme (the library).",
    "programmes.HistoricalProgrammeElement": "The history of programme elements.",
    "support.SupportOffer": (
        "The state-wide support catalogue (municipality empty) and local offers, "
        "listed together."
    ),
    "support.OfferDeadline": "The deadlines of a support offer (the catalogue).",
    "roles.QualificationOffer": (
        "State-wide qualification offers (municipality empty) and local ones, "
        "listed together."
    ),
    "legal.LegalPage": (
        "The platform's legal pages (municipality empty) and a municipality's own, "
        "a handful each."
    ),
    "legal.HistoricalLegalPage": "The history of legal.LegalPage.",
}

# Left on the coordinator only (Citus: a local table): infrastructure that never
# joins a tenant table.
LOCAL_TABLES: dict[str, str] = {
    "sessions.Session": "Sessions; looked up by key on every request.",
    "admin.LogEntry": "Django admin's log, used by operators only.",
    "django_tasks_database.DBTaskResult": "The task queue of the db_worker.",
    "participation.UsedFormToken": (
        "Spent one-time form tokens, checked before the municipality of a post is "
        "trusted; no relation to other rows."
    ),
    "core.PlatformAuditEntry": (
        "The platform's audit log (entries without a municipality: its legal "
        "pages, the state-wide library, refusals outside any municipality): read "
        "by operators only, never joined with a tenant table; points only to "
        "accounts.User, a reference table."
    ),
}

# Tenant tables that do not meet the rules yet, each with what is missing. The test
# fails when one of them is fixed and still listed, so the list only shrinks
# (empty since session 7).
KNOWN_GAPS: dict[str, str] = {}


# While the expand migration of an app adds the column it must be nullable; the
# models say NOT NULL (the contract migration) once every row is filled.
_KEY_NULL = False


class TenantChild(models.Model):
    """A row that belongs to a parent row of one municipality (a support of a
    contribution, a vote on an application) and carries its municipality key.

    Subclasses name the parent field in `tenant_parent` (or several, tried in
    order, when one of them may be empty). The key is copied from the parent on
    every save and every `bulk_create`: Django prepares each row's relations through
    `_prepare_related_fields_for_save` in both (test_tenant_tables.py holds this).
    """

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        null=_KEY_NULL,
        verbose_name=_("municipality"),
    )

    tenant_parent: ClassVar[str | tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def _prepare_related_fields_for_save(
        self, operation_name: str, fields: Any = None
    ) -> None:
        if self.municipality_id is None:
            self.municipality_id = self.parent_municipality_id()
        super()._prepare_related_fields_for_save(  # type: ignore[misc]
            operation_name, fields=fields
        )

    def parent_municipality_id(self) -> int | None:
        parents = self.tenant_parent
        for name in (parents,) if isinstance(parents, str) else parents:
            parent = getattr(self, name, None)
            if parent is not None:
                return parent.municipality_id  # type: ignore[no-any-return]
        return None


def is_historical(model: type[models.Model]) -> bool:
    """A simple_history table (of a model or of its many-to-many field)."""
    return hasattr(model, "instance_type") or model.__name__.startswith("Historical")


def is_quartier(model: type[models.Model]) -> bool:
    return (
        model._meta.app_config is not None
        and model._meta.app_config.name.startswith("quartier.")
    )


def table_class(model: type[models.Model]) -> str:
    """'reference', 'local' or 'tenant'."""
    label = model._meta.label
    if label in REFERENCE_TABLES:
        return "reference"
    if label in LOCAL_TABLES:
        return "local"
    return "tenant"


def all_models() -> list[type[models.Model]]:
    return list(apps.get_models(include_auto_created=True))


def tenant_models() -> list[type[models.Model]]:
    return [m for m in all_models() if table_class(m) == "tenant"]


def municipality_key(model: type[models.Model]) -> models.Field[Any, Any] | None:
    """The concrete `municipality` foreign key of a model, if it has one."""
    for field in model._meta.concrete_fields:
        if field.name == "municipality" and field.is_relation:
            return field
    return None


def _target(field: Any) -> type[models.Model]:
    """The model a relation points to (resolved: the registry is ready)."""
    return field.related_model  # type: ignore[no-any-return]


def _mentions_key(names: tuple[str, ...]) -> bool:
    return any(name in ("municipality", "municipality_id") for name in names)


def _unique_sets(model: type[models.Model]) -> list[tuple[str, tuple[str, ...]]]:
    meta = model._meta
    found: list[tuple[str, tuple[str, ...]]] = []
    for field in meta.concrete_fields:
        if not field.unique or field.primary_key:
            continue
        if isinstance(field, models.OneToOneField) and (
            table_class(_target(field)) == "tenant"
        ):
            # One row per co-located parent row: the parent fixes the municipality,
            # so (municipality_id, parent_id) is the same rule; Django cannot
            # declare a one-to-one over two columns, the Citus migration widens
            # the index (docs/operations.md).
            continue
        found.append((f"field {field.name} (unique=True)", (field.name,)))
    for fields in meta.unique_together:
        found.append((f"unique_together {tuple(fields)}", tuple(fields)))
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names = tuple(constraint.fields) + tuple(
                getattr(e, "name", str(e)) for e in constraint.expressions
            )
            found.append((f"constraint {constraint.name}", names))
    return found


def violations(model: type[models.Model]) -> list[str]:
    """What keeps a model from being distributed by municipality, with the fix."""
    label = model._meta.label
    relations = [f for f in model._meta.concrete_fields if f.is_relation]
    if table_class(model) == "tenant" and not is_quartier(model):
        return [
            f"{label} (not a Quartier app) is not classified: list it in "
            "REFERENCE_TABLES or LOCAL_TABLES of quartier/core/tenancy.py"
        ]
    if table_class(model) != "tenant":
        return [
            f"{label}.{field.name} points to the tenant table "
            f"{_target(field)._meta.label}: a reference or local table must "
            "not; make the target a reference table or this one a tenant table"
            for field in relations
            if table_class(_target(field)) == "tenant"
        ]
    problems: list[str] = []
    key = municipality_key(model)
    if key is None:
        problems.append(
            f"{label} has no municipality key: inherit "
            "quartier.core.tenancy.TenantChild and name the parent field in "
            "`tenant_parent`, with migrations that add, fill and require it"
        )
    elif key.null and not is_historical(model):
        problems.append(
            f"{label}.municipality may be NULL: fill it, then make it NOT NULL"
        )
    for what, names in _unique_sets(model):
        if not _mentions_key(names):
            problems.append(
                f"{label}: {what} does not include the municipality: widen it to "
                f'UniqueConstraint(fields=["municipality", '
                f"{', '.join(repr(n) for n in names)}])"
            )
    for field in relations:
        if table_class(_target(field)) == "local":
            problems.append(
                f"{label}.{field.name} points to the local table "
                f"{_target(field)._meta.label}: tenant tables may point only "
                "to tenant or reference tables"
            )
    return problems


def all_violations() -> dict[str, list[str]]:
    """Every model's problems, by model label (models without problems omitted)."""
    found = {m._meta.label: violations(m) for m in all_models()}
    return {label: problems for label, problems in found.items() if problems}


# --- Queries carry the municipality -------------------------------------------------
# On Citus a query reaches one node only when it names the distribution column for
# every tenant table it reads; otherwise it asks every node. `unscoped_tables` finds
# the tenant tables a SELECT reads without `"<table or alias>"."municipality_id" = …`
# (or IN …) anywhere in it, in WHERE or in a JOIN's ON.

_TABLE_REF = re.compile(
    r'(?:FROM|JOIN)\s+"(?P<table>[a-z0-9_]+)"(?:\s+(?:AS\s+)?"?(?P<alias>[A-Z]+\d+)"?)?'
)


def tenant_table_names() -> frozenset[str]:
    return frozenset(
        m._meta.db_table for m in tenant_models() if municipality_key(m) is not None
    )


_KEY_OF = r'(?<![\w."])"?(?P<{0}>[A-Za-z0-9_]+)"?\."municipality_id"'
# `a.municipality_id = b.municipality_id`: a co-located join (either side scoped
# scopes the other).
_KEY_PAIR = re.compile(_KEY_OF.format("left") + r"\s*=\s*\(?" + _KEY_OF.format("right"))
# `a.municipality_id = 5`, `= %s` or `IN (…)`: a value, not another table's key.
_KEY_VALUE = re.compile(
    _KEY_OF.format("name")
    + r'\s*(?:=|IN\b)(?!\s*\(?"?[A-Za-z0-9_]+"?\."municipality_id")'
)


def unscoped_tables(sql: str, tenant_tables: frozenset[str]) -> list[str]:
    """The tenant tables a SELECT reads without a municipality condition: a value
    for its key, or its key equal to the key of a table that has one."""
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return []
    scoped = {match.group("name") for match in _KEY_VALUE.finditer(sql)}
    pairs = [(m.group("left"), m.group("right")) for m in _KEY_PAIR.finditer(sql)]
    grew = True
    while grew:
        grew = False
        for left, right in pairs:
            if (left in scoped) != (right in scoped):
                scoped.update((left, right))
                grew = True
    missing = []
    for match in _TABLE_REF.finditer(sql):
        table = match.group("table")
        if table in tenant_tables and (match.group("alias") or table) not in scoped:
            missing.append(table)
    return missing


# --- Scoping: the default managers add the municipality -----------------------------
# As citusdata's django-multitenant does: while a request of one municipality is
# handled (TenantMiddleware sets it), every manager of a tenant table, the related
# managers and the base manager that follows a foreign key add
# `municipality_id = <current>` to their queries. Switched on by the setting
# TENANT_QUERY_SCOPING (a Citus host must); the few places that read across
# municipalities on purpose say so with `across_municipalities()`.

_current: ContextVar[int | None] = ContextVar("quartier_municipality", default=None)
_across: ContextVar[bool] = ContextVar("quartier_across", default=False)


def current_municipality_id() -> int | None:
    return None if _across.get() else _current.get()


@contextmanager
def scoped_to(municipality_id: int | None) -> Iterator[None]:
    """Inside the block, tenant tables' queries are limited to one municipality."""
    token = _current.set(municipality_id)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def across_municipalities() -> Iterator[None]:
    """Inside the block, queries read every municipality (operators, state-wide)."""
    token = _across.set(True)
    try:
        yield
    finally:
        _across.reset(token)


def enter_request(municipality_id: int | None) -> None:
    """TenantMiddleware: the municipality of this request, when scoping is on."""
    on = getattr(settings, "TENANT_QUERY_SCOPING", False)
    _current.set(municipality_id if on else None)


class _ScopedManager:
    def get_queryset(self):  # type: ignore[no-untyped-def]
        queryset = super().get_queryset()  # type: ignore[misc]
        current = current_municipality_id()
        if current is not None:
            queryset = queryset.filter(municipality_id=current)
        return queryset


def _join_on_the_key(field: Any) -> Callable[[str | None, str | None], Any]:
    """`get_extra_restriction` of a foreign key between two tenant tables.

    Django adds what it returns to the ON clause of every join along the field, in
    both directions (`ForeignObjectRel` swaps the aliases), so a join reads
    `… ON child.parent_id = parent.id AND parent.municipality_id =
    child.municipality_id`: on Citus a co-located join, answered by one node.
    `alias` is the target table's alias; `None` when Django pushes a condition into
    a subquery, where the two tables are not joined."""
    declared = field.get_extra_restriction
    own_key: Any = municipality_key(field.model)
    target_key: Any = municipality_key(_target(field))

    def get_extra_restriction(alias: str | None, related_alias: str | None) -> Any:
        condition = declared(alias, related_alias)
        if condition is not None or not getattr(
            settings, "TENANT_QUERY_SCOPING", False
        ):
            return condition
        if alias is not None and related_alias is not None:
            return Exact(Col(alias, target_key), Col(related_alias, own_key))
        # A join Django turned into a subquery (`exclude()` across a multi-valued
        # relation): only one table is left in it; it gets the current value.
        if alias is not None:
            return _key_is_current(alias, own_key)
        if related_alias is not None:
            return _key_is_current(related_alias, target_key)
        return None

    return get_extra_restriction


def _key_is_current(alias: str, key: Any) -> Any:
    """`alias.municipality_id = <current>`, or None outside a municipality."""
    current = current_municipality_id()
    return None if current is None else Exact(Col(alias, key), current)


def _join_from_a_reference(rel: Any) -> Callable[[str | None, str | None], Any]:
    """`get_extra_restriction` of the reverse side of a foreign key from a tenant
    table to a reference table (`User.objects.filter(forummember__forum=…)`).

    The reference table has no key to join on: the tenant table joined to it gets
    the current municipality, as its manager would give it. `alias` is the tenant
    table in a join; in a subquery Django made of the join only the other one is
    given, and it is the tenant table."""
    declared = rel.get_extra_restriction
    key = municipality_key(rel.field.model)

    def get_extra_restriction(alias: str | None, related_alias: str | None) -> Any:
        condition = declared(alias, related_alias)
        tenant_alias = alias if alias is not None else related_alias
        if (
            condition is not None
            or tenant_alias is None
            or not getattr(settings, "TENANT_QUERY_SCOPING", False)
        ):
            return condition
        return _key_is_current(tenant_alias, key)

    return get_extra_restriction


def _foreign_keys_of_keyed_tables() -> Iterator[models.ForeignKey[Any, Any]]:
    """Every foreign key of a tenant table with the key (but the key itself: the
    municipality's own relation)."""
    for model in tenant_models():
        if municipality_key(model) is None:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.name != "municipality":
                yield field


def _scope_history(model: type[models.Model]) -> None:
    """`instance.history` makes a new manager of simple_history's class on every
    access, not one of the model's managers: its class is scoped too."""
    from simple_history.manager import HistoryDescriptor

    tracked = getattr(model, "instance_type", None)
    if tracked is None:
        return
    for klass in tracked.__mro__:
        for descriptor in vars(klass).values():
            if isinstance(descriptor, HistoryDescriptor) and (
                descriptor.model is model
                and not issubclass(descriptor.manager_class, _ScopedManager)
            ):
                cls = descriptor.manager_class
                descriptor.manager_class = type(
                    f"Scoped{cls.__name__}", (_ScopedManager, cls), {}
                )


def scope_managers() -> None:
    """Give every manager of every tenant table with the key the scoping above,
    and every join between two tenant tables the key in its ON clause."""
    if "mypy" in sys.modules:
        # django-stubs loads the apps to read the managers: it must see the
        # classes the models declare, not these subclasses made at run time.
        return
    for field in _foreign_keys_of_keyed_tables():
        # Attributes of the field objects, not subclasses: the field's
        # deconstruction (its migrations) stays what the model declares.
        target = _target(field)
        if table_class(target) == "tenant" and municipality_key(target) is not None:
            field.get_extra_restriction = _join_on_the_key(field)  # type: ignore[attr-defined]
        elif table_class(target) == "reference":
            rel = field.remote_field
            rel.get_extra_restriction = _join_from_a_reference(rel)  # type: ignore[assignment]
    for model in tenant_models():
        if municipality_key(model) is None:
            continue
        _scope_history(model)
        meta = model._meta
        for manager in {id(m): m for m in [*meta.managers, meta.base_manager]}.values():
            cls = manager.__class__
            if issubclass(cls, _ScopedManager):
                continue
            manager.__class__ = type(f"Scoped{cls.__name__}", (_ScopedManager, cls), {})
