"""The SciPy-free-import FFT convolution equals scipy.signal.fftconvolve bit for bit."""

import numpy as np
import pytest
from scipy import signal

from csphub.analytics.hotspots._fft import fftconvolve_same


@pytest.mark.parametrize(
    ("shape", "kshape"), [((57, 51), (9, 9)), ((40, 63), (41, 41)), ((5, 7), (13, 13)), ((1, 9), (3, 3))]
)
def test_fftconvolve_same_matches_scipy_exactly(shape, kshape):
    rng = np.random.default_rng(1)
    a = rng.poisson(3.0, shape).astype(np.float64)
    k = rng.random(kshape)
    ours = fftconvolve_same(a, k)
    ref = signal.fftconvolve(a, k, mode="same")
    assert ours.shape == ref.shape
    assert np.array_equal(ours, ref)
