"""The contract step of the key of the offerings' many-to-many rows: every row was
filled by 0007, and the code writes the key since 0006 (the through models inherit
TenantChild). The unique pair (service, taxonomyterm) becomes (municipality,
service, taxonomyterm) only now, when no row can escape it with an empty key."""

import django.db.models.deletion
from django.db import migrations, models

ZERO_DOWNTIME = (
    "contract: the key is filled in every row and written by the code since "
    "the expand migration; roll out the code before this migration"
)


def key():
    return models.ForeignKey(
        editable=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="core.municipality",
        verbose_name="municipality",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_explicit_through_fill"),
        ("core", "0004_municipality_sharing_by_grant"),
    ]

    operations = [
        migrations.AlterField(
            model_name="serviceterm", name="municipality", field=key()
        ),
        migrations.AlterField(
            model_name="serviceneighborhood", name="municipality", field=key()
        ),
        migrations.AlterUniqueTogether(name="serviceterm", unique_together=set()),
        migrations.AlterUniqueTogether(
            name="serviceneighborhood", unique_together=set()
        ),
        migrations.AddConstraint(
            model_name="serviceterm",
            constraint=models.UniqueConstraint(
                fields=("municipality", "service", "taxonomyterm"),
                name="directory_service_term_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="serviceneighborhood",
            constraint=models.UniqueConstraint(
                fields=("municipality", "service", "neighborhood"),
                name="directory_service_neighborhood_once",
            ),
        ),
    ]
