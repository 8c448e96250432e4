"""Edit forms carry the version of the record they were read at (csphub.core.concurrency).

Tests that post an edit form directly do what a browser does: open the form first and send its
hidden version back with the answers.
"""

from __future__ import annotations

import re
from typing import Any

from csphub.core.concurrency import VERSION_FIELD

_HIDDEN = re.compile(rf'name="{VERSION_FIELD}" value="([^"]+)"')


def form_version(client: Any, url: str) -> str | None:
    """The version the form at ``url`` carries now (None when the page shows no versioned form)."""
    match = _HIDDEN.search(client.get(url).content.decode())
    return match.group(1) if match else None


def with_version(client: Any, url: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` plus the version of the form at ``url``, as a browser would send it."""
    version = form_version(client, url)
    return data if version is None else {**data, VERSION_FIELD: version}


class BrowserLikeClient:
    """A Django test client that, like a browser, opens a form before posting it: a POST without a
    version gets the version the form at that URL carries now. Everything else is the client's."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def post(self, path: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        if isinstance(data, dict) and VERSION_FIELD not in data:
            data = with_version(self._client, path, data)
        return self._client.post(path, data, *args, **kwargs)
