"""gunicorn's server hooks for ``csphub serve --production`` (``-c python:csphub.config.gunicorn_hooks``)."""

from __future__ import annotations

from typing import Any


def on_starting(server: Any) -> None:
    """In the master, after ``--preload`` has loaded the app and before any worker is forked:
    warm it once (:mod:`csphub.config.warmup`) so every worker, and every one recycled later,
    starts warm."""
    from csphub.config.warmup import warm

    views, templates = warm()
    server.log.info("Warmed before forking: %d views imported, %d templates compiled", views, templates)
