"""The demo loader: idempotent, and the publication page shows figures computed from it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.casereviews import rules
from csphub.casereviews.demo import load_demo
from csphub.casereviews.models import Application, ThresholdDecisionRecord

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_published(world: Any, client: Any) -> None:
    load_demo(rng_seed=2026)
    applications = Application.objects.count()
    events = AuditEvent.objects.count()
    assert applications >= 5
    load_demo(rng_seed=2026)
    assert Application.objects.count() == applications
    assert AuditEvent.objects.count() == events
    # Decisions come from linked incidents under the configured, versioned rules.
    assert ThresholdDecisionRecord.objects.filter(rule_version="derbyshire-2018").exists()
    last_year = rules.ReportingYear(rules.ReportingYear.containing(timezone.localdate()).start_year - 1)
    page = client.get(
        reverse("casereviews:publication", kwargs={"area": "amber-valley", "year": last_year.slug})
    )
    assert page.status_code == 200
    figures = page.context["pub"].figures
    assert (
        figures.applications
        == Application.objects.filter(received_on__range=(last_year.start, last_year.end)).count()
    )
    assert figures.applications > 0
