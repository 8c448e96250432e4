"""Ingest under concurrency and SIGKILL (security review finding 17), with the real command.

- Two ingests started together into one store both finish, and the manifest lists every partition
  of both (before the lock, it kept only one run's half).
- An ingest killed with SIGKILL at several moments, then run again, gives exactly the store of a
  clean run, and no staging folder or temporary manifest is left behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample" / "police_uk"
CSPHUB = [sys.executable, "-c", "from csphub.cli import main; main()"]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SAMPLE.is_dir(), reason="shipped sample missing")]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    env["CSPHUB_SAMPLE_DIR"] = str(REPO / "data" / "sample")
    env["CSPHUB_REFERENCE_DIR"] = str(REPO / "data" / "sample")
    return env


def _ingest(paths: list[Path], data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CSPHUB, "ingest", "police-uk", *map(str, paths), "--data-dir", str(data_dir)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _state(data_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(manifest sha256 per partition, content hash of every stored file)."""
    root = data_dir / "analytics"
    manifest = json.loads((root / "manifest.json").read_text())
    files = {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in ("manifest.json", ".lock")
    }
    return {k: v["sha256"] for k, v in manifest["partitions"].items()}, files


def _debris(data_dir: Path) -> list[Path]:
    root = data_dir / "analytics"
    return [*root.glob(".staging-*"), *root.glob(".manifest-*")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    data_dir = tmp_path_factory.mktemp("reference")
    run = _ingest([SAMPLE], data_dir)
    assert run.wait(600) == 0, run.stdout.read().decode() if run.stdout else ""
    return _state(data_dir)


def test_two_concurrent_ingests_keep_both_halves(tmp_path: Path, reference: tuple[dict, dict]) -> None:
    months = sorted(p for p in SAMPLE.iterdir() if p.is_dir())
    halves = [tmp_path / "first", tmp_path / "second"]
    for half, chosen in zip(halves, (months[::2], months[1::2]), strict=True):
        half.mkdir()
        for month in chosen:
            shutil.copytree(month, half / month.name)
    data_dir = tmp_path / "data"
    runs = [_ingest([half], data_dir) for half in halves]
    for run in runs:
        assert run.wait(600) == 0, run.stdout.read().decode() if run.stdout else ""
    manifest, files = _state(data_dir)
    assert manifest == reference[0]  # every partition of both runs, as one clean run
    assert files == reference[1]
    assert not _debris(data_dir)


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_sigkill_then_rerun_equals_a_clean_run(
    tmp_path: Path, reference: tuple[dict, dict], delay: float
) -> None:
    data_dir = tmp_path / "data"
    run = _ingest([SAMPLE], data_dir)
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    run.wait(60)
    again = _ingest([SAMPLE], data_dir)
    assert again.wait(600) == 0, again.stdout.read().decode() if again.stdout else ""
    assert _state(data_dir) == reference
    assert not _debris(data_dir)
