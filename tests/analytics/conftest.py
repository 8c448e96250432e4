"""Fixtures for the analytics tests: the shipped sample, ingested once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from csphub.analytics import pipeline
from csphub.analytics.sources.reference import DATA_DIR as REFERENCE_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "data" / "sample"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The national reference shipped with the package."""
    return REFERENCE_DIR


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "police_uk_street_derbyshire_2023_2024").exists():
        pytest.skip("../shared/data not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the ingested sample (read-only for tests)."""
    data_dir = tmp_path_factory.mktemp("sample-data")
    pipeline.ingest_sample(data_dir)
    return data_dir


@pytest.fixture(scope="session")
def sample_assessment(sample_store: Path) -> pipeline.Assessment:
    return pipeline.run_assessment(
        "Amber Valley", date_from="2024-01", date_to="2024-12", data_dir=sample_store
    )
