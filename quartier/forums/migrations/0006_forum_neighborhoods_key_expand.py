"""Forum.neighborhoods gets an explicit through model that carries the municipality
key (core/tenancy.py): the expand step.

The table Django had created for the field stays, with its rows and its two columns;
only the migration state learns the model (SeparateDatabaseAndState). The key is added
as a nullable column; 0007 fills it from the forum, 0008 makes it NOT NULL and swaps
the unique pair for (municipality, forum, neighborhood).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("forums", "0005_municipality_key_contract"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ForumNeighborhood",
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
                            "forum",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="forums.forum",
                            ),
                        ),
                        (
                            "neighborhood",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="core.neighborhood",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "neighbourhood",
                        "verbose_name_plural": "neighbourhoods",
                        "db_table": "forums_forum_neighborhoods",
                        # The unique pair of the table Django created.
                        "unique_together": {("forum", "neighborhood")},
                    },
                ),
                migrations.AlterField(
                    model_name="forum",
                    name="neighborhoods",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="forums",
                        through="forums.ForumNeighborhood",
                        to="core.neighborhood",
                        verbose_name="neighbourhoods",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="forumneighborhood",
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
