"""The analytics store: Parquet files partitioned by dataset, force and month, queried with DuckDB.

Layout under ``<data_dir>/analytics``::

    street/force=<slug>/month=<YYYY-MM>/data.parquet       (also outcomes/, stop_and_search/)
    quarantine/<dataset>/force=<slug>/month=<YYYY-MM>.csv  file,line,reason,raw
    manifest.json                                          one entry per force-month: source, sha256, counts

Guarantees
- Idempotent: a file whose content hash is already recorded for its force-month changes nothing.
- A re-issued month (different content) replaces that force-month: the new Parquet file is written
  beside the store and moved into place with ``os.replace`` (atomic on one filesystem).
- All-or-nothing per run: every file is read and checked into a staging folder first; any file-level
  error, or the same force-month twice with different content in one run, aborts the run with a
  message naming the file(s) and line, and leaves the store unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from csphub.analytics.geography import Geography, map_lsoa_2011_to_2021
from csphub.analytics.locking import exclusive
from csphub.analytics.sources.police_uk import ParsedFile, PoliceUkFileError, kind_of, parse_file

DATASETS = ("street", "outcomes", "stop_and_search")
# Columns whose values are (nearly) all distinct: dictionary encoding and compression only cost time
# (crime IDs are 64 random hex digits). Everything else is dictionary-encoded and snappy-compressed.
_PLAIN_COLUMNS = frozenset({"crime_id", "line", "longitude", "latitude", "x_m", "y_m"})
_STATS_COLUMNS = frozenset(
    {"month", "crime_type", "lsoa_code", "force", "x_m", "y_m", "date", "outcome_type"}
)


def write_partition(table: pa.Table, path: Path) -> None:
    names = table.column_names
    pq.write_table(
        table,
        path,
        compression={c: ("none" if c == "crime_id" else "snappy") for c in names},
        use_dictionary=[c for c in names if c not in _PLAIN_COLUMNS],
        # min/max statistics only where queries filter (month, type, LSOA, force, coordinates)
        write_statistics=[c for c in names if c in _STATS_COLUMNS],
    )


class IngestError(ValueError):
    """The run was refused; the store is unchanged. ``problems`` lists each message."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        head = (
            self.problems[0]
            if len(self.problems) == 1
            else (f"{len(self.problems)} problems; nothing was stored:\n  " + "\n  ".join(self.problems[:20]))
        )
        super().__init__(head if len(self.problems) != 1 else f"{head} (nothing was stored)")


@dataclass
class FileResult:
    path: str
    dataset: str
    force: str
    month: str
    sha256: str
    status: str  # ingested | replaced | unchanged | duplicate
    rows_input: int = 0
    rows_stored: int = 0
    rows_quarantined: int = 0
    lsoa_2011_mapped: int = 0
    first_quarantined: list[str] = field(default_factory=list)  # "file, line N: reason"


@dataclass
class IngestSummary:
    files: list[FileResult] = field(default_factory=list)
    store_dir: str = ""

    @property
    def rows_input(self) -> int:
        return sum(f.rows_input for f in self.files)

    @property
    def rows_stored(self) -> int:
        return sum(f.rows_stored for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    def to_dict(self) -> dict[str, object]:
        return {
            "store_dir": self.store_dir,
            "files_seen": len(self.files),
            "files_ingested": self.count("ingested"),
            "files_replaced": self.count("replaced"),
            "files_unchanged": self.count("unchanged"),
            "files_duplicate": self.count("duplicate"),
            "rows_input": self.rows_input,
            "rows_stored": self.rows_stored,
            "rows_quarantined": self.rows_quarantined,
            "files": [asdict(f) for f in self.files],
        }


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Police.uk files named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and kind_of(q)))
        elif p.exists():
            found.append(p)
        else:
            raise IngestError([f"{p}: no such file or folder"])
    return found


class Store:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    # ---------- manifest ----------
    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    def manifest(self) -> dict[str, dict[str, Any]]:
        if not self.manifest_path.exists():
            return {}
        data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return dict(data.get("partitions", {}))

    def _write_manifest(self, partitions: dict[str, dict[str, Any]]) -> None:
        tmp = self.root / f".manifest-{uuid.uuid4().hex}.json"
        tmp.write_text(
            json.dumps({"version": 1, "partitions": partitions}, indent=1, sort_keys=True), encoding="utf-8"
        )
        os.replace(tmp, self.manifest_path)

    def partition_path(self, dataset: str, force: str, month: str, root: Path | None = None) -> Path:
        return (root or self.root) / dataset / f"force={force}" / f"month={month}" / "data.parquet"

    def quarantine_path(self, dataset: str, force: str, month: str, root: Path | None = None) -> Path:
        return (root or self.root) / "quarantine" / dataset / f"force={force}" / f"month={month}.csv"

    # ---------- ingest ----------
    @exclusive  # one writer at a time; clears a killed run's staging folders first
    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        geography: Geography | None = None,
        strict: bool = False,
        progress: Callable[[FileResult], None] | None = None,
        workers: int | None = None,
    ) -> IngestSummary:
        """Ingest police.uk CSVs (see module docstring for guarantees).

        ``strict=True`` also refuses the run when any row would be quarantined (the message names the
        file and line), leaving the store unchanged; by default such rows are quarantined and counted.
        """
        files = discover(paths)
        self.root.mkdir(parents=True, exist_ok=True)
        manifest = self.manifest()
        known = {key: str(v["sha256"]) for key, v in manifest.items()}
        staging = self.root / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        workers = workers or min(4, os.cpu_count() or 1)

        def work(path: Path) -> FileResult | PoliceUkFileError:
            try:
                return self._stage_one(path, staging, known, geography)
            except PoliceUkFileError as exc:
                return exc

        results: list[FileResult] = []
        problems: list[str] = []
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for res in pool.map(work, files):
                    if isinstance(res, PoliceUkFileError):
                        problems.append(str(res))
                    else:
                        results.append(res)
                    if progress is not None and isinstance(res, FileResult):
                        progress(res)
            # the same force-month twice in one run
            seen: dict[str, FileResult] = {}
            for r in results:
                key = f"{r.dataset}/{r.force}/{r.month}"
                if key in seen and r.status != "unchanged":
                    first = seen[key]
                    if first.sha256 != r.sha256:
                        problems.append(
                            f"{r.path}: {r.dataset} data for {r.force} {r.month} also comes from "
                            f"{first.path} with different content; give one file per force-month"
                        )
                    else:
                        r.status = "duplicate"
                elif key not in seen:
                    seen[key] = r
            if strict:
                for r in results:
                    problems.extend(f"{q} (strict mode)" for q in r.first_quarantined[:5])
            if problems:
                raise IngestError(problems)
            # commit: move staged files into place, then record them in the manifest
            for r in results:
                if r.status not in ("ingested", "replaced"):
                    continue
                for src, dst in (
                    (
                        self._staged(staging, "data", r.dataset, r.force, r.month),
                        self.partition_path(r.dataset, r.force, r.month),
                    ),
                    (
                        self._staged(staging, "quarantine", r.dataset, r.force, r.month),
                        self.quarantine_path(r.dataset, r.force, r.month),
                    ),
                ):
                    if src.exists():
                        dst.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(src, dst)
                    elif dst.exists():
                        dst.unlink()  # the re-issued month has no quarantined rows
                manifest[f"{r.dataset}/{r.force}/{r.month}"] = {
                    "source": r.path,
                    "sha256": r.sha256,
                    "rows_input": r.rows_input,
                    "rows_stored": r.rows_stored,
                    "rows_quarantined": r.rows_quarantined,
                    "lsoa_2011_mapped": r.lsoa_2011_mapped,
                    "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            if any(r.status in ("ingested", "replaced") for r in results):
                self._write_manifest(manifest)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return IngestSummary(files=results, store_dir=str(self.root))

    @staticmethod
    def _staged(staging: Path, what: str, dataset: str, force: str, month: str) -> Path:
        """Staged files sit flat in the staging folder (one file per force-month, no sub-folders: on
        some filesystems creating and removing ~1,000 folders per national run costs seconds)."""
        return staging / f"{what}.{dataset}.{force}.{month}.{'parquet' if what == 'data' else 'csv'}"

    def _stage_one(
        self, path: Path, staging: Path, known: dict[str, str], geography: Geography | None
    ) -> FileResult:
        raw = path.read_bytes()
        parsed: ParsedFile = parse_file(path, raw=raw)
        key = f"{parsed.kind}/{parsed.force}/{parsed.month}"
        res = FileResult(
            path=str(path),
            dataset=parsed.kind,
            force=parsed.force,
            month=parsed.month,
            sha256=parsed.sha256,
            status="ingested",
            rows_input=parsed.n_lines,
            rows_stored=parsed.valid.num_rows,
            rows_quarantined=parsed.quarantine.num_rows,
        )
        if known.get(key) == parsed.sha256:
            res.status = "unchanged"
            return res
        if key in known:
            res.status = "replaced"
        valid = parsed.valid
        if "lsoa_code" in valid.column_names:
            valid = valid.append_column("lsoa_code_published", valid.column("lsoa_code"))
            if geography is not None and geography.changes:
                x = valid.column("x_m").to_numpy(zero_copy_only=False).astype(np.float64)
                y = valid.column("y_m").to_numpy(zero_copy_only=False).astype(np.float64)
                codes, n = map_lsoa_2011_to_2021(valid.column("lsoa_code"), x, y, geography)
                valid = valid.set_column(valid.column_names.index("lsoa_code"), "lsoa_code", codes)
                res.lsoa_2011_mapped = n
        valid = valid.append_column("force", pa.repeat(pa.scalar(parsed.force, pa.string()), valid.num_rows))
        out = self._staged(staging, "data", parsed.kind, parsed.force, parsed.month)
        write_partition(valid, out)
        if parsed.quarantine.num_rows:
            qpath = self._staged(staging, "quarantine", parsed.kind, parsed.force, parsed.month)
            pacsv.write_csv(parsed.quarantine, qpath)
            q = parsed.quarantine.slice(0, 5).to_pylist()
            res.first_quarantined = [f"{r['file']}, line {r['line']}: {r['reason']}" for r in q]
        return res

    # ---------- query ----------
    def connect(self, *, threads: int | None = None) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with views ``street`` (and ``outcomes``, ``stop_and_search``
        when present) over the Parquet files."""
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads TO {int(threads)}")
        for ds in DATASETS:
            if any((self.root / ds).glob("force=*/month=*/data.parquet")):
                glob = str(self.root / ds / "force=*" / "month=*" / "data.parquet")
                con.execute(f"CREATE VIEW {ds} AS SELECT * FROM read_parquet('{glob}', union_by_name=true)")
        return con

    def months(self, dataset: str = "street") -> list[str]:
        return sorted({k.split("/")[2] for k in self.manifest() if k.startswith(dataset + "/")})

    def quarantine_files(self) -> list[Path]:
        return sorted((self.root / "quarantine").rglob("*.csv"))
