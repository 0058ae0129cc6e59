"""Fill the municipality key of compass' child rows from their parents.

One UPDATE with a subquery per table (SQLite and PostgreSQL), parents before their
children; the expand migration added the column, the contract migration makes it
NOT NULL (docs/operations.md, "Upgrades").
"""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("Position", ("assessment",)),
]


fill = fill_from_parents("compass", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("compass", "0003_municipality_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
