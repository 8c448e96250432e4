"""The production server warms the app in gunicorn's master before forking (docs/reliability.md:
fresh workers' first requests were in the load test's slowest 5 %)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.template import engines
from django.urls import get_resolver

from csphub.cli_platform import gunicorn_argv
from csphub.config import warmup


@pytest.fixture(autouse=True)
def _unfreeze() -> Iterator[None]:
    yield
    gc.unfreeze()  # warm() freezes what is alive; the rest of this test process may collect it


def _cached_loader() -> Any:
    (loader,) = engines["django"].engine.template_loaders  # type: ignore[attr-defined]
    return loader


def test_warm_compiles_every_template_of_the_apps() -> None:
    loader = _cached_loader()
    loader.reset()
    warmup.warm()
    names = warmup.template_names()
    assert {"404.html", "cases/_related.html"} <= set(names)
    assert len(names) > 200
    missing = [name for name in names if name not in loader.get_template_cache]
    assert missing == []


WARM_IN_A_FRESH_PROCESS = """
import django
django.setup()
from django.db import connection
connection.ensure_connection()  # as if something at import time had opened one
from csphub.config import warmup
warmup.warm()
print("open" if connection.connection is not None else "closed")
import gc
print("frozen" if gc.get_freeze_count() > 10000 else "not frozen")
"""


def test_warm_leaves_no_connection_open_and_freezes_the_loaded_objects_before_the_fork(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "csphub.config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'warm.sqlite3'}",
        "CSPHUB_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", WARM_IN_A_FRESH_PROCESS], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["closed", "frozen"]


def test_warm_loads_the_lazily_included_api_urls() -> None:
    warmup.warm()
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api_v1")
    assert api._loaded()  # type: ignore[union-attr]


def test_gunicorn_preloads_the_app_so_workers_fork_warm() -> None:
    argv = gunicorn_argv("127.0.0.1:8000", 2, 4)
    assert "--preload" in argv
    assert argv[argv.index("--config") + 1] == "python:csphub.config.gunicorn_hooks"
    assert int(argv[argv.index("--keep-alive") + 1]) > 60  # above the proxy's idle upstream timeout
    assert argv[argv.index("gunicorn") + 1] == "csphub.config.wsgi:application"
