"""Explicit through models (StoryInitiative, StoryMeeting) that carry the municipality key
(core/tenancy.py): the expand step.

The tables Django had created for the fields stay, with their rows and their two
columns; only the migration state learns the models (SeparateDatabaseAndState).
The key is added as a nullable column; 0006 fills it from the story, 0007 makes
it NOT NULL and swaps the unique pair for (municipality, …).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("stories", "0004_municipality_key_contract"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StoryInitiative",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "story",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="stories.story",
                            ),
                        ),
                        (
                            "initiative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="initiatives.initiative",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "initiative",
                        "verbose_name_plural": "initiatives",
                        "db_table": "stories_story_initiatives",
                        # The unique pair of the table Django created.
                        "unique_together": {("story", "initiative")},
                    },
                ),
                migrations.AlterField(
                    model_name="story",
                    name="initiatives",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="stories",
                        through="stories.StoryInitiative",
                        to="initiatives.initiative",
                        verbose_name="initiatives",
                    ),
                ),
                migrations.CreateModel(
                    name="StoryMeeting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "story",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="stories.story",
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="forums.meeting",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "meeting",
                        "verbose_name_plural": "meetings",
                        "db_table": "stories_story_meetings",
                        # The unique pair of the table Django created.
                        "unique_together": {("story", "meeting")},
                    },
                ),
                migrations.AlterField(
                    model_name="story",
                    name="meetings",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="stories",
                        through="stories.StoryMeeting",
                        to="forums.meeting",
                        verbose_name="meetings",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="storyinitiative",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="storymeeting",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
    ]
