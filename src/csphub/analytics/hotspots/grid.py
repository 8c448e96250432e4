"""Square analysis grids in British National Grid metres, and point counts on them.

Conventions used by every hot-spot function in this package:

* Coordinates are EPSG:27700 (British National Grid) eastings/northings in metres.
* ``Grid`` arrays have shape ``(n_rows, n_cols)``. Row 0 is the *southernmost* row and column 0 the
  westernmost, so cell ``(row, col)`` covers
  ``[x_min_m + col*cell_size_m, x_min_m + (col+1)*cell_size_m) × [y_min_m + row*cell_size_m, ...)``
  (half-open: a point on a shared edge belongs to the cell to its east / north).
* ``Grid.mask`` is the study area: True where the cell *centre* lies inside the boundary. Cells outside
  the mask are not part of the analysis (not counted, not neighbours, not in means or variances).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

logger = logging.getLogger(__name__)

#: Above this many in-study-area cells a note is added (sfhotspot prints a message above 100,000).
LARGE_GRID_CELLS = 100_000
#: Refuse to build grids bigger than this (a stray "null island" point can inflate the extent).
MAX_GRID_CELLS = 50_000_000


def _json_safe(value: Any) -> Any:
    """Convert numpy values to JSON-serialisable Python values (NaN/inf → None)."""
    if isinstance(value, np.ndarray):
        return _json_safe(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    return value


def _json_dict(value: dict[str, Any]) -> dict[str, Any]:
    """``_json_safe`` of a dict, typed as the dict it stays."""
    out: dict[str, Any] = _json_safe(value)
    return out


@dataclass(frozen=True)
class Grid:
    """A square grid over a study area, in British National Grid (EPSG:27700) metres.

    ``x_min_m``/``y_min_m`` are the south-west corner of cell (0, 0); ``mask`` is a bool array of shape
    ``(n_rows, n_cols)``, True where the cell centre is inside the study area.
    """

    x_min_m: float
    y_min_m: float
    cell_size_m: float
    n_cols: int
    n_rows: int
    mask: np.ndarray = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if not (self.cell_size_m > 0 and math.isfinite(self.cell_size_m)):
            raise ValueError(f"cell_size_m must be positive and finite, got {self.cell_size_m!r}")
        if self.n_cols < 1 or self.n_rows < 1:
            raise ValueError("a grid needs at least one row and one column")
        if self.mask.shape != (self.n_rows, self.n_cols) or self.mask.dtype != np.bool_:
            raise ValueError(f"mask must be a bool array of shape {(self.n_rows, self.n_cols)}")

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_rows, n_cols)``."""
        return (self.n_rows, self.n_cols)

    @property
    def n_cells_in_mask(self) -> int:
        """Number of cells in the study area."""
        return int(self.mask.sum())

    @property
    def x_max_m(self) -> float:
        """Eastern edge of the grid, metres."""
        return self.x_min_m + self.n_cols * self.cell_size_m

    @property
    def y_max_m(self) -> float:
        """Northern edge of the grid, metres."""
        return self.y_min_m + self.n_rows * self.cell_size_m

    @property
    def cell_area_km2(self) -> float:
        """Area of one cell in km²."""
        return (self.cell_size_m / 1000.0) ** 2

    def cell_centres(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Cell-centre coordinates ``(x_m, y_m)``, each of shape ``(n_rows, n_cols)``, in metres."""
        xs = self.x_min_m + (np.arange(self.n_cols) + 0.5) * self.cell_size_m
        ys = self.y_min_m + (np.arange(self.n_rows) + 0.5) * self.cell_size_m
        x_m, y_m = np.meshgrid(xs, ys)
        return x_m, y_m

    def index_of(
        self, x_m: ArrayLike, y_m: ArrayLike
    ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.bool_]]:
        """Cell of each point: ``(row, col, inside)``.

        ``inside`` is True when the point is finite, inside the grid extent and its cell is in the mask.
        ``row``/``col`` are -1 where the point is outside the grid extent (or not finite); for points in
        the extent but outside the mask they give the cell (and ``inside`` is False).
        """
        x = np.asarray(x_m, dtype=np.float64).ravel()
        y = np.asarray(y_m, dtype=np.float64).ravel()
        if x.shape != y.shape:
            raise ValueError("x_m and y_m must have the same length")
        with np.errstate(invalid="ignore"):
            colf = np.floor((x - self.x_min_m) / self.cell_size_m)
            rowf = np.floor((y - self.y_min_m) / self.cell_size_m)
            in_extent = (colf >= 0) & (colf < self.n_cols) & (rowf >= 0) & (rowf < self.n_rows)
        row = np.where(in_extent, rowf, -1).astype(np.intp)
        col = np.where(in_extent, colf, -1).astype(np.intp)
        flat = row * self.n_cols + col
        flat[~in_extent] = 0
        inside = self.mask.ravel()[flat]
        inside &= in_extent
        return row, col, inside

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable description (the mask as nested lists of bools)."""
        return {
            "crs": "EPSG:27700",
            "x_min_m": float(self.x_min_m),
            "y_min_m": float(self.y_min_m),
            "cell_size_m": float(self.cell_size_m),
            "n_cols": int(self.n_cols),
            "n_rows": int(self.n_rows),
            "n_cells_in_mask": self.n_cells_in_mask,
            "mask": self.mask.tolist(),
        }


def auto_cell_size_m(width_m: float, height_m: float) -> tuple[float, str]:
    """sfhotspot's automatic cell size, with its small-area bug (#26) fixed.

    ``side`` = the shorter side of the bounding box (the longer one when the shorter is zero).
    ``side/50`` (at least 50 cells along the short side) is rounded *down* to a multiple of 100 m
    when that is at least 100 m; otherwise (areas under 5 km) it is rounded down to a "nice" figure
    1, 2 or 5 × 10^k m, so it never rounds to zero. Returns ``(cell_size_m, explanation)``.
    """
    side = min(width_m, height_m)
    if not side > 0:
        side = max(width_m, height_m)
    if not (side > 0 and math.isfinite(side)):
        raise ValueError(
            "cannot choose a cell size automatically: the points/boundary have no extent; pass cell_size_m"
        )
    raw = side / 50.0
    if raw >= 100.0:
        cell = math.floor(raw / 100.0) * 100.0
        how = "rounded down to a multiple of 100 m"
    else:
        exponent = math.floor(math.log10(raw))
        base = 10.0**exponent
        cell = max(m * base for m in (1.0, 2.0, 5.0) if m * base <= raw * (1 + 1e-12))
        how = "rounded down to 1, 2 or 5 × a power of ten (area under 5 km across)"
    why = (
        f"cell size {cell:g} m chosen automatically: shorter side of the bounding box {side:,.0f} m / 50 "
        f"= {raw:,.1f} m, {how} (sfhotspot's rule)"
    )
    return float(cell), why


def points_in_rings(x_m: ArrayLike, y_m: ArrayLike, rings: Sequence[np.ndarray]) -> NDArray[np.bool_]:
    """Even-odd point-in-polygon test over all ``rings`` (outer rings, holes, multipolygon parts).

    A point is inside when a ray to the east crosses an odd number of ring edges in total. Rings are
    ``(k, 2)`` arrays of metres; closing the ring (repeating the first vertex) is optional. Points exactly
    on an edge may fall either way. Vectorised over points, looping only over ring edges in chunks.
    """
    x = np.asarray(x_m, dtype=np.float64).ravel()
    y = np.asarray(y_m, dtype=np.float64).ravel()
    inside = np.zeros(x.shape, dtype=bool)
    for ring in rings:
        r = np.asarray(ring, dtype=np.float64)
        if r.ndim != 2 or r.shape[1] != 2 or r.shape[0] < 3:
            raise ValueError("each ring must be a (k, 2) array with k >= 3")
        if not np.isfinite(r).all():
            raise ValueError("ring coordinates must be finite")
        x0, y0 = r[:, 0], r[:, 1]
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        # Drop degenerate zero-length closing edges; horizontal edges never count as crossings.
        keep = y0 != y1
        x0, y0, x1, y1 = x0[keep], y0[keep], x1[keep], y1[keep]
        chunk = max(1, 4_000_000 // max(1, x.size))
        for s in range(0, x0.size, chunk):
            ex0, ey0 = x0[s : s + chunk, None], y0[s : s + chunk, None]
            ex1, ey1 = x1[s : s + chunk, None], y1[s : s + chunk, None]
            spans = (ey0 > y) != (ey1 > y)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_cross = ex0 + (y - ey0) * (ex1 - ex0) / (ey1 - ey0)
            crossings = (spans & (x < x_cross)).sum(axis=0)
            inside ^= (crossings % 2).astype(bool)
    return inside


def hotspot_grid(
    boundary_rings_bng: list[np.ndarray] | None,
    *,
    x_m: ArrayLike | None = None,
    y_m: ArrayLike | None = None,
    cell_size_m: float | None = None,
) -> tuple[Grid, list[str]]:
    """Build the analysis grid for a study area.

    * With ``boundary_rings_bng`` (list of ``(k, 2)`` arrays in BNG metres; outer rings, holes and
      multipolygon parts together, combined by the even-odd rule) the grid covers the boundary's
      bounding box and the mask is "cell centre inside the boundary".
    * With ``None``, the grid covers the bounding box of the points ``x_m``/``y_m`` and every cell is in
      the mask.

    The grid origin is snapped down to a multiple of the cell size, so cell edges fall on round BNG
    coordinates and grids for the same area are identical from run to run. ``cell_size_m=None`` picks
    the size with :func:`auto_cell_size_m` (sfhotspot's rule) and says so in the notes.

    Returns ``(grid, notes)``; notes are also logged.
    """
    notes: list[str] = []
    if boundary_rings_bng is not None:
        if len(boundary_rings_bng) == 0:
            raise ValueError("boundary_rings_bng is empty")
        allpts = np.concatenate([np.asarray(r, dtype=np.float64).reshape(-1, 2) for r in boundary_rings_bng])
        if not np.isfinite(allpts).all():
            raise ValueError("boundary coordinates must be finite")
        bx0, by0 = allpts.min(axis=0)
        bx1, by1 = allpts.max(axis=0)
        source = "study-area boundary"
    else:
        if x_m is None or y_m is None:
            raise ValueError("give boundary_rings_bng or both x_m and y_m")
        x = np.asarray(x_m, dtype=np.float64).ravel()
        y = np.asarray(y_m, dtype=np.float64).ravel()
        if x.shape != y.shape:
            raise ValueError("x_m and y_m must have the same length")
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.any():
            raise ValueError("no finite points to build a grid from")
        if (~ok).any():
            notes.append(f"{int((~ok).sum())} points with missing coordinates ignored when building the grid")
        bx0, bx1 = float(x[ok].min()), float(x[ok].max())
        by0, by1 = float(y[ok].min()), float(y[ok].max())
        source = "bounding box of the points"

    if cell_size_m is None:
        cell_size_m, why = auto_cell_size_m(float(bx1 - bx0), float(by1 - by0))
        notes.append(why)
    elif not (cell_size_m > 0 and math.isfinite(cell_size_m)):
        raise ValueError(f"cell_size_m must be positive, got {cell_size_m!r}")
    cs = float(cell_size_m)

    x_min = math.floor(bx0 / cs) * cs
    y_min = math.floor(by0 / cs) * cs
    if boundary_rings_bng is not None:
        # cells wholly beyond the boundary's max edge cannot have their centre inside it
        n_cols = max(1, math.ceil((bx1 - x_min) / cs))
        n_rows = max(1, math.ceil((by1 - y_min) / cs))
    else:
        # half-open cells: a point exactly on the max edge needs the next cell
        n_cols = math.floor((bx1 - x_min) / cs) + 1
        n_rows = math.floor((by1 - y_min) / cs) + 1
    if n_cols * n_rows > MAX_GRID_CELLS:
        raise ValueError(
            f"grid of {n_cols}×{n_rows} cells at {cs:g} m is too large; check for stray points "
            "(e.g. at 0,0) or pass a larger cell_size_m"
        )

    if boundary_rings_bng is not None:
        probe = Grid(x_min, y_min, cs, n_cols, n_rows, np.ones((n_rows, n_cols), dtype=bool))
        cx, cy = probe.cell_centres()
        mask = points_in_rings(cx, cy, boundary_rings_bng).reshape(n_rows, n_cols)
        if not mask.any():
            raise ValueError(
                f"no cell centre at {cs:g} m falls inside the boundary; use a smaller cell_size_m"
            )
    else:
        mask = np.ones((n_rows, n_cols), dtype=bool)
    grid = Grid(x_min, y_min, cs, n_cols, n_rows, mask)
    notes.append(
        f"grid of {n_cols}×{n_rows} cells of {cs:g} m over the {source}; "
        f"{grid.n_cells_in_mask} cells in the study area (EPSG:27700)"
    )
    if grid.n_cells_in_mask > LARGE_GRID_CELLS:
        notes.append(
            f"large grid: {grid.n_cells_in_mask} cells in the study area (more than {LARGE_GRID_CELLS:,})"
        )
    for note in notes:
        logger.info(note)
    return grid, notes


@dataclass(frozen=True)
class CountResult:
    """Counts per cell plus an account of the points that were not counted."""

    counts: np.ndarray  # (n_rows, n_cols) float; 0 outside the mask
    n_points: int
    n_counted: int
    n_missing_coords: int
    n_outside_grid: int
    n_outside_mask: int
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return _json_dict(
            {
                "counts": self.counts,
                "n_points": self.n_points,
                "n_counted": self.n_counted,
                "n_missing_coords": self.n_missing_coords,
                "n_outside_grid": self.n_outside_grid,
                "n_outside_mask": self.n_outside_mask,
                "notes": list(self.notes),
            }
        )


def hotspot_count_with_notes(
    x_m: ArrayLike,
    y_m: ArrayLike,
    grid: Grid,
    *,
    weights: ArrayLike | None = None,
    cell_index: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> CountResult:
    """Count (or sum ``weights`` of) points per cell, reporting what was left out.

    Points with missing coordinates or weights, outside the grid extent, or in cells outside the mask
    are not counted; how many of each is returned and noted (never dropped silently).
    ``cell_index``: ``grid.index_of(x_m, y_m)`` when the caller already has it (large inputs).
    """
    x = np.asarray(x_m, dtype=np.float64).ravel()
    y = np.asarray(y_m, dtype=np.float64).ravel()
    if x.shape != y.shape:
        raise ValueError("x_m and y_m must have the same length")
    if weights is None:
        w = np.ones_like(x)
    else:
        w = np.asarray(weights, dtype=np.float64).ravel()
        if w.shape != x.shape:
            raise ValueError("weights must have one value per point")
    finite = np.isfinite(x) & np.isfinite(y) & np.isfinite(w)
    row, col, inside = cell_index if cell_index is not None else grid.index_of(x, y)
    in_extent = row >= 0
    use = inside & finite
    flat = row[use] * grid.n_cols + col[use]
    counts = np.bincount(flat, weights=w[use], minlength=grid.n_rows * grid.n_cols).astype(np.float64)
    counts = counts.reshape(grid.n_rows, grid.n_cols)
    n_missing = int((~finite).sum())
    n_out_grid = int((finite & ~in_extent).sum())
    n_out_mask = int((finite & in_extent & ~inside).sum())
    notes: list[str] = []
    if n_missing:
        notes.append(f"{n_missing} points with missing coordinates or weights not counted")
    if n_out_grid:
        notes.append(f"{n_out_grid} points outside the grid extent not counted")
    if n_out_mask:
        notes.append(f"{n_out_mask} points outside the study area not counted")
    for note in notes:
        logger.info(note)
    return CountResult(
        counts=counts,
        n_points=int(x.size),
        n_counted=int(use.sum()),
        n_missing_coords=n_missing,
        n_outside_grid=n_out_grid,
        n_outside_mask=n_out_mask,
        notes=notes,
    )


def hotspot_count(
    x_m: ArrayLike, y_m: ArrayLike, grid: Grid, *, weights: ArrayLike | None = None
) -> np.ndarray:
    """Counts per cell, ``(n_rows, n_cols)`` float, 0 outside the mask.

    Points outside the grid or the mask are not counted; use :func:`hotspot_count_with_notes` to get
    how many.
    """
    return hotspot_count_with_notes(x_m, y_m, grid, weights=weights).counts
