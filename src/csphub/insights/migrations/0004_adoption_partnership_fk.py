# An adoption names its partnership by key, not by name (issue 12, ADR 0008).

import django.db.models.deletion
from django.db import migrations, models

from csphub.agencies.partnership_migration import installation_partnership


def name_to_partnership(apps, schema_editor):
    Adoption = apps.get_model("insights", "AssessmentAdoption")
    Partnership = apps.get_model("agencies", "Partnership")
    by_name = {}
    for adoption in Adoption.objects.all():
        name = adoption.partnership_name
        if name not in by_name:
            by_name[name] = Partnership.objects.filter(name=name).first() or installation_partnership(apps)
        adoption.partnership = by_name[name]
        adoption.save(update_fields=["partnership"])
    if by_name and schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def partnership_to_name(apps, schema_editor):
    Adoption = apps.get_model("insights", "AssessmentAdoption")
    for adoption in Adoption.objects.select_related("partnership"):
        adoption.partnership_name = adoption.partnership.name
        adoption.save(update_fields=["partnership_name"])


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0005_isa_partnerships'),
        ('insights', '0003_assessment_adoption'),
    ]

    operations = [
        migrations.RenameField(model_name='assessmentadoption', old_name='partnership', new_name='partnership_name'),
        migrations.AlterField(
            model_name='assessmentadoption',
            name='partnership_name',
            field=models.CharField(blank=True, default='', max_length=200),
        ),
        migrations.AddField(
            model_name='assessmentadoption',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assessment_adoptions', to='agencies.partnership'),
        ),
        migrations.RunPython(name_to_partnership, partnership_to_name),
        migrations.RemoveField(model_name='assessmentadoption', name='partnership_name'),
        migrations.AlterField(
            model_name='assessmentadoption',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessment_adoptions', to='agencies.partnership'),
        ),
    ]
