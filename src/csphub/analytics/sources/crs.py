"""WGS84 → British National Grid: the pyproj transformer (created on first use) and the same
transformation in NumPy (``wgs84_to_bng``), used by ingest.

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


# WGS84 → BNG in NumPy: the pipeline PROJ uses for EPSG:4326 → EPSG:27700 when the OSTN15 grid is not
# installed ("Inverse of OSGB36 to WGS 84 (6)" + British National Grid, accuracy ~2 m):
#   cart(WGS84) → inverse 7-parameter Helmert (position vector) → inverse cart(Airy 1830, Bowring)
#   → transverse Mercator (Krüger series to n⁶, as PROJ's Poder/Engsager algorithm).
# It agrees with pyproj to well under a millimetre (tests/analytics/test_crs.py) and avoids pyproj's
# per-call overhead on 12k-row files.
_WGS84_A, _WGS84_F = 6378137.0, 1 / 298.257223563
_AIRY_A, _AIRY_F = 6377563.396, 1 / 299.3249646
_HELMERT_T = (446.448, -125.157, 542.06)  # m, OSGB36 → WGS84
_HELMERT_R_ARCSEC = (0.15, 0.247, 0.842)
_HELMERT_S_PPM = -20.489
_TM_LAT0, _TM_LON0, _TM_K0, _TM_E0, _TM_N0 = 49.0, -2.0, 0.9996012717, 400000.0, -100000.0


@functools.cache
def _tm_constants() -> tuple[float, float, tuple[float, ...], float]:
    import math

    f = _AIRY_F
    e = math.sqrt(f * (2 - f))
    n = f / (2 - f)
    big_a = _AIRY_A / (1 + n) * (1 + n**2 / 4 + n**4 / 64 + n**6 / 256)
    alpha = (
        n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16 + 41 * n**4 / 180 - 127 * n**5 / 288 + 7891 * n**6 / 37800,
        13 * n**2 / 48 - 3 * n**3 / 5 + 557 * n**4 / 1440 + 281 * n**5 / 630 - 1983433 * n**6 / 1935360,
        61 * n**3 / 240 - 103 * n**4 / 140 + 15061 * n**5 / 26880 + 167603 * n**6 / 181440,
        49561 * n**4 / 161280 - 179 * n**5 / 168 + 6601661 * n**6 / 7257600,
        34729 * n**5 / 80640 - 3418889 * n**6 / 1995840,
        212378941 * n**6 / 319334400,
    )
    phi0 = math.radians(_TM_LAT0)
    chi0 = math.atan(math.sinh(math.asinh(math.tan(phi0)) - e * math.atanh(e * math.sin(phi0))))
    xi0 = chi0 + sum(a * math.sin(2 * (j + 1) * chi0) for j, a in enumerate(alpha))
    return e, big_a, alpha, big_a * xi0


#: Area of use (lon/lat bounding box) of "OSGB36 to WGS 84 (6)": outside it PROJ switches to another
#: operation (a ballpark shift, ~130 m off), so points there (and within 1e-6° of its edges) go to pyproj.
_HELMERT_AREA = (-8.82, 49.79, 1.92, 60.94)


def wgs84_to_bng(lon: Any, lat: Any) -> tuple[Any, Any]:
    """WGS84 longitude/latitude (degrees, 1-D NumPy arrays, height 0) → BNG easting/northing (metres),
    as pyproj's EPSG:4326 → EPSG:27700 without the OSTN15 grid (within ~1e-8 m). NaN in, inf out (as pyproj)."""
    import numpy as np

    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    x, y = _helmert_tm(lon, lat)
    w, s, e, n = _HELMERT_AREA
    eps = 1e-6
    with np.errstate(invalid="ignore"):
        inside = (lon > w + eps) & (lon < e - eps) & (lat > s + eps) & (lat < n - eps)
    missing = np.isnan(lon) | np.isnan(lat)
    x[missing] = y[missing] = np.inf  # as pyproj
    other = ~inside & ~missing
    if other.any():
        ox, oy = to_bng_transformer().transform(lon[other], lat[other])
        x[other], y[other] = ox, oy
    return x, y


def _helmert_tm(lon: Any, lat: Any) -> tuple[Any, Any]:
    import numpy as np

    lam = np.radians(np.asarray(lon, dtype=np.float64))
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    # geodetic (WGS84, h = 0) → geocentric
    es = _WGS84_F * (2 - _WGS84_F)
    sphi, cphi = np.sin(phi), np.cos(phi)
    nu = _WGS84_A / np.sqrt(1 - es * sphi * sphi)
    x, y, z = nu * cphi * np.cos(lam), nu * cphi * np.sin(lam), nu * (1 - es) * sphi
    # inverse Helmert, position vector convention, as PROJ: X = Rᵀ (X' − T) / (1 + s)
    rx, ry, rz = (np.radians(r / 3600.0) for r in _HELMERT_R_ARCSEC)
    scale = 1 + _HELMERT_S_PPM * 1e-6
    x, y, z = ((x - _HELMERT_T[0]) / scale, (y - _HELMERT_T[1]) / scale, (z - _HELMERT_T[2]) / scale)
    x, y, z = x + rz * y - ry * z, -rz * x + y + rx * z, ry * x - rx * y + z
    # geocentric → geodetic on Airy 1830 (Bowring, as PROJ's cart); only sin φ and the longitude's
    # sine/cosine from the central meridian are needed, so no angle is formed
    ea = _AIRY_F * (2 - _AIRY_F)
    b = _AIRY_A * (1 - _AIRY_F)
    p = np.hypot(x, y)
    theta = np.arctan2(z * _AIRY_A, p * b)
    st, ct = np.sin(theta), np.cos(theta)
    num = z + ea / (1 - ea) * b * st**3
    sphi = num / np.hypot(num, p - ea * _AIRY_A * ct**3)
    l0 = np.radians(_TM_LON0)
    clam = (x * np.cos(l0) + y * np.sin(l0)) / p
    slam = (y * np.cos(l0) - x * np.sin(l0)) / p
    # transverse Mercator (Krüger series): conformal latitude, then the complex series by Clenshaw
    e, big_a, alpha, m0 = _tm_constants()
    tau = np.sinh(np.arctanh(sphi) - e * np.arctanh(e * sphi))
    xi_p = np.arctan2(tau, clam)
    eta_p = np.arcsinh(slam / np.hypot(tau, clam))
    s2, c2 = np.sin(2 * xi_p), np.cos(2 * xi_p)
    sh2 = np.sinh(2 * eta_p)
    ch2 = np.sqrt(1 + sh2 * sh2)
    cos2 = 2 * (c2 * ch2 - 1j * (s2 * sh2))
    b1 = np.zeros(cos2.shape, dtype=np.complex128)
    b2 = np.zeros(cos2.shape, dtype=np.complex128)
    for a in reversed(alpha):
        b1, b2 = a + cos2 * b1 - b2, b1
    d = b1 * (s2 * ch2 + 1j * (c2 * sh2))
    k = _TM_K0 * big_a
    return _TM_E0 + k * (eta_p + d.imag), _TM_N0 + (k * (xi_p + d.real) - _TM_K0 * m0)
