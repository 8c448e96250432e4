"""Multiple-testing adjustment of p-values (no statsmodels dependency).

All methods return *adjusted* p-values (capped at 1) so that "reject when ``p_adj <= alpha``" is the
procedure's decision at level ``alpha``. NaN p-values (e.g. cells where a statistic is undefined) are
left as NaN and do not count towards the number of tests ``m``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

P_ADJUST_METHODS = ("fdr_bh", "by", "holm", "bonferroni", "none")

P_ADJUST_DESCRIPTIONS = {
    "fdr_bh": "Benjamini–Hochberg false discovery rate",
    "by": "Benjamini–Yekutieli false discovery rate (valid under any dependence)",
    "holm": "Holm step-down family-wise error rate",
    "bonferroni": "Bonferroni family-wise error rate",
    "none": "no adjustment for multiple testing",
}


def adjust_p(p_values: ArrayLike, method: str = "fdr_bh") -> NDArray[np.float64]:
    """Adjusted p-values, same shape as ``p_values``.

    With the ``m`` finite p-values sorted ascending ``p_(1) <= ... <= p_(m)``:

    * ``bonferroni``: ``min(1, m·p)``.
    * ``holm``: ``p_adj_(i) = max_{j<=i} min(1, (m-j+1)·p_(j))``.
    * ``fdr_bh``: ``p_adj_(i) = min_{j>=i} min(1, m·p_(j)/j)``.
    * ``by``: as ``fdr_bh`` with ``m`` replaced by ``m·Σ_{k=1..m} 1/k``.
    * ``none``: unchanged.
    """
    if method not in P_ADJUST_METHODS:
        raise ValueError(f"p_adjust must be one of {P_ADJUST_METHODS}, got {method!r}")
    p = np.asarray(p_values, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    flat = p.ravel()
    ok = np.isfinite(flat)
    pv = flat[ok]
    if pv.size and ((pv < 0).any() or (pv > 1).any()):
        raise ValueError("p-values must lie in [0, 1]")
    m = pv.size
    if m == 0 or method == "none":
        out_flat = out.ravel()
        out_flat[ok] = pv
        return out_flat.reshape(p.shape)
    if method == "bonferroni":
        adj = np.minimum(1.0, m * pv)
    else:
        order = np.argsort(pv, kind="stable")
        ps = pv[order]
        ranks = np.arange(1, m + 1, dtype=np.float64)
        if method == "holm":
            adj_sorted = np.maximum.accumulate(np.minimum(1.0, (m - ranks + 1.0) * ps))
        else:
            factor = float(m)
            if method == "by":
                factor *= float(np.sum(1.0 / ranks))
            adj_sorted = np.minimum.accumulate(np.minimum(1.0, factor * ps / ranks)[::-1])[::-1]
        adj = np.empty(m)
        adj[order] = adj_sorted
    out_flat = out.ravel()
    out_flat[ok] = adj
    return out_flat.reshape(p.shape)
