"""The contract step of the key of the actors' many-to-many rows: every row was
filled by 0008, and the code writes the key since 0007 (the through models inherit
TenantChild). The unique pair (actor, sector) becomes (municipality, actor, sector)
only now, when no row can escape it with an empty key."""

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
        ("actors", "0008_explicit_through_fill"),
        ("core", "0004_municipality_sharing_by_grant"),
    ]

    operations = [
        migrations.AlterField(
            model_name="actorsector", name="municipality", field=key()
        ),
        migrations.AlterField(
            model_name="actorneighborhood", name="municipality", field=key()
        ),
        migrations.AlterUniqueTogether(name="actorsector", unique_together=set()),
        migrations.AlterUniqueTogether(name="actorneighborhood", unique_together=set()),
        migrations.AddConstraint(
            model_name="actorsector",
            constraint=models.UniqueConstraint(
                fields=("municipality", "actor", "sector"),
                name="actors_actor_sector_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="actorneighborhood",
            constraint=models.UniqueConstraint(
                fields=("municipality", "actor", "neighborhood"),
                name="actors_actor_neighborhood_once",
            ),
        ),
    ]
