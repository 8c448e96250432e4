from __future__ import annotations

from tests.insights.conftest import amber_valley_run, data_dir, sample_store

__all__ = ["amber_valley_run", "data_dir", "sample_store"]
