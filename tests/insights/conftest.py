from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the shipped police.uk sample ingested once per test session."""
    from csphub.analytics import pipeline

    data_dir = tmp_path_factory.mktemp("insights-data")
    pipeline.ingest_sample(data_dir)
    return data_dir


@pytest.fixture
def data_dir(sample_store: Path, settings: Any) -> Path:
    settings.DATA_DIR = sample_store
    return sample_store


@pytest.fixture
def amber_valley_run(data_dir: Path, persona: Any) -> Any:
    from csphub.insights.services import assessment_run

    return assessment_run(
        actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
    )
