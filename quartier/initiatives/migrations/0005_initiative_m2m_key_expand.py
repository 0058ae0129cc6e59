"""Explicit through models (InitiativeNeighborhood, InitiativeTopic, InitiativeTargetGroup) that carry the municipality key
(core/tenancy.py): the expand step.

The tables Django had created for the fields stay, with their rows and their two
columns; only the migration state learns the models (SeparateDatabaseAndState).
The key is added as a nullable column; 0006 fills it from the initiative, 0007 makes
it NOT NULL and swaps the unique pair for (municipality, …).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("initiatives", "0004_municipality_key_contract"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="InitiativeNeighborhood",
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
                            "initiative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="initiatives.initiative",
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
                        "db_table": "initiatives_initiative_neighborhoods",
                        # The unique pair of the table Django created.
                        "unique_together": {("initiative", "neighborhood")},
                    },
                ),
                migrations.AlterField(
                    model_name="initiative",
                    name="neighborhoods",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="initiatives",
                        through="initiatives.InitiativeNeighborhood",
                        to="core.neighborhood",
                        verbose_name="neighbourhoods",
                    ),
                ),
                migrations.CreateModel(
                    name="InitiativeTopic",
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
                            "initiative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="initiatives.initiative",
                            ),
                        ),
                        (
                            "taxonomyterm",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="directory.taxonomyterm",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "topic",
                        "verbose_name_plural": "topics",
                        "db_table": "initiatives_initiative_topics",
                        # The unique pair of the table Django created.
                        "unique_together": {("initiative", "taxonomyterm")},
                    },
                ),
                migrations.AlterField(
                    model_name="initiative",
                    name="topics",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"taxonomy": "topic"},
                        related_name="+",
                        through="initiatives.InitiativeTopic",
                        to="directory.taxonomyterm",
                        verbose_name="topics",
                    ),
                ),
                migrations.CreateModel(
                    name="InitiativeTargetGroup",
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
                            "initiative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="initiatives.initiative",
                            ),
                        ),
                        (
                            "taxonomyterm",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="directory.taxonomyterm",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "target group",
                        "verbose_name_plural": "target groups",
                        "db_table": "initiatives_initiative_target_groups",
                        # The unique pair of the table Django created.
                        "unique_together": {("initiative", "taxonomyterm")},
                    },
                ),
                migrations.AlterField(
                    model_name="initiative",
                    name="target_groups",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"taxonomy": "target_group"},
                        related_name="+",
                        through="initiatives.InitiativeTargetGroup",
                        to="directory.taxonomyterm",
                        verbose_name="target groups",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="initiativeneighborhood",
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
            model_name="initiativetopic",
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
            model_name="initiativetargetgroup",
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
