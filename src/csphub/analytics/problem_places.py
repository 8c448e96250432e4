"""Places to open a problem-solving plan for: the assessment's hot spots, grouped into places.

A hot spot is a group of touching hot Gi* cells (the eight neighbours count as touching); it is named
after the busiest repeat place (police.uk's "On or near …" street label) inside it, else after its
busiest cell's grid reference. The cells that are not hot are the pool for comparison cells. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from csphub.analytics.assessment import Hotspots, Repeats

Cell = tuple[int, int]


@dataclass(frozen=True)
class HotSpotPlace:
    key: str  # "col-row" of its busiest cell: stable for one assessment
    label: str
    cells: tuple[Cell, ...]
    count: int  # crimes in its cells over the study period
    repeat_count: int  # crimes at its busiest repeat place, 0 if none is inside


@dataclass(frozen=True)
class GridSpec:
    x_min_m: float
    y_min_m: float
    cell_size_m: float
    n_cols: int
    n_rows: int

    def cell_of(self, x_m: float, y_m: float) -> Cell:
        return int((x_m - self.x_min_m) // self.cell_size_m), int((y_m - self.y_min_m) // self.cell_size_m)

    def to_dict(self) -> dict[str, float | int]:
        return dict(self.__dict__)


def grid_of(hotspots: Hotspots) -> GridSpec:
    g = hotspots.grid
    return GridSpec(g.x_min_m, g.y_min_m, g.cell_size_m, g.n_cols, g.n_rows)


def hot_spot_places(hotspots: Hotspots, repeats: Repeats | None) -> tuple[list[HotSpotPlace], list[Cell]]:
    """The hot spots as places, busiest first, and the study area's cells that are not hot."""
    grid = grid_of(hotspots)
    cells = hotspots.gistar.cells
    hot: dict[Cell, int] = {}
    cold_pool: list[Cell] = []
    for x, y, n, is_hot in zip(cells.cell_x_m, cells.cell_y_m, cells.count, cells.is_hot, strict=True):
        cell = grid.cell_of(x, y)
        if is_hot:
            hot[cell] = n
        else:
            cold_pool.append(cell)
    groups: list[list[Cell]] = []
    seen: set[Cell] = set()
    for start in sorted(hot):
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            c = stack.pop()
            group.append(c)
            for dc in (-1, 0, 1):
                for dr in (-1, 0, 1):
                    nb = (c[0] + dc, c[1] + dr)
                    if nb in hot and nb not in seen:
                        seen.add(nb)
                        stack.append(nb)
        groups.append(sorted(group))
    places: list[HotSpotPlace] = []
    for group in groups:
        members = set(group)
        busiest = max(group, key=lambda c: (hot[c], -c[0], -c[1]))
        inside = [p for p in (repeats.top_places if repeats else ()) if grid.cell_of(p.x_m, p.y_m) in members]
        top = max(inside, key=lambda p: p.count) if inside else None
        if top is not None and top.location:
            label = top.location
        else:
            x = grid.x_min_m + (busiest[0] + 0.5) * grid.cell_size_m
            y = grid.y_min_m + (busiest[1] + 0.5) * grid.cell_size_m
            label = f"Grid square at easting {x:.0f}, northing {y:.0f}"
        places.append(
            HotSpotPlace(
                key=f"{busiest[0]}-{busiest[1]}",
                label=label,
                cells=tuple(group),
                count=sum(hot[c] for c in group),
                repeat_count=top.count if top else 0,
            )
        )
    places.sort(key=lambda p: (-p.count, p.key))
    return places, sorted(cold_pool)
