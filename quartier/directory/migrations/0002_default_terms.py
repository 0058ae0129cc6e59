"""Default taxonomy terms (topics, target groups, Dahlgren–Whitehead layers) for every
existing municipality; new municipalities get them from a post_save signal (apps.py)."""

from django.db import migrations


def create(apps, schema_editor):
    from quartier.directory.defaults import ensure_default_terms

    Municipality = apps.get_model("core", "Municipality")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for municipality in Municipality.objects.all():
        ensure_default_terms(municipality, TaxonomyTerm)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
