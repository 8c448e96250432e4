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
