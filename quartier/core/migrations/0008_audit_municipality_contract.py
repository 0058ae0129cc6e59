# The contract step of the platform's audit log (docs/operations.md, "Upgrades"):
# core_auditentry's municipality key becomes NOT NULL. Entries without one that the
# previous release's code wrote after the fill migration are moved first, in the
# same transaction, so none is lost and none blocks the change.

import django.db.models.deletion
from django.db import migrations, models

from quartier.core.migration_fill import move_platform_audit_entries

ZERO_DOWNTIME = (
    "contract: since the expand migration the code writes entries without a "
    "municipality to core_platformauditentry; the rows the previous release wrote "
    "meanwhile are moved first; roll out the code before this migration"
)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_platform_audit_fill'),
    ]

    operations = [
        migrations.RunPython(
            move_platform_audit_entries, migrations.RunPython.noop, elidable=True
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='municipality',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality'),
        ),
    ]
