# Priority-setting sessions and problem-solving plans belong to the partnership they were made in
# (issue 12, ADR 0008): one partnership's scoring or hot-spot work is not another's.
import django.db.models.deletion
from django.db import migrations, models

from csphub.agencies.partnership_migration import fill_partnership


class Migration(migrations.Migration):
    dependencies = [
        ('agencies', '0005_isa_partnerships'),
        ('planning', '0005_plan_structure_pages'),
    ]

    operations = [
        migrations.AddField(
            model_name='scoringsession',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='problemsolvingplan',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        # Every existing record belongs to the installation's one partnership (ADR 0008).
        migrations.RunPython(
            fill_partnership("planning", "ScoringSession", "ProblemSolvingPlan"), migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name='scoringsession',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='problemsolvingplan',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
    ]
