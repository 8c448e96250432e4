"""The duty registers' demo data loads and a second run changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_duties_demo_is_idempotent(world: Any) -> None:
    from csphub.cases.demo import load_demo as cases_demo
    from csphub.duties.demo import load_demo
    from csphub.duties.models import ChannelCase, CompartmentMember, PreventReferral, SlaveryConcern

    cases_demo()
    load_demo()
    counts = [m.objects.count() for m in (CompartmentMember, SlaveryConcern, PreventReferral, ChannelCase)]
    assert counts[0] == 7 and counts[2] == 1 and counts[3] == 1
    from csphub.duties.models import DomesticHomicideReview, SvdAuthority, SvdDocument

    dhr_counts = [m.objects.count() for m in (DomesticHomicideReview, SvdDocument, SvdAuthority)]
    assert dhr_counts == [1, 2, 6]
    load_demo()
    assert [m.objects.count() for m in (DomesticHomicideReview, SvdDocument, SvdAuthority)] == dhr_counts
    assert [
        m.objects.count() for m in (CompartmentMember, SlaveryConcern, PreventReferral, ChannelCase)
    ] == counts
