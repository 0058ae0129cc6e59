"""The many-to-many tables of an actor's sectors and neighbourhoods get explicit
through models (ActorSector, ActorNeighborhood) that carry the municipality key
(core/tenancy.py; docs/operations.md, "Distributed database (Citus)").

The tables stay (the same names, columns and rows): the models are declared in the
migration state only, then the key is added as a nullable column, to the through
tables and to their simple_history tables (expand). 0008 fills it from the actor,
0009 makes it NOT NULL and widens the unique pair to include it (contract).
"""

import django.db.models.deletion
from django.db import migrations, models


def key(null_history=False):
    if null_history:
        return models.ForeignKey(
            blank=True,
            db_constraint=False,
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="core.municipality",
            verbose_name="municipality",
        )
    return models.ForeignKey(
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="core.municipality",
        verbose_name="municipality",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0006_municipality_key_contract"),
        ("core", "0004_municipality_sharing_by_grant"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ActorSector",
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
                            "actor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="actors.actor",
                            ),
                        ),
                        (
                            "sector",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="actors.sector",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sector of an actor",
                        "verbose_name_plural": "sectors of actors",
                        "db_table": "actors_actor_sectors",
                        "unique_together": {("actor", "sector")},
                    },
                ),
                migrations.CreateModel(
                    name="ActorNeighborhood",
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
                            "actor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="actors.actor",
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
                        "verbose_name": "neighbourhood of an actor",
                        "verbose_name_plural": "neighbourhoods of actors",
                        "db_table": "actors_actor_neighborhoods",
                        "unique_together": {("actor", "neighborhood")},
                    },
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="sectors",
                    field=models.ManyToManyField(
                        related_name="+",
                        through="actors.ActorSector",
                        to="actors.sector",
                        verbose_name="sectors",
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="neighborhoods",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="actors",
                        through="actors.ActorNeighborhood",
                        to="core.neighborhood",
                        verbose_name="neighbourhoods served",
                    ),
                ),
            ]
            # simple_history's copies of the two columns lose the tablespace that
            # Django's auto-created foreign keys named (the same default, no SQL).
            + [
                migrations.AlterField(
                    model_name=f"historicalactor_{table}",
                    name=name,
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=to,
                    ),
                )
                for table, name, to in [
                    ("sectors", "actor", "actors.actor"),
                    ("sectors", "sector", "actors.sector"),
                    ("neighborhoods", "actor", "actors.actor"),
                    ("neighborhoods", "neighborhood", "core.neighborhood"),
                ]
            ],
            database_operations=[],
        ),
        migrations.AddField(model_name="actorsector", name="municipality", field=key()),
        migrations.AddField(
            model_name="actorneighborhood", name="municipality", field=key()
        ),
        migrations.AddField(
            model_name="historicalactor_sectors",
            name="municipality",
            field=key(null_history=True),
        ),
        migrations.AddField(
            model_name="historicalactor_neighborhoods",
            name="municipality",
            field=key(null_history=True),
        ),
    ]
