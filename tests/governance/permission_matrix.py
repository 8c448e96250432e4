"""Permission-matrix rows for the governance pages (merged into tests/permission_matrix.py).

The privacy notice, accessibility statement and cookies page are public: anyone may read them,
signed in or not (the accessibility regulations and UK GDPR Art 13 require them to be available)."""

from __future__ import annotations

from tests.permission_matrix import PUBLIC_PAGE, Entry

MATRIX: dict[str, Entry] = {
    "governance:privacy": Entry(expect=PUBLIC_PAGE),
    "governance:accessibility": Entry(expect=PUBLIC_PAGE),
    "governance:cookies": Entry(expect=PUBLIC_PAGE),
}
