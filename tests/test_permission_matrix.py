"""Every URL × every persona × a record of another agency → the expected status.

A named URL without a row in ``tests/permission_matrix.py`` (or an app's own matrix file) fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_matrix import MATRIX, PERSONAS


def _named_urls(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    names: list[str] = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            names += _named_urls(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return sorted(set(names))


URL_NAMES = _named_urls()


def test_every_url_has_a_matrix_entry() -> None:
    missing = [name for name in URL_NAMES if name not in MATRIX]
    assert not missing, f"Add permission-matrix entries for: {missing}"


def test_matrix_has_no_stale_entries() -> None:
    namespaces = {name.split(":")[0] for name in URL_NAMES}
    # Rows of apps not installed in this run (CSPHUB_ONLY_APPS) are not stale.
    stale = [name for name in MATRIX if name not in URL_NAMES and name.split(":")[0] in namespaces]
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("url_name", [n for n in URL_NAMES if n in MATRIX])
def test_permission_matrix(url_name: str, world: Any, client_as: Any, client: Any) -> None:
    entry = MATRIX[url_name]
    kwargs = entry.make(world) if entry.make else {}
    url = reverse(url_name, kwargs=kwargs)
    failures = []
    for persona in PERSONAS:
        http = client if persona == "anonymous" else client_as(persona)
        response = http.post(url, entry.data) if entry.method == "POST" else http.get(url)
        expected = entry.expected_for(persona)
        if response.status_code != expected:
            failures.append(f"{persona}: got {response.status_code}, expected {expected}")
        if response.status_code == 404 and persona != "anonymous":
            body = response.content.decode(errors="replace")
            assert "Example-Matrix" not in body, f"{url_name} leaks the record to {persona}"
    assert not failures, f"{url_name} ({url}):\n" + "\n".join(failures)
