"""Review items 13-15: `make demo` takes HOST and PORT, `make otp` takes PERSONA and never the
shell's own USER, and the demo says where its e-mails go (the terminal running it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]


def _dry_run(*args: str, user: str = "alice") -> str:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    env = {**os.environ, "USER": user}
    result = subprocess.run(
        [make, "-n", "-C", str(REPO), *args], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout


def test_make_demo_passes_host_and_port() -> None:
    assert "csphub demo --host 127.0.0.1 --port 8000" in _dry_run("demo")
    assert "csphub demo --host 0.0.0.0 --port 8101" in _dry_run("demo", "HOST=0.0.0.0", "PORT=8101")


def test_make_otp_ignores_the_login_name() -> None:
    plain = _dry_run("otp", user="alice")
    assert "demo-otp avbc_caseworker" in plain and "alice" not in plain
    assert "demo-otp police_caseworker" in _dry_run("otp", "PERSONA=police_caseworker")


def test_demo_serves_on_the_chosen_address_and_says_where_e_mails_go(monkeypatch: Any) -> None:
    import django.core.management

    from csphub import cli_platform
    from csphub.cli import main
    from csphub.demo import loader

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(django.core.management, "call_command", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(loader, "load_demo", lambda progress: None)
    monkeypatch.setattr(cli_platform, "_current_code", lambda username: "123456")
    every_interface = "0.0.0.0"  # noqa: S104 - what a user types to serve the demo on a LAN
    result = CliRunner().invoke(
        main, ["demo", "--without-assessment", "--host", every_interface, "--port", "8101"]
    )
    assert result.exit_code == 0, result.output
    assert ("runserver", "0.0.0.0:8101") in calls
    assert "Serving on http://127.0.0.1:8101/" in result.output
    assert "are not sent: each is written as a file in" in result.output and "outbox" in result.output
    assert "make otp PERSONA=" in result.output and "USER=" not in result.output
    help_text = CliRunner().invoke(main, ["demo", "--help"]).output
    assert "--host" in help_text and "127.0.0.1:8000" not in help_text


def test_top_level_help_cuts_no_description_short() -> None:
    """Review item 40: `csphub --help` showed "manage: Run a Django management command, e.g."."""
    from csphub.cli import main

    output = CliRunner(env={"COLUMNS": "100"}).invoke(main, ["--help"], terminal_width=100).output
    commands = output.split("Commands:")[1]
    assert "..." not in commands and "e.g.\n" not in commands, commands
    assert "Run a Django management command (for example: csphub manage check)." in " ".join(commands.split())
    assert "Load data into the analytics store" in commands
