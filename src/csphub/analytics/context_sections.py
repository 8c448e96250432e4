"""The Strategic Assessment's context sections: the map outlines and ward labels, comparator areas,
the account of where the figures came from, the caveats and the parameters. Pure builders, like
``analytics.sections`` (which re-exports them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from csphub.analytics.assessment import (
    ComparatorRow,
    Comparators,
    DataAccount,
    Geometry,
    HotspotParameters,
    Parameters,
    Period,
)
from csphub.analytics.geography import Area, Geography
from csphub.analytics.harm import HarmWeights
from csphub.analytics.spatial_sections import (
    area_rings,
    first_labels,
    hotspot_section,
    label_candidates,
    place_key,
    repeats_section,
)
from csphub.analytics.trends import (
    rate_per_1000,
)

__all__ = [
    "area_rings",
    "first_labels",
    "hotspot_section",
    "label_candidates",
    "place_key",
    "repeats_section",
]


TOP_MIN_POPULATION = 500
POPULATION_SOURCE = "Census 2021 usual residents by LSOA (ONS TS001, 21 March 2021)"


# ---------------------------------------------------------------- maps, data account, caveats


def geometry_section(geo: Geography, area: Area) -> Geometry | None:
    """The area's outline (a district, CSP or police force area; none for wards and LSOA lists) and
    LSOA rings, BNG metres rounded to 1 m."""

    def rings(rs: list[np.ndarray]) -> tuple[list[list[int]], ...]:
        return tuple(np.round(r).astype(np.int64).tolist() for r in rs)

    lsoas = {c: rings(geo.lsoa_rings[c]) for c in area.lsoa_codes if c in geo.lsoa_rings}
    district = rings(geo.district_rings.get(area.code, [])) if area.code else ()
    if not lsoas and not district:
        return None
    return Geometry("EPSG:27700", district, lsoas, ward_labels(geo, area))


def ward_labels(geo: Geography, area: Area) -> tuple[tuple[str, int, int], ...]:
    """Each ward of the area at the population-weighted centre of its LSOAs (in the area)."""
    acc: dict[str, list[float]] = {}
    for code in area.lsoa_codes:
        lsoa = geo.lsoas.get(code)
        if lsoa is None or not lsoa.ward_name or not np.isfinite(lsoa.centroid_x_m):
            continue
        w = float(max(lsoa.population, 1))
        a = acc.setdefault(lsoa.ward_name, [0.0, 0.0, 0.0])
        a[0] += w * lsoa.centroid_x_m
        a[1] += w * lsoa.centroid_y_m
        a[2] += w
    return tuple(sorted((name, round(x / w), round(y / w)) for name, (x, y, w) in acc.items()))


def comparator_section(
    geo: Geography, area: Area, counts: Mapping[str, tuple[int, int]], covered: bool
) -> Comparators | None:
    """The study area beside its police force area and the force area's districts (rates per 1,000
    residents, Census 2021), when the area lies in one force area and ``covered`` (the store holds
    that force's data for every district of it). ``counts``: district code → (crime, ASB)."""
    if len(area.pfa_codes) != 1 or not covered or not counts:
        return None
    pfa = area.pfa_codes[0]
    lads: dict[str, list[Any]] = {}
    pfa_name = ""
    for p_code, p_name, lad, lad_name, pop in zip(
        geo.column("pfa_code"),
        geo.column("pfa_name"),
        geo.column("lad_code"),
        geo.column("lad_name"),
        geo.column("population"),
        strict=True,
    ):
        if p_code != pfa:
            continue
        pfa_name = str(p_name)
        acc = lads.setdefault(str(lad), [str(lad_name), 0])
        acc[1] += int(pop)  # type: ignore[call-overload]

    def rate(n: int, pop: int) -> float | None:
        return rate_per_1000(n, pop) if pop else None

    rows = []
    for lad, (name, pop) in sorted(lads.items(), key=lambda kv: kv[1][0]):
        crime, asb = counts.get(lad, (0, 0))
        rows.append(
            ComparatorRow(
                name,
                lad,
                "district",
                int(pop),
                crime,
                rate(crime, pop),
                asb,
                rate(asb, pop),
                area.kind == "district" and area.code == lad,
            )
        )
    total_pop = sum(r.population for r in rows)
    crime_all = sum(r.crime for r in rows)
    asb_all = sum(r.asb for r in rows)
    force_row = ComparatorRow(
        pfa_name,
        pfa,
        "force area",
        total_pop,
        crime_all,
        rate(crime_all, total_pop),
        asb_all,
        rate(asb_all, total_pop),
        area.kind == "pfa" and area.code == pfa,
    )
    return Comparators(
        pfa_name,
        (force_row, *rows),
        "Rates per 1,000 residents (Census 2021) over the study period; districts as of December 2024. "
        "Rows are counted by the LSOA they fall in, whichever force recorded them.",
    )


def data_account_section(
    *,
    manifest: Mapping[str, Mapping[str, Any]],
    period: Period,
    forces: Sequence[str],
    available: set[str],
    missing: Sequence[str],
    missing_prev: Sequence[str],
    store_dir: str,
    reference_dir: str,
    population: int,
    reference: Mapping[str, str] | None = None,
    hotspot_points: int,
    timings_s: dict[str, float],
) -> DataAccount:
    """The store partitions behind the figures (street data of the study and comparison months and
    the forces found) and their row counts."""
    months = set(period.months) | set(period.comparison_months)
    used = [
        v
        for k, v in manifest.items()
        if k.startswith("street/") and k.split("/")[2] in months and k.split("/")[1] in forces
    ]
    return DataAccount(
        store_dir=store_dir,
        reference_dir=reference_dir,
        reference={k: v for k, v in (reference or {}).items() if k != "reference_dir"},
        forces=tuple(forces),
        months_available=tuple(sorted(available)),
        months_missing=tuple(missing),
        comparison_months_missing=tuple(missing_prev),
        partitions_used=len(used),
        rows_input_in_partitions=sum(int(v["rows_input"]) for v in used),
        rows_quarantined_in_partitions=sum(int(v["rows_quarantined"]) for v in used),
        lsoa_2011_codes_mapped_in_partitions=sum(int(v.get("lsoa_2011_mapped", 0)) for v in used),
        population_total=population,
        population_source=POPULATION_SOURCE,
        hotspot_points=hotspot_points,
        timings_s=timings_s,
    )


def caveats(weights: HarmWeights, reference: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The data caveats every report carries, in plain words, ending with the harm weights' own."""
    return (
        'police.uk locations are anonymised snap points ("On or near …"), not addresses; a place with many '
        "crimes may be a snap point that collects crimes from nearby streets.",
        "police.uk gives the month only: no day or time, so near-repeat (Knox) analysis is not possible "
        "with these data.",
        'Rows without a location ("No Location") cannot be placed in an area and are not counted here.',
        "LSOA codes from the 2011 census in older files were mapped to 2021 codes with the ONS exact "
        "lookup (a split 2011 LSOA's rows go to the 2021 LSOA whose population-weighted centroid is "
        "nearest the row's point).",
        "Rates per 1,000 residents use the Census 2021 usual resident population (21 March 2021), not a "
        "mid-year estimate.",
        *(
            [
                f"Areas, boundaries and populations: {reference['name']} ({reference['vintage']}). "
                f"{reference['attribution']}"
            ]
            if reference and {"name", "vintage", "attribution"} <= set(reference)
            else []
        ),
        "Outcomes reflect the date of download, not a final result.",
        weights.caveat,
    )


def parameters_section(
    *,
    area: str | Sequence[str] | None,
    date_from: str,
    date_to: str,
    alpha: float,
    top_n: int,
    weights: HarmWeights,
    hotspots: HotspotParameters,
) -> Parameters:
    return Parameters(
        area=area if (area is None or isinstance(area, str)) else tuple(area),
        date_from=date_from,
        date_to=date_to,
        comparison="same number of months immediately before",
        alpha=alpha,
        change_test="exact conditional binomial test of two Poisson counts (two-sided)",
        multiple_testing_by_crime_type="Benjamini–Hochberg across the 14 categories",
        rolling_window_months=12,
        top_n=top_n,
        top_min_population=TOP_MIN_POPULATION,
        harm_weights=weights.name,
        hotspots=hotspots,
    )
