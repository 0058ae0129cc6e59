# The platform's own audit log (core.PlatformAuditEntry): entries without a
# municipality leave core_auditentry, whose municipality key then becomes NOT NULL
# (core/tenancy.py). Expand: the new table; the code writes to it from this release.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_municipality_ags'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PlatformAuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('admin', 'administrative action'), ('denied', 'access refused')], max_length=8)),
                ('action', models.CharField(max_length=200, verbose_name='action')),
                ('target', models.CharField(blank=True, max_length=300, verbose_name='object')),
                ('path', models.CharField(blank=True, max_length=500)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='platform_audit_entries', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'platform audit entry',
                'verbose_name_plural': 'platform audit log',
                'ordering': ['-created_at', '-id'],
                'abstract': False,
            },
        ),
    ]
