"""Grid hot-spot analysis (sfhotspot-like verbs): grid, counts, KDE, Gi*, classification.

All coordinates are British National Grid (EPSG:27700) metres. Pure library: data in, data out.
"""

from csphub.analytics.hotspots.adjust import P_ADJUST_METHODS, adjust_p
from csphub.analytics.hotspots.classify import ClassifyResult, hotspot_classify
from csphub.analytics.hotspots.gistar import GiStarResult, hotspot_gistar
from csphub.analytics.hotspots.grid import (
    CountResult,
    Grid,
    hotspot_count,
    hotspot_count_with_notes,
    hotspot_grid,
)
from csphub.analytics.hotspots.kde import KdeResult, hotspot_kde

__all__ = [
    "P_ADJUST_METHODS",
    "ClassifyResult",
    "CountResult",
    "GiStarResult",
    "Grid",
    "KdeResult",
    "adjust_p",
    "hotspot_classify",
    "hotspot_count",
    "hotspot_count_with_notes",
    "hotspot_gistar",
    "hotspot_grid",
    "hotspot_kde",
]
