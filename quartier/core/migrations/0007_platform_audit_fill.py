"""Fill: audit entries without a municipality move to core.PlatformAuditEntry
(one INSERT … SELECT and one DELETE; docs/operations.md, "Upgrades")."""

from django.db import migrations

from quartier.core.migration_fill import move_platform_audit_entries


class Migration(migrations.Migration):
    dependencies = [("core", "0006_platform_audit_expand")]

    operations = [
        migrations.RunPython(
            move_platform_audit_entries, migrations.RunPython.noop, elidable=True
        )
    ]
