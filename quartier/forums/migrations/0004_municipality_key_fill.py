"""Fill the municipality key of forums' child rows from their parents.

One UPDATE with a subquery per table (SQLite and PostgreSQL), parents before their
children; the expand migration added the column, the contract migration makes it
NOT NULL (docs/operations.md, "Upgrades").
"""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("ForumMember", ("forum",)),
    ("DecisionStatusChange", ("decision",)),
    ("Responsibility", ("decision",)),
    ("NotificationPreference", ("forum",)),
    ("PendingNotification", ("forum",)),
]


fill = fill_from_parents("forums", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_municipality_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
