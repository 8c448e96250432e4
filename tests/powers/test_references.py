"""New-user review, point 33: every power's reference is a short prefix and five digits
("CN-00016", like "CPW-00015"), and a reference in the old long form is still found."""

from __future__ import annotations

import re

import pytest

from csphub.audit.records import record_for_reference
from csphub.powers.models import PowerUse
from csphub.powers.rules import POWER_REFERENCE_PREFIXES, Power


@pytest.mark.parametrize(
    ("power", "shown"),
    [(Power.CLOSURE_NOTICE, "CN-00016"), (Power.CPW, "CPW-00016"), (Power.DISPERSAL_DIRECTION, "DD-00016")],
)
def test_references_are_short_prefixes(power: Power, shown: str) -> None:
    assert PowerUse(pk=16, power=power).reference == shown


def test_every_power_has_a_short_prefix_of_its_own() -> None:
    prefixes = [POWER_REFERENCE_PREFIXES[p] for p in Power]
    assert len(set(prefixes)) == len(prefixes)
    assert all(re.fullmatch(r"[A-Z]{2,4}", prefix) for prefix in prefixes)


@pytest.mark.parametrize("typed", ["CN-00016", "cn-16", "CLOSURE-NOTICE-00016", "CPW-00016", "AG-00016"])
def test_a_reference_typed_into_the_audit_search_finds_the_power(typed: str) -> None:
    assert record_for_reference(typed) == (PowerUse, 16)
