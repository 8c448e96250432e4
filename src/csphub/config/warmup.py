"""Warming the app once, in gunicorn's master process, before it forks its workers.

``csphub serve --production`` runs gunicorn with ``--preload``, which loads the WSGI app in the
master, and a hook (:mod:`csphub.config.gunicorn_hooks`) that calls :func:`warm` there; every
worker, including each one ``--max-requests`` recycles later, is a fork of it. Without this, each
fresh worker imported the views behind each URL and compiled each template on its first requests,
which put those requests in the load test's slowest 5 % (docs/reliability.md). Nothing here
touches the database, and no connection is left open to be shared by the forked workers.

Last, every object alive then is moved out of the garbage collector's reach (``gc.freeze()``, as
Python's documentation advises before a fork): the workers' collections no longer walk the
~200,000 objects of the loaded app, which cut the load mix's CPU per request by about 8 %
(benchmarks/bench_request_cpu.py, 29.1 -> 25.8 and 27.1 -> 25.0 ms), and do not write to the
pages they share with the master.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connections
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver

TEMPLATE_SUFFIXES = {".html", ".txt"}


def _views(patterns: Iterable[URLPattern | URLResolver]) -> int:
    """Import every URLconf and view module (a lazily loaded include is loaded by reading its
    ``url_patterns``); returns the number of views."""
    count = 0
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            count += _views(pattern.url_patterns)
            pattern.reverse_dict  # noqa: B018 - builds the resolver's lookup tables
        else:
            count += 1
    return count


def template_names() -> list[str]:
    """The Django templates of CSP Hub's own apps, by the names views load them by."""
    names: set[str] = set()
    for app in apps.get_app_configs():
        if not app.name.startswith("csphub."):
            continue
        folder = Path(app.path) / "templates"
        if folder.is_dir():
            names.update(
                path.relative_to(folder).as_posix()
                for path in folder.rglob("*")
                if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
            )
    return sorted(names)


def _templates() -> int:
    engine: Any = engines["django"]
    names = template_names()
    for name in names:
        engine.get_template(name)  # kept by the cached loader, which the workers inherit
    return len(names)


def _models() -> None:
    # Each model's field and relation caches, built on first use otherwise.
    for model in apps.get_models():
        model._meta.get_fields()


def warm() -> tuple[int, int]:
    """Returns the number of views imported and templates compiled."""
    resolver = get_resolver()
    views = _views(resolver.url_patterns)
    resolver.reverse_dict  # noqa: B018
    templates = _templates()
    _models()
    connections.close_all()
    gc.collect()
    gc.freeze()
    return views, templates
