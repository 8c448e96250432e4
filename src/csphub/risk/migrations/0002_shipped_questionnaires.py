"""Install the shipped questionnaires (ASB victim v1, SafeLives DASH v1) as data."""

from django.db import migrations


def install(apps, schema_editor):
    from csphub.risk.rules import SHIPPED_QUESTIONNAIRES

    Questionnaire = apps.get_model("risk", "Questionnaire")
    Question = apps.get_model("risk", "Question")
    for spec in SHIPPED_QUESTIONNAIRES:
        q, created = Questionnaire.objects.get_or_create(
            code=spec.code,
            version=spec.version,
            defaults={
                "title": spec.title,
                "kind": spec.kind.value,
                "description": spec.description,
                "effective_from": spec.effective_from,
                "medium_from": spec.medium_from,
                "high_from": spec.high_from,
                "indicator_min_band": spec.indicator_min_band.value,
            },
        )
        if created:
            for n, question in enumerate(spec.questions, start=1):
                Question.objects.create(
                    questionnaire=q, order=n, code=question.code, text=question.text,
                    help_text=question.help_text, weight=question.weight,
                    high_risk_indicator=question.high_risk_indicator,
                )


class Migration(migrations.Migration):
    dependencies = [("risk", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
