"""An explicit through model (GoalInitiative) that carries the municipality key
(core/tenancy.py): the expand step.

The table Django had created for the field stays, with its rows and its two
columns; only the migration state learns the model (SeparateDatabaseAndState).
The key is added as a nullable column; 0004 fills it from the goal, 0005 makes
it NOT NULL and swaps the unique pair for (municipality, …).

The goal's many-to-many history (impact_historicalgoal_initiatives) keeps its
name and gets the key as well, copied by simple_history from the through row.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("impact", "0002_unique_per_municipality"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GoalInitiative",
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
                            "goal",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="impact.goal",
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
                        "db_table": "impact_goal_initiatives",
                        # The unique pair of the table Django created.
                        "unique_together": {("goal", "initiative")},
                    },
                ),
                migrations.AlterField(
                    model_name="goal",
                    name="initiatives",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        through="impact.GoalInitiative",
                        to="initiatives.initiative",
                        verbose_name="initiatives",
                    ),
                ),
                # simple_history's copy of the through model's fields: the same
                # columns (the index tablespace it wrote out before is the default).
                migrations.AlterField(
                    model_name="historicalgoal_initiatives",
                    name="goal",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="impact.goal",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalgoal_initiatives",
                    name="initiative",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="initiatives.initiative",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="goalinitiative",
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
        # The goal's many-to-many history copies the key from the through row.
        migrations.AddField(
            model_name="historicalgoal_initiatives",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
    ]
