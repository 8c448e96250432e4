"""Where an incident is, and what a partnership's incident map draws, from the national reference
shipped with the package (every LSOA 2021 in England and Wales with its ward, district and CSP, and
the ONS boundaries; ``csphub.analytics.sources.reference``). Finer LSOA boundaries imported into the
data directory take precedence where they hold an LSOA, and a deployment's own LSOA file
(``CSPHUB_CASES["LSOA_GEOJSON"]``) is asked first when one is configured.

A caseworker reads ward names; LSOA codes stay behind the page (they feed the analytics).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from csphub.agencies.models import Partnership, PartnershipKind
from csphub.analytics.geography import Area, AreaNotFound, Geography, resolve_area
from csphub.analytics.sources.reference import load_reference
from csphub.cases import config, geo

# A point on land can fall just outside the generalised (BSC) boundaries along a coast or an estuary:
# it goes to the nearest LSOA within this distance. Further from every LSOA, it is not in England or
# Wales (the sea, Scotland, Ireland).
COAST_TOLERANCE_M = 1000.0


def _data_dir() -> Path | None:
    value = getattr(settings, "ANALYTICS_DATA_DIR", None) or getattr(settings, "DATA_DIR", None)
    return Path(value) if value else None


def reference(*, boundaries: bool = True) -> Geography:
    """The national reference (tables and boundaries cached per process), with the boundaries
    imported into the data directory, if any, ahead of the shipped ones."""
    return load_reference(boundaries=boundaries, data_dir=_data_dir() if boundaries else None)


_LOCATORS: dict[tuple[int, ...], tuple[list[object], geo.LsoaLocator]] = {}


def locator() -> geo.LsoaLocator:
    """The LSOA locator over the current boundaries: built on first use, rebuilt when a boundary
    layer changes (an import writes a new file, which is read into a new layer)."""
    rings = reference().lsoa_rings
    layers: list[object] = list(getattr(rings, "layers", [rings]))
    key = tuple(id(layer) for layer in layers)
    hit = _LOCATORS.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], layers, strict=True)):
        _LOCATORS.clear()
        hit = _LOCATORS[key] = (layers, geo.LsoaLocator(rings))
    return hit[1]


def lsoa_at(
    *,
    longitude: float,
    latitude: float,
    easting_m: float,
    northing_m: float,
    within_m: float = COAST_TOLERANCE_M,
) -> str | None:
    """The LSOA 2021 code of the point: from the deployment's own LSOA file if it has one and the
    point is in it, else from the national boundaries (the nearest LSOA within ``within_m`` for a
    point just off a generalised coastline). None: the point is in no LSOA of England and Wales."""
    own = config.lsoa_geojson_path()
    if own:
        area = geo.area_containing(longitude, latitude, geo.load_areas(own))
        if area is not None and area.code:
            return area.code
    return locator().locate(easting_m, northing_m, within_m=within_m)


def ward_of(lsoa_code: str) -> str:
    """The name of the ward (2024, ONS best fit) an LSOA is in; "" for a code not in the reference."""
    lsoa = reference(boundaries=False).lsoas.get(lsoa_code) if lsoa_code else None
    return lsoa.ward_name if lsoa is not None else ""


def ward_at(*, lsoa_code: str, longitude: float | None, latitude: float | None) -> str:
    """The ward an incident is in: that of its LSOA, else of the LSOA its point is in ("" if none)."""
    if not lsoa_code and longitude is not None and latitude is not None:
        x, y = geo.lonlat_to_bng(longitude, latitude)
        lsoa_code = locator().locate(x, y) or ""
    return ward_of(lsoa_code)


def partnership_area(partnership: Partnership | None) -> Area | None:
    """The area of a district partnership in the national reference, by its CSP code, else by its
    ``area`` (a name or code the reference resolves). None for a county board (it keeps no case
    records, so it has no map of incidents) and for a partnership the reference does not know."""
    if partnership is None or partnership.kind == PartnershipKind.BOARD:
        return None
    reference_geo = reference(boundaries=False)
    for name in (partnership.code, partnership.area):
        if not name:
            continue
        try:
            return resolve_area(reference_geo, name)
        except AreaNotFound:
            continue
    return None


@dataclass(frozen=True)
class AreaMap:
    """What the incident map of an area draws, in British National Grid metres."""

    lsoas: dict[str, list[np.ndarray]]
    outline: list[np.ndarray]  # the area's own outline (empty if the reference has none)
    ward_lines: list[np.ndarray]  # the lines between its wards
    labels: tuple[tuple[str, int, int], ...]  # (ward name, x, y): at its LSOAs' population centre
    ward_sizes: dict[str, int]  # ward name → how many of the area's LSOAs it holds
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y


def area_map(area: Area) -> AreaMap | None:
    """The area's LSOAs, outline (from the reference's outlines of districts and CSPs, else the
    LSOAs themselves), ward boundaries and ward labels; None if the reference has no boundaries
    for it."""
    # Loaded here, not with the module: casework pages import this module, and the assessment's
    # sections (with NumPy statistics) are only wanted for a map.
    from csphub.analytics.context_sections import ward_labels

    reference_geo = reference()
    lsoas = {c: list(reference_geo.lsoa_rings[c]) for c in area.lsoa_codes if c in reference_geo.lsoa_rings}
    if not lsoas:
        return None
    outline = list(reference_geo.district_rings.get(area.code, [])) if area.code else []
    if not outline and len(area.district_codes) == 1:
        outline = list(reference_geo.district_rings.get(area.district_codes[0], []))
    vertices = np.concatenate(outline or [r for rings in lsoas.values() for r in rings])
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    wards = {c: reference_geo.lsoas[c].ward_name for c in lsoas}
    return AreaMap(
        lsoas=lsoas,
        outline=outline,
        ward_lines=geo.ward_boundaries(lsoas, wards),
        labels=ward_labels(reference_geo, area),
        ward_sizes=dict(Counter(wards.values())),
        bbox=(float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])),
    )
