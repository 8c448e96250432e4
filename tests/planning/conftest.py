from __future__ import annotations

from tests.cases.conftest import make_case, make_incident, make_person
from tests.insights.conftest import amber_valley_run, data_dir, sample_store

__all__ = ["amber_valley_run", "data_dir", "make_case", "make_incident", "make_person", "sample_store"]
