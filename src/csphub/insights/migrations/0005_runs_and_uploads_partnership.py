# Strategic Assessment runs and police.uk uploads belong to a partnership (issue 12 item 4): a run's
# report lists its partnership's own data sources, a partnership adopts only a run of its own area,
# and an upload list shows only the partnership's own uploads.
import django.db.models.deletion
from django.db import migrations, models

from csphub.agencies.partnership_migration import installation_partnership


def _key(text):
    return " ".join("".join(c if c.isalnum() else " " for c in (text or "").casefold()).split())


def fill(apps, schema_editor):
    """A run belongs to the partnership whose area (or code, or name) is the run's area; else, as
    every record made before partnerships, to the installation's partnership. An upload to the
    installation's partnership."""
    Run = apps.get_model("insights", "AssessmentRun")
    Upload = apps.get_model("insights", "DataUpload")
    Partnership = apps.get_model("agencies", "Partnership")
    if not Run.objects.exists() and not Upload.objects.exists():
        return
    by_area = {}
    for p in Partnership.objects.order_by("kind", "pk"):
        for text in (p.area, p.code, p.name):
            if text:
                by_area.setdefault(_key(text), p)
    fallback = None
    for run in Run.objects.filter(partnership__isnull=True):
        found = by_area.get(_key(run.area_query)) or by_area.get(_key(run.area_name))
        if found is None:
            fallback = fallback or installation_partnership(apps)
            found = fallback
        run.partnership = found
        run.save(update_fields=["partnership"])
    if Upload.objects.filter(partnership__isnull=True).exists():
        Upload.objects.filter(partnership__isnull=True).update(
            partnership=fallback or installation_partnership(apps)
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0006_partnership_public_pages"),
        ("insights", "0004_adoption_partnership_fk"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="assessmentrun", name="assessment_run_unique"),
        migrations.AddField(
            model_name="assessmentrun",
            name="partnership",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assessment_runs",
                to="agencies.partnership",
            ),
        ),
        migrations.AddField(
            model_name="dataupload",
            name="partnership",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="agencies.partnership"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assessmentrun",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assessment_runs",
                to="agencies.partnership",
            ),
        ),
        migrations.AlterField(
            model_name="dataupload",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="agencies.partnership"
            ),
        ),
        migrations.AddConstraint(
            model_name="assessmentrun",
            constraint=models.UniqueConstraint(
                fields=("partnership", "area_query", "date_from", "date_to"), name="assessment_run_unique"
            ),
        ),
    ]
