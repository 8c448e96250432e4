"""Data subjects' requests against a seeded database: the subject access search finds every record the
controller agency holds about the subject and nothing of anyone else (checked by an independent
query); decisions, redaction and exemptions (DPA 2018 Sch 2/3, s.45(4)); the bundle and the
disclosure log (UK GDPR Art 15); rectification (Art 16) and erasure (Art 17) applied through the
services, erasure refused under legal hold; every step audited."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.governance import services
from csphub.governance.models import Disclosure, RequestKind, Tombstone
from csphub.people.models import Person

pytestmark = pytest.mark.django_db


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@pytest.fixture
def seed(world: Any, persona: Any) -> Any:
    from csphub.cases.services import case_open, incident_record, note_add
    from csphub.people.services import person_create

    caseworker = persona("avbc_caseworker")
    subject = person_create(actor=caseworker, given_name="Alex", family_name="Subject-Person")
    neighbour = person_create(actor=caseworker, given_name="Jo", family_name="Other-Neighbour")

    def incident(by: Any, parties: list[tuple[Any, str]], text: str) -> Any:
        return incident_record(
            actor=by,
            occurred_at=_aware(dt.date(2026, 6, 1)),
            reported_at=_aware(dt.date(2026, 6, 1)),
            channel="phone",
            asb_type="personal",
            category="noise",
            description=text,
            location_description="Example Street, Ripley",
            parties=parties,
        )

    shared = incident(
        caseworker, [(subject, "victim"), (neighbour, "alleged_perpetrator")], "Shouting next door"
    )
    only_neighbour = incident(caseworker, [(neighbour, "victim")], "Neighbour's own complaint")
    case = case_open(actor=caseworker, incidents=[shared], summary="Noise from next door")
    note_add(actor=caseworker, case=case, text="Called Alex back about the noise")
    other_case = case_open(actor=caseworker, incidents=[only_neighbour], summary="Neighbour's case")
    police = persona("police_caseworker")
    police_person = person_create(actor=police, given_name="Alex", family_name="Subject-Person")
    police_incident = incident(police, [(police_person, "victim")], "Police record of the same person")

    class Seed:
        pass

    Seed.subject, Seed.neighbour, Seed.case, Seed.other_case = subject, neighbour, case, other_case
    Seed.shared, Seed.only_neighbour, Seed.police_incident = shared, only_neighbour, police_incident
    Seed.handler = persona("avbc_team_manager")
    return Seed


def _receive(seed: Any, kind: str = RequestKind.ACCESS, **extra: Any) -> Any:
    return services.rights_request_receive(
        actor=seed.handler,
        kind=kind,
        regime="uk_gdpr",
        requester_name="Alex Subject-Person",
        requester_contact="alex@example.org",
        subject=seed.subject,
        received_on=timezone.localdate(),
        identity_verified_on=timezone.localdate(),
        identity_evidence="Passport seen at the front desk",
        **extra,
    )


def test_art_15_search_finds_every_record_of_the_subject_and_nothing_of_others(seed: Any) -> None:
    from csphub.cases.models import Case, Incident, Note

    request = _receive(seed)
    items = services.rights_request_search(actor=seed.handler, request=request)
    keys = {i.record_key for i in items}
    # Independent query: the agency's records in which the subject appears.
    expected = {f"person:{seed.subject.pk}"}
    expected |= {
        f"incident:{pk}"
        for pk in Incident.objects.filter(
            owning_agency=seed.subject.owning_agency, parties__person=seed.subject
        ).values_list("pk", flat=True)
    }
    cases = Case.objects.filter(owning_agency=seed.subject.owning_agency, parties__person=seed.subject)
    expected |= {f"case:{pk}" for pk in cases.values_list("pk", flat=True)}
    expected |= {f"note:{pk}" for pk in Note.objects.filter(case__in=cases).values_list("pk", flat=True)}
    records = {k for k in keys if not k.startswith("accesslog:")}
    assert records == expected
    assert f"case:{seed.other_case.pk}" not in keys
    assert f"incident:{seed.only_neighbour.pk}" not in keys
    assert f"incident:{seed.police_incident.pk}" not in keys  # the police are their own controller
    text = json.dumps([i.content for i in items])
    assert "Neighbour's own complaint" not in text
    assert "Police record of the same person" not in text
    # The shared incident names the neighbour only as another party's role, never their details.
    assert "Jo" not in text
    assert AuditEvent.objects.filter(verb="rightsrequest.searched", target_id=str(request.pk)).exists()


def test_art_15_decisions_redaction_exemption_bundle_and_disclosure_log(seed: Any) -> None:
    request = _receive(seed)
    items = services.rights_request_search(actor=seed.handler, request=request)
    with pytest.raises(ApplicationError):
        services.rights_request_disclose(
            actor=seed.handler, request=request, disclosed_on=timezone.localdate(), method="Secure e-mail"
        )
    by_key = {i.record_key.split(":")[0]: i for i in items}
    incident = by_key["incident"]
    with pytest.raises(ApplicationError):  # a redaction names the parts and says why
        services.request_item_decide(actor=seed.handler, item=incident, decision="redact", redacted_fields=[])
    with pytest.raises(ApplicationError):  # s.45(4) is for Part 3 requests, not UK GDPR ones
        services.request_item_decide(
            actor=seed.handler, item=by_key["note"], decision="exempt", exemption="s45-4b"
        )
    services.request_item_decide(
        actor=seed.handler,
        item=incident,
        decision="redact",
        redacted_fields=["Description"],
        notes="Describes the neighbour (third party, Sch 2 para 16)",
    )
    services.request_item_decide(
        actor=seed.handler, item=by_key["note"], decision="exempt", exemption="sch2-p2"
    )
    for item in items:
        item.refresh_from_db()
        if item.decision == "pending":
            services.request_item_decide(actor=seed.handler, item=item, decision="disclose")
    exported = json.loads(services.bundle_json(request))
    as_text = json.dumps(exported)
    assert "Shouting next door" not in as_text  # redacted
    assert "Called Alex back" not in as_text  # withheld
    assert "Sch 2 para 2" in as_text and "Sch 2 para 16" in as_text
    assert "Subject-Person" in as_text
    pdf = services.bundle(request)
    assert any(b.rows and ["Description", "[redacted]"] in b.rows for b in pdf)
    disclosure = services.rights_request_disclose(
        actor=seed.handler, request=request, disclosed_on=timezone.localdate(), method="Secure e-mail"
    )
    request.refresh_from_db()
    assert request.status == "completed" and request.outcome == "partly"
    assert Disclosure.objects.get(pk=disclosure.pk).withheld == 1
    assert disclosure.redacted == 1
    assert (
        AuditEvent.objects.filter(verb="rightsrequest.item_decided", target_id=str(request.pk)).count() >= 3
    )
    assert AuditEvent.objects.filter(verb="rightsrequest.disclosed", target_id=str(request.pk)).exists()


def test_art_12_3_extension_needs_a_reason_and_moves_the_due_day(seed: Any) -> None:
    request = _receive(seed)
    before = request.due_on
    with pytest.raises(ApplicationError):
        services.rights_request_extend(actor=seed.handler, request=request, months=2, reason="")
    with pytest.raises(ApplicationError):
        services.rights_request_extend(actor=seed.handler, request=request, months=3, reason="Complex")
    services.rights_request_extend(actor=seed.handler, request=request, months=2, reason="Many records")
    assert request.due_on > before
    # Too late: the first month has ended.
    late = services.rights_request_receive(
        actor=seed.handler,
        kind=RequestKind.ACCESS,
        regime="uk_gdpr",
        requester_name="A",
        requester_contact="B",
        subject=seed.subject,
        received_on=timezone.localdate() - dt.timedelta(days=70),
    )
    with pytest.raises(ApplicationError):
        services.rights_request_extend(actor=seed.handler, request=late, months=1, reason="Complex")


def test_only_a_handler_in_the_controller_agency_may_act(seed: Any, persona: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        services.rights_request_receive(
            actor=persona("avbc_caseworker"),
            kind=RequestKind.ACCESS,
            regime="uk_gdpr",
            requester_name="A",
            requester_contact="B",
            subject=seed.subject,
            received_on=timezone.localdate(),
        )
    with pytest.raises(ApplicationError):  # another agency's person is not this controller's subject
        services.rights_request_receive(
            actor=seed.handler,
            kind=RequestKind.ACCESS,
            regime="uk_gdpr",
            requester_name="A",
            requester_contact="B",
            subject=Person.objects.exclude(owning_agency=seed.subject.owning_agency).first(),
            received_on=timezone.localdate(),
        )


def test_art_16_rectification_granted_is_written_to_the_person(seed: Any) -> None:
    request = _receive(seed, kind=RequestKind.RECTIFICATION, details="My name is spelt Alix")
    services.rights_request_decide(
        actor=seed.handler,
        request=request,
        outcome="granted",
        reason="Spelling corrected",
        corrections={"given_name": "Alix"},
    )
    seed.subject.refresh_from_db()
    assert seed.subject.given_name == "Alix"
    assert AuditEvent.objects.filter(verb="person.updated", target_id=str(seed.subject.pk)).exists()
    assert AuditEvent.objects.filter(verb="rightsrequest.decided", target_id=str(request.pk)).exists()


def test_art_17_erasure_respects_legal_hold_and_records_it_may_not_lose(seed: Any, persona: Any) -> None:
    from csphub.people.services import person_create

    # On a case: the agency must keep it (Art 17(3)).
    request = _receive(seed, kind=RequestKind.ERASURE, details="Delete everything")
    with pytest.raises(ApplicationError):
        services.rights_request_decide(actor=seed.handler, request=request, outcome="granted", reason="Asked")
    # On no case but on legal hold: refused.
    loner = person_create(actor=persona("avbc_caseworker"), given_name="Sam", family_name="Loner")
    loner_pk = loner.pk
    services.legal_hold_place(actor=None, target=loner, reason="Civil claim")
    held = services.rights_request_receive(
        actor=seed.handler,
        kind=RequestKind.ERASURE,
        regime="uk_gdpr",
        requester_name="Sam",
        requester_contact="sam@example.org",
        subject=loner,
        received_on=timezone.localdate(),
        identity_verified_on=timezone.localdate(),
        details="Delete me",
    )
    with pytest.raises(ApplicationError):
        services.rights_request_decide(actor=seed.handler, request=held, outcome="granted", reason="Asked")
    assert Person.objects.filter(pk=loner.pk).exists()
    # Hold released: erased, a tombstone kept, the request keeps the name it was made in.
    from csphub.governance.models import LegalHold

    services.legal_hold_release(
        actor=None, hold=LegalHold.objects.get(object_id=loner.pk, released_at=None), reason="Claim settled"
    )
    services.rights_request_decide(
        actor=seed.handler, request=held, outcome="granted", reason="No reason to keep"
    )
    assert not Person.objects.filter(pk=loner_pk).exists()
    held.refresh_from_db()
    assert held.subject is None and held.subject_name == "Sam Loner" and held.status == "completed"
    assert Tombstone.objects.filter(record_type="person", reference=f"PER-{loner_pk:06d}").exists()
    assert AuditEvent.objects.filter(verb="person.erased").exists()


def test_the_zip_bundle_holds_the_files_of_documents_disclosed_in_full(
    seed: Any, settings: Any, tmp_path: Any, client_as: Any, persona: Any
) -> None:
    """UK GDPR Art 15(3): a copy of the personal data, documents included. A document disclosed in
    full goes into the ZIP as its file, checked against its SHA-256; one marked for redaction does
    not (its redacted copy is made outside the service), and the manifest says so."""
    import hashlib
    import io
    import zipfile

    from csphub.cases.services import document_upload

    settings.PRIVATE_MEDIA_ROOT = tmp_path

    def upload(title: str, data: bytes) -> Any:
        return document_upload(
            actor=persona("avbc_caseworker"),
            case=seed.case,
            file=io.BytesIO(data),
            filename=f"{title}.pdf",
            size_bytes=len(data),
            title=title,
        )

    whole = upload("Diary sheets", b"%PDF-1.4 diary kept by Alex")
    redacted = upload("Neighbour statement", b"%PDF-1.4 names another person")
    request = _receive(seed)
    items = services.rights_request_search(actor=seed.handler, request=request)
    for item in items:
        decision = "redact" if item.record_key == f"document:{redacted.pk}" else "disclose"
        extra = (
            {"redacted_fields": [item.content[0][0]], "notes": "Names a third party"}
            if decision == "redact"
            else {}
        )
        services.request_item_decide(actor=seed.handler, item=item, decision=decision, **extra)

    handler = client_as("avbc_team_manager")
    response = handler.get(f"/data-protection/requests/{request.pk}/bundle.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert f"{request.reference}.pdf" in names and f"{request.reference}.json" in names
    attached = [n for n in names if n.startswith("documents/")]
    assert len(attached) == 1 and attached[0].endswith("Diary sheets.pdf")
    assert archive.read(attached[0]) == b"%PDF-1.4 diary kept by Alex"
    manifest = archive.read("MANIFEST-SHA256.txt").decode()
    assert hashlib.sha256(b"%PDF-1.4 diary kept by Alex").hexdigest() in manifest
    assert "not attached: redacted copy sent separately" in manifest
    assert whole.pk != redacted.pk

    # A file missing from the store stops the bundle with a message, not a broken ZIP.
    (tmp_path / "cases" / whole.stored_name).unlink()
    page = handler.get(f"/data-protection/requests/{request.pk}/bundle.zip", follow=True)
    assert "is missing from the document store" in page.content.decode()


def test_art_15_the_access_log_covers_every_record_found_not_only_people_incidents_and_cases(
    seed: Any, settings: Any, tmp_path: Any, persona: Any
) -> None:
    """Who has seen the subject's records includes those who downloaded a document on their case (and
    opened their risk assessments, tools and powers...), not only those who opened the person,
    incident or case."""
    import io

    from csphub.cases.services import document_open_for_download, document_upload

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    document = document_upload(
        actor=persona("avbc_caseworker"),
        case=seed.case,
        file=io.BytesIO(b"%PDF-1.4 diary kept by Alex"),
        filename="Diary.pdf",
        size_bytes=27,
        title="Diary sheets",
    )
    document_open_for_download(actor=persona("avbc_team_manager"), document=document).close()
    request = _receive(seed)
    items = services.rights_request_search(actor=seed.handler, request=request)
    assert f"document:{document.pk}" in {i.record_key for i in items}
    log = next(i for i in items if i.record_key.startswith("accesslog:"))
    rows = [what for _when, what in log.content]
    assert any(what.startswith("Downloaded a document — Amber Valley") for what in rows), rows
