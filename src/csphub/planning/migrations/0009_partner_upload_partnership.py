# A partner's upload of counts belongs to the partnership it was loaded in (issue 13 item 1): the
# list of files shows only the partnership's own (a county board's: its districts').
import django.db.models.deletion
from django.db import migrations, models

from csphub.agencies.partnership_migration import fill_partnership


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0006_partnership_public_pages"),
        ("planning", "0008_measure_rate_and_service_levels"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnerdataupload",
            name="partnership",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="agencies.partnership"
            ),
        ),
        migrations.RunPython(fill_partnership("planning", "PartnerDataUpload"), migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partnerdataupload",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="agencies.partnership"
            ),
        ),
    ]
