"""The one WGS84 → British National Grid transformer (pyproj), created on first use.

Creating a pyproj Transformer costs ~50 ms and importing pyproj ~40 ms; an assessment over a store
without boundary files never needs either.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def to_bng_transformer() -> Any:
    import pyproj

    return pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
