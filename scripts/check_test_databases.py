"""Fail when a PostgreSQL test run left its test databases behind (new-user review item 37).

pytest-django names them ``test_<name>`` and, under xdist, ``test_<name>_gw0``, ``test_<name>_gw1``...
for the database ``<name>`` in the URL. tests/conftest.py closes the sessions that would stop
PostgreSQL dropping them; this check, run after ``make test-postgres``, keeps that true. It only
lists: it never drops a database.

Usage: python scripts/check_test_databases.py postgresql://user@host:port/name
"""

from __future__ import annotations

import re
import sys
from urllib.parse import unquote, urlsplit

import psycopg


def left_behind(names: list[str], base: str) -> list[str]:
    """The names among ``names`` that are test databases pytest-django makes for ``base``."""
    pattern = re.compile(rf"test_{re.escape(base)}(_gw[0-9]+)?")
    return sorted(name for name in names if pattern.fullmatch(name))


def main(url: str) -> int:
    parts = urlsplit(url)
    base = unquote(parts.path.lstrip("/"))
    if parts.scheme not in ("postgres", "postgresql") or not base:
        print(f"not a PostgreSQL database URL with a database name: {url}", file=sys.stderr)
        return 2
    conninfo = parts._replace(path="/postgres").geturl()
    with psycopg.connect(conninfo, autocommit=True) as connection:
        names = [row[0] for row in connection.execute("SELECT datname FROM pg_database").fetchall()]
    found = left_behind(names, base)
    if found:
        print("The test run left these test databases behind: " + ", ".join(found), file=sys.stderr)
        return 1
    print(f"No test databases of {base} left behind.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
