"""The development server starts a background worker (police.uk uploads) and stops it with itself,
on Ctrl+C and on SIGTERM alike, so that no worker is left running against the data folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

CSPHUB = [sys.executable, "-c", "from csphub.cli import main; main()"]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_serve_starts_a_worker_and_sigterm_stops_both(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "CSPHUB_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "csphub.config.settings.local",
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [*CSPHUB, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        worker = None
        deadline = time.monotonic() + 60
        while worker is None and time.monotonic() < deadline:
            for child in _children(server.pid):
                if b"worker" in Path(f"/proc/{child}/cmdline").read_bytes():
                    worker = child
            time.sleep(0.2)
        assert worker is not None, "csphub serve started no worker"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(worker), "the worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
