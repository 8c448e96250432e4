"""The partnership's configurable casework rules, read from ``settings.CSPHUB_CASES``.

Every key is optional; defaults are the values in :mod:`csphub.cases.rules`. Example::

    CSPHUB_CASES = {
        "REPEAT_VICTIM": {"threshold": 3, "period_months": 3, "similarity": "same_asb_type",
                          "version": "AV 2026-01"},
        "RELATED_PERIOD_DAYS": 365,
        "UPLOAD_MAX_BYTES": 20 * 1024 * 1024,
        "LSOA_GEOJSON": "/srv/csphub/geography/lsoa2021.geojson",
        "DISTRICT_GEOJSON": "/srv/csphub/geography/districts.geojson",
        "WARDS_GEOJSON": "/srv/csphub/geography/wards.geojson",
        "REMINDER_DAYS_BEFORE": 2,
    }
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from csphub.cases.rules import RelatedRecordRule, RepeatVictimRule, Similarity, UploadPolicy
from csphub.core.uploads import upload_max_bytes

# src/csphub/cases/config.py -> repository root
_REPO_ROOT = Path(__file__).resolve().parents[3]
_SAMPLE_GEOGRAPHY = _REPO_ROOT / "data" / "sample" / "geography"


def _conf() -> dict[str, Any]:
    return dict(getattr(settings, "CSPHUB_CASES", {}) or {})


def repeat_victim_rule() -> RepeatVictimRule:
    raw = _conf().get("REPEAT_VICTIM")
    if not raw:
        return RepeatVictimRule()
    raw = dict(raw)
    if "similarity" in raw:
        raw["similarity"] = Similarity(raw["similarity"])
    return RepeatVictimRule(**raw)


def related_record_rule() -> RelatedRecordRule:
    days = _conf().get("RELATED_PERIOD_DAYS")
    if days is None:
        return RelatedRecordRule()
    return RelatedRecordRule(period_days=int(days), version=f"related/settings ({int(days)} days)")


def upload_policy() -> UploadPolicy:
    # One limit for the upload handler, the early 413 and the service (core/uploads.py).
    return UploadPolicy(max_bytes=upload_max_bytes())


def lsoa_geojson_path() -> str:
    return str(_conf().get("LSOA_GEOJSON") or _SAMPLE_GEOGRAPHY / "lsoa2021.geojson")


def district_geojson_path() -> str:
    return str(_conf().get("DISTRICT_GEOJSON") or _SAMPLE_GEOGRAPHY / "districts.geojson")


def wards_geojson_path() -> str:
    """Wards (or other named places) that label the incident map and name where an incident is."""
    return str(_conf().get("WARDS_GEOJSON") or _SAMPLE_GEOGRAPHY / "wards.geojson")


def reminder_days_before() -> int:
    return int(_conf().get("REMINDER_DAYS_BEFORE", 2))


def private_media_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "cases"
