"""Fill the municipality key of the initiatives' neighbourhood, topic and target group rows from their initiative
(one UPDATE with a subquery per table, SQLite and PostgreSQL; core/migration_fill.py)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("InitiativeNeighborhood", ("initiative",)),
    ("InitiativeTopic", ("initiative",)),
    ("InitiativeTargetGroup", ("initiative",)),
]

fill = fill_from_parents("initiatives", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_initiative_m2m_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
