"""The many-to-many tables of an offering's terms and neighbourhoods get explicit
through models (ServiceTerm, ServiceNeighborhood) that carry the municipality key
(core/tenancy.py; docs/operations.md, "Distributed database (Citus)").

The tables stay (the same names, columns and rows): the models are declared in the
migration state only, then the key is added as a nullable column, to the through
tables and to their simple_history tables (expand). 0007 fills it from the offering,
0008 makes it NOT NULL and widens the unique pair to include it (contract).
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
        ("directory", "0005_municipality_key_contract"),
        ("core", "0004_municipality_sharing_by_grant"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ServiceTerm",
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
                            "service",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="directory.service",
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
                        "verbose_name": "term of an offering",
                        "verbose_name_plural": "terms of offerings",
                        "db_table": "directory_service_terms",
                        "unique_together": {("service", "taxonomyterm")},
                    },
                ),
                migrations.CreateModel(
                    name="ServiceNeighborhood",
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
                            "service",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="directory.service",
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
                        "verbose_name": "neighbourhood of an offering",
                        "verbose_name_plural": "neighbourhoods of offerings",
                        "db_table": "directory_service_neighborhoods",
                        "unique_together": {("service", "neighborhood")},
                    },
                ),
                migrations.AlterField(
                    model_name="service",
                    name="terms",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="services",
                        through="directory.ServiceTerm",
                        to="directory.taxonomyterm",
                        verbose_name="topics and target groups",
                    ),
                ),
                migrations.AlterField(
                    model_name="service",
                    name="neighborhoods",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="directory_services",
                        through="directory.ServiceNeighborhood",
                        to="core.neighborhood",
                        verbose_name="neighbourhoods served",
                    ),
                ),
            ]
            # simple_history's copies of the two columns lose the tablespace that
            # Django's auto-created foreign keys named (the same default, no SQL).
            + [
                migrations.AlterField(
                    model_name=f"historicalservice_{table}",
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
                    ("terms", "service", "directory.service"),
                    ("terms", "taxonomyterm", "directory.taxonomyterm"),
                    ("neighborhoods", "service", "directory.service"),
                    ("neighborhoods", "neighborhood", "core.neighborhood"),
                ]
            ],
            database_operations=[],
        ),
        migrations.AddField(model_name="serviceterm", name="municipality", field=key()),
        migrations.AddField(
            model_name="serviceneighborhood", name="municipality", field=key()
        ),
        migrations.AddField(
            model_name="historicalservice_terms",
            name="municipality",
            field=key(null_history=True),
        ),
        migrations.AddField(
            model_name="historicalservice_neighborhoods",
            name="municipality",
            field=key(null_history=True),
        ),
    ]
