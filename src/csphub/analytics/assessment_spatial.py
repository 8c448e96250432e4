"""The spatial sections of the Strategic Assessment (see docs/assessment-format.md): hot spots (the
grid, Gi* and KDE cells, the classification), repeat places and the map outlines. Frozen
dataclasses read and written by :class:`csphub.analytics.assessment.Assessment`, which re-exports
them."""

from __future__ import annotations

from dataclasses import dataclass

Ring = list[list[int]]  # [[x, y], ...] in BNG metres, rounded to 1 m


# ---------------------------------------------------------------- hot spots


@dataclass(frozen=True)
class HotspotGrid:
    crs: str
    x_min_m: float
    y_min_m: float
    cell_size_m: float
    n_cols: int
    n_rows: int
    n_cells_in_mask: int
    cell_size_auto: bool


@dataclass(frozen=True)
class HotspotPoints:
    n_points: int
    n_counted: int
    n_outside_mask: int
    n_outside_grid: int


@dataclass(frozen=True)
class GiStarCells:
    """One entry per grid cell inside the study area (column-wise); ``label`` when classified."""

    cell_x_m: tuple[float, ...]
    cell_y_m: tuple[float, ...]
    count: tuple[int, ...]
    z: tuple[float | None, ...]
    p: tuple[float | None, ...]
    p_adj: tuple[float | None, ...]
    is_hot: tuple[bool, ...]
    is_cold: tuple[bool, ...]
    label: tuple[str, ...] | None = None


@dataclass(frozen=True)
class GiStarSection:
    distance_m: float
    p_adjust: str
    alpha: float
    n_hot: int
    n_cold: int
    cells: GiStarCells


@dataclass(frozen=True)
class KdeCells:
    cell_x_m: tuple[float, ...]
    cell_y_m: tuple[float, ...]
    density: tuple[float | None, ...]


@dataclass(frozen=True)
class KdeSection:
    bandwidth_m: float
    bandwidth_x_m: float | None
    bandwidth_y_m: float | None
    bandwidth_auto: bool
    kernel: str
    unit: str
    method: str
    cells: KdeCells


@dataclass(frozen=True)
class ClassifySection:
    label_counts: dict[str, int]
    recent_period_indices: tuple[int, ...]
    older_period_indices: tuple[int, ...]
    persistent_prop: float
    hotspot_prop: float


@dataclass(frozen=True)
class HotspotParametersUsed:
    cell_size_m: float
    distance_m: float
    bandwidth_m: float
    p_adjust: str
    alpha: float


@dataclass(frozen=True)
class Hotspots:
    study_area: str  # what masks the grid: "district boundary", "LSOA boundaries" or the points' box
    grid: HotspotGrid
    points: HotspotPoints
    gistar: GiStarSection
    kde: KdeSection
    classify: ClassifySection | None
    parameters_used: HotspotParametersUsed
    notes: tuple[str, ...]


# ---------------------------------------------------------------- repeats and maps


@dataclass(frozen=True)
class RepeatPlace:
    location: str | None
    x_m: int
    y_m: int
    count: int
    share: float


@dataclass(frozen=True)
class Repeats:
    place_definition: str
    n_events: int
    n_places: int
    n_events_at_repeat_places: int
    share_events_at_repeat_places: float
    concentration: dict[str, float]  # top_1pct_places, top_5pct_places, top_10pct_places
    top_places: tuple[RepeatPlace, ...]
    knox: None
    knox_note: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Geometry:
    """Outlines for maps in BNG metres: the district rings (district areas only) and LSOA rings."""

    crs: str
    district: tuple[Ring, ...]
    lsoas: dict[str, tuple[Ring, ...]]
    # place names for the maps: (ward name, x, y) at the population-weighted centre of the ward's
    # LSOAs in the area (national reference)
    labels: tuple[tuple[str, int, int], ...] = ()


__all__ = [
    "ClassifySection",
    "Geometry",
    "GiStarCells",
    "GiStarSection",
    "HotspotGrid",
    "HotspotParametersUsed",
    "HotspotPoints",
    "Hotspots",
    "KdeCells",
    "KdeSection",
    "RepeatPlace",
    "Repeats",
    "Ring",
]
