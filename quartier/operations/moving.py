"""Moving one municipality to another installation (docs/operations.md, "Moving a
municipality").

Export: starting at the municipality, the model graph is walked generically —
every row whose foreign key points at a collected row is collected too, through
chains of any length (M2M through rows included, history rows of simple_history
through their foreign keys) — until nothing new is found. Rows of *reference*
models (users, content types, taxonomies shared by all municipalities) are not
walked into; the rows that the collected ones point at are written with their
natural key. Models listed as IGNORED are never moved (the reason is beside each).
A test fails on any model that is neither reached from a municipality nor listed,
so a new model must be classified.

Import, in one transaction, after the archive's checksums and schema are checked:
references are matched by natural key (users by e-mail: an existing account is
reused and gets the memberships; a missing one is created inactive without a usable
password), every row gets a new primary key and every foreign key, every reference
by content type/kind and object id (GENERIC_IDS) and every file name is rewritten.
Files are saved through the storage (renamed when the name is taken). An audit
entry in the imported municipality records the move.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction

from quartier.core.services import record_action
from quartier.operations.archive import (
    ArchiveWriter,
    OperationRefused,
    base_manifest,
    open_archive,
    refuse_newer_schema,
)

KIND = "quartier-municipality"
ROOT = "core.Municipality"
CHUNK = 500

# The archive's folder of rows shared by all municipalities that the moved data
# points to (the advisers' library, the Land's offers); matched in the target.
SHARED_PART = "shared"


@dataclass(frozen=True)
class Reference:
    """A model shared by all municipalities: matched by `key` in the target."""

    reason: str
    key: tuple[str, ...]
    create: bool  # a missing row is created from the exported values


REFERENCE: dict[str, Reference] = {
    "accounts.User": Reference(
        "people may belong to several municipalities; matched by e-mail",
        ("email",),
        True,
    ),
    "contenttypes.ContentType": Reference(
        "created by migrate in every installation", ("app_label", "model"), False
    ),
    "auth.Permission": Reference(
        "created by migrate in every installation", ("codename", "content_type"), False
    ),
    "auth.Group": Reference("shared by the installation", ("name",), True),
    "actors.Sector": Reference(
        "taxonomy shared by all municipalities", ("code",), True
    ),
    "advisers.AdvisoryOrganisation": Reference(
        "the Land's advisory services serve all municipalities", ("name",), True
    ),
}

IGNORED: dict[str, str] = {
    "sessions.Session": "sessions end with the move; people sign in again",
    "admin.LogEntry": "Django admin's own log of the source installation",
    "django_tasks_database.DBTaskResult": "queued tasks run where they were queued",
    "account.EmailAddress": "belongs to the account, not the municipality; moved people confirm their address again",
    "account.EmailConfirmation": "pending confirmations expire",
    "mfa.Authenticator": "second factors are set up again after the password reset",
    "usersessions.UserSession": "sessions end with the move",
    "accounts.ApiToken": "revoked: a token must not work on a host its owner did not issue it for",
    "accounts.User_groups": "installation-wide rights, granted by the target's operator",
    "accounts.User_user_permissions": "installation-wide rights, granted by the target's operator",
    "auth.Group_permissions": "installation-wide rights",
    "advisers.AdvisoryOrganisation_members": "the advisory services' staff is the Land's, not the municipality's",
    "participation.UsedFormToken": "one-time form tokens of the source installation's spam guard",
    "core.PlatformAuditEntry": "the source installation's platform log, not a municipality's",
}


def _label(model: type[models.Model]) -> str:
    return model._meta.label


def _models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _fks(model: type[models.Model]) -> list[models.ForeignKey]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.many_to_one or f.one_to_one
    ]


def _walkable(model: type[models.Model]) -> bool:
    return _label(model) not in REFERENCE and _label(model) not in IGNORED


def _history_of(model: type[models.Model]) -> type[models.Model] | None:
    """The model a simple_history table records (its `id` is that model's pk)."""
    original = getattr(model, "instance_type", None)
    if original is not None and "history_id" in {f.name for f in model._meta.fields}:
        return original
    return None


def exported_models() -> set[str]:
    """Models whose rows can depend on a municipality through foreign keys: the
    export reaches them (the classification test holds every other model to
    REFERENCE or IGNORED)."""
    reached = {ROOT}
    candidates = [m for m in _models() if _walkable(m)]
    grew = True
    while grew:
        grew = False
        for model in candidates:
            original = _history_of(model)
            if _label(model) not in reached and (
                any(_label(f.related_model) in reached for f in _fks(model))
                or (original is not None and _label(original) in reached)
            ):
                reached.add(_label(model))
                grew = True
    return reached


def collect(municipality: models.Model) -> dict[str, list[Any]]:
    """The pks of every row that depends on the municipality, per model label."""
    found: dict[str, set[Any]] = {ROOT: {municipality.pk}}
    frontier: dict[str, set[Any]] = {ROOT: {municipality.pk}}
    candidates = [m for m in _models() if _walkable(m) and _label(m) != ROOT]
    while frontier:
        new: dict[str, set[Any]] = defaultdict(set)
        for model in candidates:
            label = _label(model)
            links = [(f.attname, _label(f.related_model)) for f in _fks(model)]
            original = _history_of(model)
            if original is not None:  # history rows name their object by `id`
                links.append(("id", _label(original)))
            for attname, target in links:
                pks = frontier.get(target)
                if not pks:
                    continue
                ids = list(pks)
                for start in range(0, len(ids), CHUNK):
                    rows = model._base_manager.filter(
                        **{f"{attname}__in": ids[start : start + CHUNK]}
                    ).values_list("pk", flat=True)
                    new[label].update(set(rows) - found.get(label, set()))
        frontier = {label: pks for label, pks in new.items() if pks}
        for label, pks in frontier.items():
            found.setdefault(label, set()).update(pks)
    return {label: sorted(pks, key=str) for label, pks in found.items()}


# Ids stored as text, not as foreign keys: per model, a function that tells for a
# row (a dict of attnames) which model the id belongs to and in which field it is.
GenericId = Callable[[dict[str, Any]], "tuple[type[models.Model], str] | None"]


def _initiative_link(row: dict[str, Any]) -> tuple[type[models.Model], str] | None:
    from quartier.core import object_links

    try:
        kind = object_links.kind(row["kind"])
    except KeyError:
        return None
    initiative = apps.get_model("initiatives", "Initiative")
    end = kind.target if kind.source.model is initiative else kind.source
    return end.model, "object_id"


def _text_change(row: dict[str, Any]) -> tuple[type[models.Model], str] | None:
    from quartier.core import adaptable_texts

    text = adaptable_texts.get(row["key"])
    return (text.model, "object_id") if text else None


GENERIC_IDS: dict[str, GenericId] = {
    "initiatives.InitiativeLink": _initiative_link,
    "reflections.TextChange": _text_change,
}


def _content_type_id(model: type[models.Model]) -> GenericId | None:
    """Rows that name their object by content type and object id (a
    GenericForeignKey, or the fields `content_type` and `object_id`)."""
    pairs = [
        (gfk.ct_field, gfk.fk_field)
        for gfk in model._meta.private_fields
        if hasattr(gfk, "ct_field") and hasattr(gfk, "fk_field")
    ]
    names = {f.name for f in model._meta.concrete_fields}
    if not pairs and {"content_type", "object_id"} <= names:
        pairs = [("content_type", "object_id")]
    if not pairs:
        return None
    ct_field, fk_field = pairs[0]
    attname = model._meta.get_field(ct_field).attname

    def resolve(row: dict[str, Any]) -> tuple[type[models.Model], str] | None:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.filter(pk=row[attname]).first()
        target = ct.model_class() if ct else None
        return (target, fk_field) if target is not None else None

    return resolve


AUDIT_TARGET = re.compile(r"^(\w+):(.+)$")


class _Encoder(DjangoJSONEncoder):
    """Times with their microseconds (DjangoJSONEncoder keeps milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _encode(rows: Iterable[dict[str, Any]]) -> bytes:
    # Key order kept: JSON fields (e.g. network snapshots) are shown in it.
    return json.dumps(list(rows), cls=_Encoder).encode()


def _row_dicts(model: type[models.Model], pks: list[Any]) -> list[dict[str, Any]]:
    names = [f.attname for f in model._meta.concrete_fields]
    rows: list[dict[str, Any]] = []
    for start in range(0, len(pks), CHUNK):
        rows.extend(
            model._base_manager.filter(pk__in=pks[start : start + CHUNK])
            .order_by("pk")
            .values(*names)
        )
    return rows


def export_municipality(*, slug: str, output: Path) -> dict[str, Any]:
    """Write one municipality's data and files to an archive at `output`."""
    municipality_model = apps.get_model(ROOT)
    municipality = municipality_model._base_manager.filter(slug=slug).first()
    if municipality is None:
        raise OperationRefused(f"There is no municipality with the slug {slug!r}.")
    collected = collect(municipality)
    shared = shared_rows(collected)
    writer = ArchiveWriter(output)
    try:
        references: dict[str, set[Any]] = defaultdict(set)
        counts = {}
        files: set[str] = set()
        parts = [("data", collected), (SHARED_PART, shared)]
        for part, label, pks in [
            (part, label, found[label])
            for part, found in parts
            for label in sorted(found)
        ]:
            model = apps.get_model(label)
            rows = _row_dicts(model, pks)
            if part == "data":
                counts[label] = len(rows)
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    files.update(
                        row[field.attname] for row in rows if row[field.attname]
                    )
                elif field.is_relation and _label(field.related_model) in REFERENCE:
                    references[_label(field.related_model)].update(
                        row[field.attname]
                        for row in rows
                        if row[field.attname] is not None
                    )
            writer.add_bytes(f"{part}/{label}.json", _encode(rows))
        _add_reference_closure(references)
        for label, pks in sorted(references.items()):
            model = apps.get_model(label)
            writer.add_bytes(
                f"references/{label}.json",
                _encode(_row_dicts(model, sorted(pks, key=str))),
            )
        for name in sorted(files):
            if default_storage.exists(name):
                writer.add_storage_file(f"files/{name}", default_storage, name)
        manifest = base_manifest(KIND)
        manifest.update(
            slug=slug,
            name=municipality.name,
            municipality_pk=municipality.pk,
            rows=counts,
        )
        return writer.close(manifest)
    except BaseException:
        writer.abort()
        raise


def shared_rows(collected: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Rows of municipality-owned models that belong to no municipality (the
    advisers' shared programme library, the Land's support offers) but that
    collected rows point at: exported to be matched, or created, in the target."""
    shared: dict[str, set[Any]] = defaultdict(set)
    frontier = {label: set(pks) for label, pks in collected.items()}
    while frontier:
        new: dict[str, set[Any]] = defaultdict(set)
        for label, pks in frontier.items():
            model = apps.get_model(label)
            if _history_of(model) is not None:
                continue  # history points at whatever existed then
            for field in _fks(model):
                target = _label(field.related_model)
                if not _walkable(field.related_model):
                    continue
                ids = sorted(pks, key=str)
                for start in range(0, len(ids), CHUNK):
                    values = set(
                        model._base_manager.filter(pk__in=ids[start : start + CHUNK])
                        .exclude(**{f"{field.attname}__isnull": True})
                        .values_list(field.attname, flat=True)
                    )
                    known = set(collected.get(target, ())) | shared[target]
                    existing = set(
                        field.related_model._base_manager.filter(
                            pk__in=values - known
                        ).values_list("pk", flat=True)
                    )
                    new[target] |= existing
        frontier = {label: pks for label, pks in new.items() if pks}
        for label, pks in frontier.items():
            shared[label] |= pks
    return {label: sorted(pks, key=str) for label, pks in shared.items() if pks}


def _add_reference_closure(references: dict[str, set[Any]]) -> None:
    """Reference rows point at other references (a permission at its content type)."""
    changed = True
    while changed:
        changed = False
        for label in list(references):
            model = apps.get_model(label)
            for field in _fks(model):
                target = _label(field.related_model)
                if target not in REFERENCE:
                    continue
                values = set(
                    model._base_manager.filter(pk__in=references[label])
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
                if not values <= references[target]:
                    references[target] |= values
                    changed = True


# --- Import -----------------------------------------------------------------------


class _Remap:
    def __init__(self) -> None:
        self.ids: dict[str, dict[Any, Any]] = defaultdict(dict)

    def key(self, value: Any) -> str:
        return str(value)

    def put(self, label: str, old: Any, new: Any) -> None:
        self.ids[label][self.key(old)] = new

    def get(self, label: str, old: Any) -> Any:
        return self.ids.get(label, {}).get(self.key(old))


def _to_python(field: models.Field, value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    if field.is_relation:
        return value
    return field.to_python(value)


def _match_references(opened, remap: _Remap) -> list[Any]:
    """Match every referenced row in the target; returns the users created."""
    created_users = []
    names = opened.members_under("references/")
    order = sorted(
        names, key=lambda n: (n != "references/contenttypes.ContentType.json", n)
    )
    for name in order:
        label = name.removeprefix("references/").removesuffix(".json")
        if label not in REFERENCE:
            raise OperationRefused(
                f"The archive refers to {label}, which is not a reference here."
            )
        spec = REFERENCE[label]
        model = apps.get_model(label)
        rows = json.loads(opened.member(name).read_bytes())
        for row in rows:
            lookup = {}
            for key in spec.key:
                field = model._meta.get_field(key)
                if field.is_relation:
                    lookup[field.attname] = remap.get(
                        _label(field.related_model), row[field.attname]
                    )
                elif key == "email":
                    lookup["email__iexact"] = row[key]
                else:
                    lookup[key] = row[key]
            existing = model._base_manager.filter(**lookup).first()
            if existing is None and not spec.create:
                raise OperationRefused(
                    f"{label} {lookup} does not exist in this installation "
                    "(is it older than the archive?)."
                )
            if existing is None:
                existing = _create_reference(model, row)
                if label == "accounts.User":
                    created_users.append(existing)
            remap.put(label, row[model._meta.pk.attname], existing.pk)
    return created_users


def _create_reference(model: type[models.Model], row: dict[str, Any]) -> models.Model:
    values = {
        f.attname: _to_python(f, row[f.attname])
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.is_relation and f.attname in row
    }
    obj = model(**values)
    if _label(model) == "accounts.User":
        # A moved person sets a password on the new host (password reset) before
        # the account works; rights of the old installation do not travel.
        obj.is_active = False
        obj.is_staff = False
        obj.is_superuser = False
        obj.last_login = None
        obj.set_unusable_password()
    obj.save()
    return obj


def _import_order(labels: list[str]) -> list[str]:
    """Models before the models that point at them, as far as cycles allow."""
    remaining = set(labels)
    order = []
    while remaining:
        ready = sorted(
            label
            for label in remaining
            if all(
                _label(f.related_model) not in remaining
                or _label(f.related_model) == label
                for f in _fks(apps.get_model(label))
            )
        )
        if not ready:  # a cycle: take the one with the fewest open dependencies
            ready = [
                min(
                    sorted(remaining),
                    key=lambda label: sum(
                        _label(f.related_model) in remaining
                        for f in _fks(apps.get_model(label))
                    ),
                )
            ]
        order.extend(ready)
        remaining -= set(ready)
    return order


class _TimestampsKept:
    """auto_now/auto_now_add would overwrite the imported times."""

    def __init__(self, labels: list[str]) -> None:
        self.fields = [
            f
            for label in labels
            for f in apps.get_model(label)._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self.saved = [(f.auto_now, f.auto_now_add) for f in self.fields]

    def __enter__(self) -> None:
        for f in self.fields:
            f.auto_now = f.auto_now_add = False

    def __exit__(self, *exc: object) -> None:
        for f, (now, add) in zip(self.fields, self.saved, strict=True):
            f.auto_now, f.auto_now_add = now, add


def import_municipality(*, archive: Path, slug: str | None = None) -> dict[str, Any]:
    """Import an exported municipality; all or nothing."""
    with open_archive(archive, KIND) as opened:
        manifest = opened.manifest
        refuse_newer_schema(manifest)
        new_slug = slug or manifest["slug"]
        municipality_model = apps.get_model(ROOT)
        if municipality_model._base_manager.filter(slug=new_slug).exists():
            raise OperationRefused(
                f"A municipality with the slug {new_slug!r} exists already here; "
                "import it under another one with --slug."
            )
        saved_files: list[str] = []
        try:
            with transaction.atomic():
                result = _import(opened, new_slug, saved_files)
        except IntegrityError as error:
            _remove_files(saved_files)
            raise OperationRefused(
                f"The data does not fit into this installation: {error}"
            ) from error
        except BaseException:
            _remove_files(saved_files)
            raise
        return {**manifest, **result}


def _remove_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _import(opened, new_slug: str, saved_files: list[str]) -> dict[str, Any]:
    remap = _Remap()
    created_users = _match_references(opened, remap)
    data = {
        name.removeprefix("data/").removesuffix(".json"): name
        for name in opened.members_under("data/")
    }
    unknown = [label for label in data if label not in {_label(m) for m in _models()}]
    if unknown:
        raise OperationRefused(
            f"The archive holds data of unknown models: {unknown[0]}."
        )
    file_names: dict[str, str] = {}
    for name in opened.members_under("files/"):
        original = name.removeprefix("files/")
        with opened.member(name).open("rb") as content:
            stored = default_storage.save(original, File(content, name=original))
        saved_files.append(stored)
        file_names[original] = stored

    _match_shared(opened, remap, file_names)
    order = _import_order(list(data))
    done: set[str] = set()
    fixups: list[tuple[type[models.Model], Any, str, str, Any]] = []
    history: list[tuple[type[models.Model], Any, str, Any]] = []
    generic: list[tuple[type[models.Model], Any, str, str, Any]] = []
    audit: list[models.Model] = []
    with _TimestampsKept(order):
        for label in order:
            model = apps.get_model(label)
            rows = json.loads(opened.member(data[label]).read_bytes())
            pk_field = model._meta.pk
            taken = (
                _taken_uuids(model, rows)
                if isinstance(pk_field, models.UUIDField)
                else set()
            )
            objs, olds, pending = [], [], []
            for row in rows:
                values, later = _rewrite_row(
                    model, row, remap, set(data) - done, file_names
                )
                if label == ROOT:
                    values["slug"] = new_slug
                if isinstance(pk_field, models.UUIDField):
                    # Kept where free: such ids are published (HSDS) to stay stable.
                    if str(values[pk_field.attname]) in taken:
                        values[pk_field.attname] = uuid.uuid4()
                else:
                    values.pop(pk_field.attname, None)
                objs.append(model(**values))
                olds.append(row[pk_field.attname])
                pending.append(later)
            created = model._base_manager.bulk_create(objs, batch_size=CHUNK)
            for obj, old, later in zip(created, olds, pending, strict=True):
                if (
                    obj.pk is None
                ):  # pragma: no cover - every supported vendor returns pks
                    raise OperationRefused("The database did not return the new ids.")
                remap.put(label, old, obj.pk)
                for attname, target, value in later:
                    fixups.append((model, obj.pk, attname, target, value))
            original = _history_of(model)
            if original is not None:
                for obj, row in zip(created, rows, strict=True):
                    history.append((model, obj.pk, _label(original), row["id"]))
            spec = GENERIC_IDS.get(label) or _content_type_id(model)
            for obj, row in zip(created, rows, strict=True):
                # Resolved with the target's content types (the row as inserted).
                found = spec({**row, **_attnames(obj)}) if spec else None
                if found:
                    generic.append(
                        (model, obj.pk, found[1], _label(found[0]), row[found[1]])
                    )
                if label == "core.AuditEntry":
                    audit.append(obj)
            done.add(label)

    for model, pk, attname, target, value in fixups:
        model._base_manager.filter(pk=pk).update(**{attname: remap.get(target, value)})
    for model, pk, target, old in history:
        new = remap.get(target, old)
        if new is not None:
            model._base_manager.filter(pk=pk).update(id=new)
    for model, pk, attname, target, old in generic:
        new = remap.get(target, old)
        if new is not None:
            model._base_manager.filter(pk=pk).update(**{attname: str(new)})

    for entry in audit:
        _audit_target(entry, remap)

    municipality = apps.get_model(ROOT)._base_manager.get(
        pk=remap.get(ROOT, opened.manifest["municipality_pk"])
    )
    record_action(
        None,
        municipality,
        "operations.import_municipality",
        f"{opened.manifest.get('name')} ({opened.manifest.get('slug')} → {new_slug})",
    )
    return {
        "municipality": municipality,
        "rows": sum(len(ids) for ids in remap.ids.values()),
        "created_users": len(created_users),
        "files": len(file_names),
    }


def _match_shared(opened, remap: _Remap, file_names: dict[str, str]) -> None:
    """Shared rows are matched by their own values, or created when missing."""
    shared = {
        name.removeprefix(f"{SHARED_PART}/").removesuffix(".json"): name
        for name in opened.members_under(f"{SHARED_PART}/")
    }
    for label in _import_order(list(shared)):
        model = apps.get_model(label)
        pk_field = model._meta.pk
        for row in json.loads(opened.member(shared[label]).read_bytes()):
            values, _ = _rewrite_row(model, row, remap, set(), file_names)
            lookup = {
                field.attname: values[field.attname]
                for field in model._meta.concrete_fields
                if not field.primary_key
                and not isinstance(field, models.JSONField | models.FileField)
            }
            existing = model._base_manager.filter(**lookup).first()
            if existing is None:
                if not isinstance(pk_field, models.UUIDField) or _taken_uuids(
                    model, [row]
                ):
                    values.pop(pk_field.attname, None)
                with _TimestampsKept([label]):
                    (existing,) = model._base_manager.bulk_create([model(**values)])
            remap.put(label, row[pk_field.attname], existing.pk)


def _attnames(obj: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _taken_uuids(model: type[models.Model], rows: list[dict[str, Any]]) -> set[str]:
    ids = [row[model._meta.pk.attname] for row in rows]
    taken: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        taken.update(
            str(pk)
            for pk in model._base_manager.filter(
                pk__in=ids[start : start + CHUNK]
            ).values_list("pk", flat=True)
        )
    return taken


def _rewrite_row(
    model: type[models.Model],
    row: dict[str, Any],
    remap: _Remap,
    pending: set[str],
    file_names: dict[str, str],
) -> tuple[dict[str, Any], list[tuple[str, str, Any]]]:
    values: dict[str, Any] = {}
    later: list[tuple[str, str, Any]] = []
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        if field.is_relation and value is not None:
            target = _label(field.related_model)
            new = remap.get(target, value)
            if new is None and target in pending:
                # Inserted later (a cycle): a placeholder until the fix-up pass;
                # foreign keys are checked at commit.
                later.append((field.attname, target, value))
                new = None if field.null else value
            elif new is None and not field.null:
                raise OperationRefused(
                    f"{_label(model)}.{field.name} points at {target} {value}, "
                    "which the archive does not hold."
                )
            values[field.attname] = new
        elif isinstance(field, models.FileField) and value:
            values[field.attname] = file_names.get(value, value)
        else:
            values[field.attname] = _to_python(field, value)
    return values, later


def _audit_target(entry: models.Model, remap: _Remap) -> None:
    """Audit entries name their object as `ClassName:pk`: the new pk, when the
    class name is unambiguous among the moved models."""
    match = AUDIT_TARGET.match(getattr(entry, "target", "") or "")
    if not match:
        return
    labels = [label for label in remap.ids if label.rsplit(".", 1)[1] == match[1]]
    if len(labels) == 1:
        new = remap.get(labels[0], match[2])
        if new is not None:
            type(entry)._base_manager.filter(pk=entry.pk).update(
                target=f"{match[1]}:{new}"
            )
