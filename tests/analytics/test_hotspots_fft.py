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


@pytest.mark.parametrize(
    ("shape", "kshape"),
    [((57, 51), (3, 3)), ((40, 63), (13, 13)), ((5, 7), (13, 13)), ((30, 30), (7, 9)), ((1, 9), (3, 3))],
)
@pytest.mark.parametrize("kind", ["counts", "floats"])
def test_correlate_constant_matches_ndimage_exactly(shape, kshape, kind):
    from scipy import ndimage

    from csphub.analytics.hotspots._fft import correlate_constant

    rng = np.random.default_rng(7)
    a = rng.poisson(3.0, shape).astype(np.float64) if kind == "counts" else rng.random(shape) * 100
    k = rng.random(kshape)
    k[k < 0.2] = 0.0
    ours = correlate_constant(a, k)
    ref = ndimage.correlate(a, k, mode="constant", cval=0.0)
    assert np.array_equal(ours, ref)
