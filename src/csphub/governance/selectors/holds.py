"""Legal holds: those in force, an agency's holds, and what each is on."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

# The duty registers' records live in compartments: only their members see them. The data
# protection pages never name them (not even that a hold is on one); the operator holds and releases
# them from the command line.
COMPARTMENT_MODELS = ("slaveryconcern", "preventreferral", "channelcase", "domestichomicidereview")


def active_holds(agency: Any | None = None) -> list[Any]:
    """The legal holds in force, newest first (only those on ``agency``'s records, if given, and
    then none on a compartment's record)."""
    from csphub.governance.models import LegalHold

    holds = LegalHold.objects.filter(released_at__isnull=True)
    if agency is not None:
        holds = holds.filter(owning_agency=agency).exclude(content_type__model__in=COMPARTMENT_MODELS)
    return list(holds.select_related("content_type").order_by("-placed_at"))


def holds_for(agency: Any, released_limit: int = 50) -> tuple[list[Any], list[Any]]:
    """The holds on ``agency``'s records: those in force (newest first) and the most recently
    released."""
    from csphub.governance.models import LegalHold

    mine = (
        LegalHold.objects.filter(owning_agency=agency)
        .exclude(content_type__model__in=COMPARTMENT_MODELS)
        .select_related("content_type", "placed_by", "released_by")
    )
    return (
        list(mine.filter(released_at__isnull=True).order_by("-placed_at", "-id")),
        list(mine.filter(released_at__isnull=False).order_by("-released_at", "-id")[:released_limit]),
    )


def hold_get(agency: Any, pk: int) -> Any:
    """One hold on ``agency``'s records, or 404 (another agency's hold is not theirs to release)."""
    from django.shortcuts import get_object_or_404

    from csphub.governance.models import LegalHold

    return get_object_or_404(
        LegalHold.objects.select_related("content_type").exclude(content_type__model__in=COMPARTMENT_MODELS),
        pk=pk,
        owning_agency=agency,
    )


# What a hold may be placed on, and the reference staff type for it.
HOLDABLE: dict[str, tuple[str, str, str]] = {
    # kind: (app label, model, reference prefix)
    "case": ("cases", "case", "ASB-"),
    "incident": ("cases", "incident", "INC-"),
    "person": ("people", "person", "PER-"),
    "rights_request": ("governance", "rightsrequest", ""),
    "case_review": ("casereviews", "application", "CR-"),
}
HOLDABLE_LABELS = {
    "case": "A case (everything on it is kept)",
    "incident": "An incident (and the case that holds it)",
    "person": "A person (and every case and incident they are party to)",
    "rights_request": "A data subject's request (and what was disclosed)",
    "case_review": "An ASB Case Review application (with its letters, decisions and appeal)",
}
# The duty registers' records (modern slavery, Prevent, DHR) are held from the command line only:
# a reference typed here must not tell anyone outside a register's compartment that it exists.


def hold_target_find(agency: Any, kind: str, reference: str) -> Model | None:
    """The record of ``agency`` with this reference (ASB-000042, INC-000012, PER-000017, SAR-00003,
    CR-7KDM-Q4TA), or None: another agency's record is never found, as if it did not exist."""
    from django.apps import apps

    if kind not in HOLDABLE:
        return None
    app_label, model_name, prefix = HOLDABLE[kind]
    model = apps.get_model(app_label, model_name)
    if kind == "case_review":  # its reference is its own (CR-7KDM-Q4TA), not its number
        application: Model | None = model.objects.filter(
            reference=reference.strip().upper(), owning_agency=agency
        ).first()
        return application
    given_prefix, _, text = reference.strip().upper().rpartition("-")
    if prefix and given_prefix and f"{given_prefix}-" != prefix:
        return None  # a case reference typed for an incident, say
    if not text.isdigit():
        return None
    found: Model | None = model.objects.filter(pk=int(text), owning_agency=agency).first()
    return found


def hold_target_label(hold: Any) -> str:
    """What a hold is on, as staff read it: a case or incident reference, or a person's number."""
    model = hold.content_type.model
    if model == "case":
        return f"Case ASB-{hold.object_id:06d}"
    if model == "incident":
        return f"Incident INC-{hold.object_id:06d}"
    if model == "person":
        return f"Person PER-{hold.object_id:06d}"
    if model == "rightsrequest":
        return f"Data subject's request {hold.object_id:05d}"
    if model == "application":
        from csphub.casereviews.models import Application

        reference = Application.objects.filter(pk=hold.object_id).values_list("reference", flat=True).first()
        return f"Case Review application {reference or hold.object_id}"
    if model in ("slaveryconcern", "preventreferral", "domestichomicidereview"):
        prefix, width = {"slaveryconcern": ("MS", 6), "preventreferral": ("PR", 6)}.get(model, ("DHR", 5))
        return f"{hold.content_type.name.capitalize()} {prefix}-{hold.object_id:0{width}d}"
    return f"{hold.content_type.name} {hold.object_id}"
