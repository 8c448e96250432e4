"""scripts/check_test_databases.py: after a PostgreSQL run, the test databases it made must be gone
(new-user review item 37). The check must see every xdist worker's database and nothing else."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import REPO_ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_test_databases", REPO_ROOT / "scripts" / "check_test_databases.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_finds_the_test_database_and_each_workers_copy_only() -> None:
    names = [
        "h_public",  # the base database itself
        "test_h_public",
        "test_h_public_gw0",
        "test_h_public_gw11",
        "test_h_public_other",  # not pytest-django's name for this base
        "test_h_publicx_gw0",  # another base whose name starts the same
        "test",
        "postgres",
    ]
    assert _script().left_behind(names, "h_public") == [
        "test_h_public",
        "test_h_public_gw0",
        "test_h_public_gw11",
    ]


def test_a_url_without_a_database_is_refused() -> None:
    assert _script().main("postgresql://postgres@127.0.0.1:5432/") == 2
    assert _script().main("sqlite:///tmp/x.sqlite3") == 2
