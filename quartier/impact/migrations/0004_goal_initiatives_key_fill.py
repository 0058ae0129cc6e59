"""Fill the municipality key of the goals' initiative rows and of their history
(one UPDATE with a subquery per table, SQLite and PostgreSQL; core/migration_fill.py)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("GoalInitiative", ("goal",)),
    ("HistoricalGoal_initiatives", ("history", "goal")),
]

fill = fill_from_parents("impact", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("impact", "0003_goal_initiatives_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
