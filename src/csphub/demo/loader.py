"""Load the demo partnership: agencies, personas with TOTP devices, sharing agreements, then each
installed app's own demo data. Idempotent: running it twice duplicates nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import logging
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.agencies.models import (
    Agency,
    InformationSharingAgreement,
    LawfulBasis,
    Membership,
    Partnership,
    PartnershipKind,
)
from csphub.demo.personas import DEMO_AGENCIES, DEMO_PASSWORD, DEMO_TOTP_SALT, demo_personas

log = logging.getLogger(__name__)

# Apps whose demo loaders run after the core, in this order.
DEMO_APPS = ("cases", "risk", "powers", "casereviews", "insights", "duties", "planning")


def demo_totp_key_hex(username: str) -> str:
    """The persona's TOTP key (20 bytes, hex), derived from its username: demo only."""
    return hashlib.sha256(f"{DEMO_TOTP_SALT}:{username}".encode()).hexdigest()[:40]


def load_core_demo(*, password_hasher_iterations_ok: bool = True) -> dict[str, int]:
    """Agencies, personas (password + confirmed TOTP device) and the partnership's ISAs."""
    User = get_user_model()
    created = {"agencies": 0, "users": 0, "agreements": 0}
    with transaction.atomic():
        agencies: dict[str, Agency] = {}
        for spec in DEMO_AGENCIES:
            agency, was_created = Agency.objects.update_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "short_name": spec.short_name,
                    "agency_type": spec.agency_type,
                    "is_responsible_authority": spec.is_responsible_authority,
                },
            )
            agencies[spec.slug] = agency
            created["agencies"] += int(was_created)
        for persona in demo_personas():
            user, was_created = User.objects.get_or_create(
                username=persona.username,
                defaults={
                    "first_name": persona.first_name,
                    "last_name": persona.last_name,
                    "email": f"{persona.username}@demo.csphub.invalid",
                },
            )
            if was_created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                created["users"] += 1
            Membership.objects.get_or_create(
                user=user, agency=agencies[persona.agency_slug], role=persona.role
            )
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": demo_totp_key_hex(persona.username), "confirmed": True},
            )
        today = timezone.localdate()
        isa_specs = (
            (
                "AV-ISA-ASB-01",
                "Amber Valley ASB and community safety information sharing agreement",
                "Preventing and tackling anti-social behaviour, crime and disorder in Amber Valley, "
                "including case management, risk assessment and multi-agency panels.",
                ["avbc", "police", "dcc", "fire", "nhs", "probation", "housing", "voluntary"],
                "Art 9(2)(g) substantial public interest; DPA 2018 Sch 1 para 10 preventing or detecting unlawful acts",
                "DPA 2018 Sch 1 Part 3; Crime and Disorder Act 1998 s.115",
            ),
            (
                "AV-ISA-HRP-02",
                "High-risk victims panel information sharing agreement",
                "Safeguarding high-risk victims of ASB and domestic abuse through the high-risk panel.",
                ["avbc", "police", "dcc", "nhs", "housing"],
                "Art 9(2)(g); DPA 2018 Sch 1 para 18 safeguarding of children and individuals at risk",
                "DPA 2018 Sch 1 Part 3 para 10",
            ),
        )
        for ref, name, purpose, parties, art9, art10 in isa_specs:
            isa, was_created = InformationSharingAgreement.objects.get_or_create(
                reference=ref,
                defaults={
                    "name": name,
                    "purpose": purpose,
                    "lawful_basis": LawfulBasis.PUBLIC_TASK,
                    "special_category_condition": art9,
                    "criminal_offence_condition": art10,
                    "gateway": "Crime and Disorder Act 1998 s.115",
                    "start_date": dt.date(today.year - 1, 4, 1),
                    "review_date": dt.date(today.year + 1, 3, 31),
                },
            )
            isa.parties.set([agencies[s] for s in parties])
            created["agreements"] += int(was_created)
        created["partnerships"] = _derbyshire_partnerships(agencies)
    return created


# Derbyshire's eight district CSPs (ONS CSP codes of the national reference) and the county board
# above them. Amber Valley is the demo's populated partnership; the county-wide agencies sit in all.
DERBYSHIRE_CSPS = (
    ("E22000037", "Amber Valley"),
    ("E22000038", "Bolsover"),
    ("E22000039", "Chesterfield"),
    ("E22000041", "Derbyshire Dales"),
    ("E22000042", "Erewash"),
    ("E22000043", "High Peak"),
    ("E22000044", "North East Derbyshire"),
    ("E22000045", "South Derbyshire"),
)
COUNTY_BOARD = "Derbyshire County Community Safety Board"
COUNTY_WIDE = ("police", "dcc", "fire", "nhs", "probation")


def _derbyshire_partnerships(agencies: dict[str, Agency]) -> int:
    board, made = Partnership.objects.get_or_create(
        name=COUNTY_BOARD, defaults={"kind": PartnershipKind.BOARD, "area": "Derbyshire"}
    )
    board.agencies.add(*(agencies[s] for s in COUNTY_WIDE if s in agencies))
    n = int(made)
    for code, district in DERBYSHIRE_CSPS:
        csp, made = Partnership.objects.get_or_create(
            code=code,
            defaults={
                "name": f"{district} Community Safety Partnership",
                "kind": PartnershipKind.CSP,
                "area": district,
                "parent": board,
            },
        )
        n += int(made)
        csp.agencies.add(*(agencies[s] for s in COUNTY_WIDE if s in agencies))
        if code == "E22000037":  # the borough council, its housing provider and the voluntary sector
            csp.agencies.add(*(agencies[s] for s in ("avbc", "housing", "voluntary") if s in agencies))
    return n


def app_demo_loaders() -> list[tuple[str, Callable[..., object]]]:
    loaders = []
    for label in DEMO_APPS:
        if not apps.is_installed(f"csphub.{label}"):
            continue
        try:
            module = importlib.import_module(f"csphub.{label}.demo")
        except ModuleNotFoundError as exc:
            if exc.name == f"csphub.{label}.demo":
                continue
            raise
        loader = getattr(module, "load_demo", None)
        if loader is not None:
            loaders.append((label, loader))
    return loaders


def load_demo(*, rng_seed: int = 2026, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    say = progress or (lambda message: log.info("%s", message))
    summary = load_core_demo()
    say(f"Partnership: {summary}")
    for label, loader in app_demo_loaders():
        say(f"Loading demo data: {label}")
        loader(rng_seed=rng_seed)
    return summary
