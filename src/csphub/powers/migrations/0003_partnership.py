# Records carry the partnership they belong to (issue 12, ADR 0008).

import django.db.models.deletion
from django.db import migrations, models

from csphub.agencies.partnership_migration import fill_partnership


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0005_isa_partnerships'),
        ('powers', '0002_fpn_label'),
    ]

    operations = [
        migrations.AddField(
            model_name='poweruse',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
        # Every existing record belongs to the installation's one partnership (ADR 0008).
        migrations.RunPython(fill_partnership("powers", "PowerUse"), migrations.RunPython.noop),
        migrations.AlterField(
            model_name='poweruse',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.partnership'),
        ),
    ]
