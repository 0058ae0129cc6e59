"""Fill the municipality key of rooms' child rows from their parents.

One UPDATE with a subquery per table (SQLite and PostgreSQL), parents before their
children; the expand migration added the column, the contract migration makes it
NOT NULL (docs/operations.md, "Upgrades").
"""

from django.db import migrations

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("OpeningHours", ("room",)),
    ("RoomPhoto", ("room",)),
]


def fill(apps, schema_editor):
    quote = schema_editor.quote_name
    for name, parents in CHILDREN:
        model = apps.get_model("rooms", name)
        table = quote(model._meta.db_table)
        sources = []
        for parent in parents:
            field = model._meta.get_field(parent)
            target = field.related_model._meta
            sources.append(
                f"(SELECT p.municipality_id FROM {quote(target.db_table)} p "
                f"WHERE p.{quote(field.target_field.column)} = "
                f"{table}.{quote(field.column)})"
            )
        value = sources[0] if len(sources) == 1 else f"COALESCE({', '.join(sources)})"
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET municipality_id = {value} "
                "WHERE municipality_id IS NULL"
            )


class Migration(migrations.Migration):
    dependencies = [("rooms", "0003_municipality_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
