"""``fftconvolve(a, k, mode="same")`` for 2-D float arrays, without importing ``scipy.signal``.

``scipy.signal`` costs over a second to import cold (it pulls in much of SciPy); the assessment only
needs FFT convolution. This is the same computation as ``scipy.signal.fftconvolve`` (same padded FFT
lengths from ``scipy.fft.next_fast_len``, real FFTs, same centring), so results are bit-for-bit equal
(tested against ``scipy.signal`` in tests/analytics/test_hotspots_fft.py).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def fftconvolve_same(in1: NDArray[np.float64], in2: NDArray[np.float64]) -> NDArray[np.float64]:
    a = np.asarray(in1, dtype=np.float64)
    b = np.asarray(in2, dtype=np.float64)
    if a.ndim != b.ndim or a.size == 0 or b.size == 0 or any(n == 1 for n in (*a.shape, *b.shape)):
        # degenerate shapes: SciPy's broadcasting rules apply; use it directly (rare)
        from scipy import signal

        return np.asarray(signal.fftconvolve(a, b, mode="same"), dtype=np.float64)
    from scipy import fft as sp_fft

    shape = [a.shape[i] + b.shape[i] - 1 for i in range(a.ndim)]
    fshape = [sp_fft.next_fast_len(s, True) for s in shape]
    axes = list(range(a.ndim))
    sp1 = sp_fft.rfftn(a, fshape, axes=axes)
    sp2 = sp_fft.rfftn(b, fshape, axes=axes)
    ret = sp_fft.irfftn(sp1 * sp2, fshape, axes=axes)
    ret = ret[tuple(slice(s) for s in shape)]
    start = [(ret.shape[i] - a.shape[i]) // 2 for i in range(a.ndim)]
    return np.array(ret[tuple(slice(st, st + n) for st, n in zip(start, a.shape, strict=True))])


def correlate_constant(values: NDArray[np.float64], kernel: NDArray[np.float64]) -> NDArray[np.float64]:
    """``scipy.ndimage.correlate(values, kernel, mode="constant", cval=0.0)`` for 2-D float arrays and
    odd-sided kernels, as NumPy shifted sums (``scipy.ndimage`` costs ~0.2 s to import).

    Same arithmetic in the same order as ndimage: for every cell, ``sum += value * weight`` over the
    non-zero kernel weights in row-major order, cells beyond the edge counting as 0; results are
    bit-for-bit equal (tested against ``scipy.ndimage``). Other shapes fall back to SciPy.
    """
    v = np.asarray(values, dtype=np.float64)
    k = np.asarray(kernel, dtype=np.float64)
    if v.ndim != 2 or k.ndim != 2 or k.shape[0] % 2 == 0 or k.shape[1] % 2 == 0 or v.size == 0:
        from scipy import ndimage

        return np.asarray(ndimage.correlate(v, k, mode="constant", cval=0.0), dtype=np.float64)
    n_rows, n_cols = v.shape
    hr, hc = k.shape[0] // 2, k.shape[1] // 2
    out = np.zeros_like(v)
    for i in range(k.shape[0]):
        dy = i - hr
        if abs(dy) >= n_rows:
            continue
        for j in range(k.shape[1]):
            w = float(k[i, j])
            dx = j - hc
            if w == 0.0 or abs(dx) >= n_cols:
                continue
            # out[r, c] += v[r + dy, c + dx] * w where the source cell exists
            r0, r1 = max(0, -dy), min(n_rows, n_rows - dy)
            c0, c1 = max(0, -dx), min(n_cols, n_cols - dx)
            out[r0:r1, c0:c1] += v[r0 + dy : r1 + dy, c0 + dx : c1 + dx] * w
    return out
