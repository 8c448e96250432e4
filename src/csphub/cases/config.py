"""The partnership's configurable casework rules, read from ``settings.CSPHUB_CASES``.

Every key is optional; defaults are the values in :mod:`csphub.cases.rules`. Example::

    CSPHUB_CASES = {
        "REPEAT_VICTIM": {"threshold": 3, "period_months": 3, "similarity": "same_asb_type",
                          "version": "AV 2026-01"},
        "RELATED_PERIOD_DAYS": 365,
        "UPLOAD_MAX_BYTES": 20 * 1024 * 1024,
        "LSOA_GEOJSON": "/srv/csphub/geography/lsoa2021.geojson",  # optional: see below
        "REMINDER_DAYS_BEFORE": 2,
    }

Where an incident is comes from the national reference shipped with the package
(``csphub.cases.places``); ``LSOA_GEOJSON`` names a deployment's own file of LSOA 2021 boundaries
(WGS84 GeoJSON with ``lsoa_code`` and ``lsoa_name``), asked first for the points it covers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from csphub.cases.rules import RelatedRecordRule, RepeatVictimRule, Similarity, UploadPolicy
from csphub.core.uploads import upload_max_bytes


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
    """A deployment's own LSOA boundary file, or "" (the national reference alone)."""
    return str(_conf().get("LSOA_GEOJSON") or "")


def reminder_days_before() -> int:
    return int(_conf().get("REMINDER_DAYS_BEFORE", 2))


def private_media_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "cases"
