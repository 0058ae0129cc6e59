"""Fill the municipality key of the stories' initiative and meeting rows from their story
(one UPDATE with a subquery per table, SQLite and PostgreSQL; core/migration_fill.py)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("StoryInitiative", ("story",)),
    ("StoryMeeting", ("story",)),
]

fill = fill_from_parents("stories", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("stories", "0005_story_links_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
