"""The record of processing activities (UK GDPR Art 30(1)): every installed app whose models hold
personal data has a declared activity with every Art 30(1) column filled; the CSV and HTML exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from csphub.governance import ropa

# Apps of the platform core whose records are covered by another app's entry or hold only staff data.
COVERED_ELSEWHERE = {"agencies", "accounts", "audit", "core", "frontend", "api", "ops"}


def _holds_personal_data(config: Any) -> bool:
    return any(
        getattr(model, "PERSONAL_DATA", None) or getattr(model, "SPECIAL_CATEGORY_DATA", None)
        for model in config.get_models()
    )


def test_art_30_every_app_with_personal_data_has_an_activity() -> None:
    declared = {a.app for a in ropa.ACTIVITIES}
    missing = [
        c.label
        for c in apps.get_app_configs()
        if c.name.startswith("csphub.") and c.label not in COVERED_ELSEWHERE and _holds_personal_data(c)
    ]
    assert not [label for label in missing if label not in declared]


def test_art_30_1_every_column_is_filled() -> None:
    for activity in ropa.ACTIVITIES:
        for name, _label in ropa.COLUMNS:
            assert getattr(activity, name).strip(), (activity.app, name)


@pytest.mark.django_db
def test_ropa_csv_and_html(client_as: Any) -> None:
    http = client_as("avbc_partnership_coordinator")
    response = http.get("/data-protection/processing.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Controller" and "Lawful basis" in rows[0]
    from csphub.agencies.models import InformationSharingAgreement

    in_force = [
        a for a in InformationSharingAgreement.objects.filter(parties__slug="avbc") if a.is_in_force()
    ]
    assert in_force, "the demo's agreements with the council are in force"
    assert len(rows) == 1 + len(ropa.activities({c.label for c in apps.get_app_configs()})) + len(in_force)
    page = http.get("/data-protection/processing/").content.decode()
    assert "Record of processing activities" in page and "Art 6(1)(e)" in page


@pytest.mark.django_db
def test_art_30_the_agreements_lawful_bases_are_in_the_ropa(client_as: Any, world: Any) -> None:
    """Issue 15 item 5: each agreement in force that the controller is a party to is an activity with
    the agreement's own lawful basis, conditions and parties; an agreement between other agencies, or
    one that has lapsed, is not."""
    import datetime as dt

    from csphub.agencies.models import InformationSharingAgreement

    others = InformationSharingAgreement.objects.create(
        reference="PF-ONLY-1", name="Police and fire only", purpose="Arson", lawful_basis="6_1_e",
        start_date=dt.date(2026, 1, 1), review_date=dt.date(2099, 1, 1),
    )  # fmt: skip
    others.parties.set([world.agencies["police"], world.agencies["fire"]])
    lapsed = InformationSharingAgreement.objects.create(
        reference="AV-LAPSED-1", name="Lapsed", purpose="Old", lawful_basis="6_1_e",
        start_date=dt.date(2020, 1, 1), review_date=dt.date(2021, 1, 1),
    )  # fmt: skip
    lapsed.parties.set([world.agencies["avbc"], world.agencies["police"]])
    http = client_as("avbc_partnership_coordinator")
    rows = list(csv.reader(io.StringIO(http.get("/data-protection/processing.csv").content.decode())))
    header = rows[0]
    sharing = {r[header.index("Processing activity")]: r for r in rows[1:] if "Sharing under" in r[2]}
    names = " | ".join(sharing)
    assert "AV-ISA-ASB-01" in names and "PF-ONLY-1" not in names and "AV-LAPSED-1" not in names
    asb = next(r for n, r in sharing.items() if "AV-ISA-ASB-01" in n)
    assert asb[header.index("Lawful basis")].startswith("Art 6(1)")
    assert "Amber Valley Borough Council" in asb[header.index("Recipients")]


DPIA_DIR = Path(__file__).resolve().parents[2] / "docs" / "dpia"


@pytest.mark.parametrize("app", sorted({a.app for a in ropa.ACTIVITIES}))
def test_art_35_every_app_in_the_record_of_processing_has_a_dpia_checklist(app: str) -> None:
    """Issue #15: 'a DPIA checklist per app kept in docs' - one for each processing activity."""
    checklist = DPIA_DIR / f"{app}.md"
    assert checklist.exists(), f"No DPIA checklist {checklist.relative_to(DPIA_DIR.parents[1])}"
    text = checklist.read_text(encoding="utf-8")
    assert f"(`{app}`)" in text.splitlines()[0]
    for section in ("## 1. Processing", "## 2. Screening", "## 4. Risks and measures", "## 6. Sign-off"):
        assert section in text, (app, section)


@pytest.mark.django_db
def test_art_30_the_duty_registers_entry_names_every_register_it_holds(client_as: Any) -> None:
    """The duties app holds three registers with personal data (the retention schedule's compartment
    record types): the entry's name, purpose, subjects and retention each cover all three, the
    Domestic Homicide Reviews (DVCVA 2004 s.9) and their new name (Domestic Abuse Related Death
    Reviews, VPA 2024 s.19) included; the page and the CSV show the name."""
    from csphub.duties.models import DomesticHomicideReview, PreventReferral, SlaveryConcern
    from csphub.governance.selectors import COMPARTMENT_RECORD_TYPES

    assert set(COMPARTMENT_RECORD_TYPES) == {"slavery_concern", "prevent_referral", "dhr"}
    assert all(m.PERSONAL_DATA for m in (SlaveryConcern, PreventReferral, DomesticHomicideReview))
    duties = next(a for a in ropa.ACTIVITIES if a.app == "duties")
    for register in ("modern slavery", "prevent", "channel", "domestic homicide review"):
        assert register in duties.name.lower(), register
    assert "domestic abuse related death reviews" in duties.name.lower()
    assert "2004 s.9" in duties.purpose and "2024 s.19" in duties.purpose
    assert "Domestic Homicide Review" in duties.subjects and "Domestic Homicide Review" in duties.retention
    http = client_as("avbc_partnership_coordinator")
    page = http.get("/data-protection/processing/").content.decode()
    assert "Domestic Homicide Reviews and Domestic Abuse Related Death Reviews" in page
    rows = list(csv.reader(io.StringIO(http.get("/data-protection/processing.csv").content.decode())))
    assert any(duties.name in row for row in rows)
