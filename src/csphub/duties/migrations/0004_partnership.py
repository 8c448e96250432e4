# The duty registers' records belong to one partnership (issue 12, ADR 0008).

import django.db.models.deletion
from django.db import migrations, models

from csphub.agencies.partnership_migration import fill_partnership


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0005_isa_partnerships'),
        ('duties', '0003_dhr_svd'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='svddocument',
            name='svd_document_version_once_single_partnership',
        ),
        migrations.RemoveConstraint(
            model_name='s17areturn',
            name='s17a_return_once_per_quarter',
        ),
        migrations.AddField(
            model_name='channelcase',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='domestichomicidereview',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='preventreferral',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='s17areturn',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='s17assessment',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='scrutinyrecommendation',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddField(
            model_name='slaveryconcern',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        # Every existing record belongs to the installation's one partnership (ADR 0008); the Serious
        # Violence Duty's documents and authorities recorded with no partnership chosen too.
        migrations.RunPython(
            fill_partnership("duties", "ChannelCase", "DomesticHomicideReview", "PreventReferral", "S17AReturn", "S17Assessment", "ScrutinyRecommendation", "SlaveryConcern", "SvdDocument", "SvdAuthority"),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            model_name='channelcase',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='domestichomicidereview',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='preventreferral',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='s17areturn',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='s17assessment',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='scrutinyrecommendation',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='slaveryconcern',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='svddocument',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AlterField(
            model_name='svdauthority',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        migrations.AddConstraint(
            model_name='s17areturn',
            constraint=models.UniqueConstraint(fields=('partnership', 'agency', 'quarter_start'), name='s17a_return_once_per_quarter'),
        ),
    ]
