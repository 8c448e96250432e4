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
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from csphub.analytics.geography import Geography, map_lsoa_2011_to_2021
from csphub.analytics.locking import exclusive
from csphub.analytics.sources.archive import ArchiveError, SourceFile, expand
from csphub.analytics.sources.police_uk import ParsedFile, PoliceUkFileError, parse_file

DATASETS = ("street", "outcomes", "stop_and_search")
SQL_DIR = Path(__file__).resolve().parent / "sql"
# Columns whose values are (nearly) all distinct: dictionary encoding and compression only cost time
# (crime IDs are 64 random hex digits). Everything else is dictionary-encoded and snappy-compressed.
_PLAIN_COLUMNS = frozenset({"crime_id", "line", "longitude", "latitude", "x_m", "y_m"})
_STATS_COLUMNS = frozenset(
    {"month", "crime_type", "lsoa_code", "force", "x_m", "y_m", "date", "outcome_type"}
)


def write_partition(table: pa.Table, path: Path) -> None:
    # pyarrow.compute / .csv / .parquet load in the functions that use them, not with the module: the
    # web apps import the store for its queries (board packs), which need none of them.
    import pyarrow.parquet as pq

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
    # districts (LAD codes) whose LSOAs the partition's rows fall in ("?": an LSOA not in the
    # reference); lets a district's assessment read only the partitions that can hold its rows
    districts: list[str] | None = None
    by_type: dict[str, int] | None = None  # street rows per crime type (sections.incomplete_months)


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


def discover(paths: Iterable[Path | str]) -> list[SourceFile]:
    """Police.uk files named by ``paths``: files as given, folders searched recursively, zips (as
    downloaded from data.police.uk) opened; see ``sources.archive``."""
    try:
        return expand(paths)
    except (FileNotFoundError, ArchiveError) as exc:
        raise IngestError([str(exc)]) from exc


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

        def work(path: SourceFile) -> FileResult | PoliceUkFileError:
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
                    **({"districts": r.districts} if r.districts is not None else {}),
                    **({"by_type": r.by_type} if r.by_type is not None else {}),
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
        self, path: SourceFile, staging: Path, known: dict[str, str], geography: Geography | None
    ) -> FileResult:
        import pyarrow.compute as pc
        import pyarrow.csv as pacsv

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
            if geography is not None:
                res.districts = _districts_of(valid.column("lsoa_code"), geography)
        if parsed.kind == "street" and "crime_type" in valid.column_names:
            tally = pc.value_counts(valid.column("crime_type")).to_pylist()  # for any area's gaps
            res.by_type = {str(t["values"]): int(t["counts"]) for t in tally if t["values"] is not None}
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
    def connect(
        self, *, threads: int | None = None, street_partitions: Sequence[str] | None = None
    ) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with views ``street`` (and ``outcomes``, ``stop_and_search``
        when present) over the Parquet files. ``street_partitions`` (manifest keys
        ``street/<force>/<month>``): the ``street`` view reads only those files (see ``prune``)."""
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")  # never draw on the CLI's or a worker's stdout
        if threads:
            con.execute(f"SET threads TO {int(threads)}")
        for ds in DATASETS:
            if ds == "street" and street_partitions is not None:
                files = [
                    str(self.partition_path("street", k.split("/")[1], k.split("/")[2]))
                    for k in street_partitions
                ]
                files = [f for f in files if "'" not in f and Path(f).exists()] or [
                    str(self.root / "street" / "force=*" / "month=*" / "data.parquet")
                ]
                listed = ", ".join(f"'{f}'" for f in files)
                con.execute(
                    f"CREATE VIEW street AS SELECT * FROM read_parquet([{listed}], union_by_name=true)"
                )
                continue
            if any((self.root / ds).glob("force=*/month=*/data.parquet")):
                glob = str(self.root / ds / "force=*" / "month=*" / "data.parquet")
                con.execute(f"CREATE VIEW {ds} AS SELECT * FROM read_parquet('{glob}', union_by_name=true)")
        return con

    def prune(self, *, months: Iterable[str], districts: Iterable[str]) -> list[str] | None:
        """The street partitions (manifest keys) of ``months`` that can hold rows of ``districts``:
        a partition whose ingest recorded no district list (older stores) or an LSOA outside the
        reference ("?") is always kept. None if no partition exists for those months (nothing to
        prune: the caller reads everything and reports the missing months as before)."""
        want_months, want = set(months), set(districts) | {"?"}
        keys = [
            k
            for k, v in self.manifest().items()
            if k.startswith("street/")
            and k.split("/")[2] in want_months
            and (v.get("districts") is None or want & set(v["districts"]))
        ]
        return keys or None

    def months(self, dataset: str = "street") -> list[str]:
        return sorted({k.split("/")[2] for k in self.manifest() if k.startswith(dataset + "/")})

    def quarantine_files(self) -> list[Path]:
        return sorted((self.root / "quarantine").rglob("*.csv"))


# ---------- the assessment's queries (SQL in ./sql/*.sql) ----------
#
# One assessment opens one in-memory connection (``Store.connect``), loads the study tables into it
# (``load_study_tables``) and then runs ``study_points`` on the main cursor while
# ``counts_by_month_type_lsoa`` and ``place_labels`` run on cursors of their own in background threads.

Cursor = duckdb.DuckDBPyConnection


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Points:
    """Hot-spot points of the study period: BNG metres and the month's index in the study period."""

    x_m: np.ndarray
    y_m: np.ndarray
    month_index: np.ndarray

    def __len__(self) -> int:
        return len(self.x_m)


@dataclass(frozen=True)
class Counts:
    """The counts of one assessment, computed by one scan of the store.

    ``table``: ``month, crime_type, lsoa_code, count`` over every counted month, in that order (the
    counts.csv contract); ``forces``: the forces with rows in the study months; ``monthly``: area
    totals per (month, crime type); ``crime_by_lsoa``: crime excluding ASB per LSOA over the study
    months (LSOAs with none are absent)."""

    table: pa.Table
    forces: list[str]
    monthly: dict[tuple[str, str], int]
    crime_by_lsoa: dict[str, int]


def load_study_tables(
    con: Cursor,
    *,
    lsoa_codes: Sequence[str],
    months: Sequence[str],
    study_months: Sequence[str],
    crime_types: Sequence[str],
) -> None:
    """Tables ``area_lsoas`` (sorted codes, rank ``li``), ``want_months`` (``months``, rank ``mi``),
    ``study_months`` and ``hs_types`` (the hot-spot crime types), visible to every cursor of ``con``.

    Small lookup tables go in as DuckDB lists: building Arrow arrays from Python lists would make
    pyarrow import pandas (about 0.3 s of start-up). The ranks let the (2M-row, nationally) counts be
    grouped on integers and ordered with one NumPy sort instead of an ORDER BY on three strings."""
    codes = sorted(set(lsoa_codes))
    con.execute(sql("ranked_area_lsoas"), [codes, codes])
    con.execute(sql("ranked_want_months"), [list(months), list(months)])
    con.execute(sql("hotspot_types"), [list(crime_types)])
    con.execute(sql("study_months"), [list(study_months)])


def study_points(con: Cursor, study_months: Sequence[str]) -> Points:
    """The located crimes of the hot-spot types in the area and study months (``load_study_tables``
    first), as NumPy arrays: no per-row strings leave DuckDB."""
    pts = con.execute(sql("study_points"), [list(study_months)]).fetchnumpy()
    return Points(_float_array(pts["x_m"]), _float_array(pts["y_m"]), np.asarray(pts["pm"], dtype=np.int64))


def place_labels(con: Cursor, xs: Sequence[int], ys: Sequence[int]) -> list[tuple[float, float, str | None]]:
    """``(x_m, y_m, location)`` of the study points whose floor(x) is in ``xs`` and floor(y) in ``ys``,
    in store order (force, month, source line)."""
    if not xs or not ys:
        return []
    text = sql("place_labels").format(
        fx=", ".join(str(int(v)) for v in xs), fy=", ".join(str(int(v)) for v in ys)
    )
    return [(float(r[0]), float(r[1]), r[2]) for r in con.execute(text).fetchall()]


def counts_by_month_type_lsoa(
    con: Cursor,
    *,
    months: Sequence[str],
    study_months: Sequence[str],
    crime_types: Sequence[str],
    forces: Sequence[str],
    asb: str,
) -> Counts:
    """The ordered counts table over ``months`` for the LSOAs of ``area_lsoas``, and its roll-ups.

    Fast path: crime types and forces as ranks in known sorted lists (``crime_types``, the police.uk
    categories that ingest enforces; ``forces``, those in the manifest), so DuckDB groups on integers
    only. Anything else (NULL, a type or force outside the lists) falls back to ranking in SQL."""
    want = list(months)
    study = set(study_months)
    type_names = sorted(crime_types, key=lambda t: t.encode("utf-8"))
    force_names = sorted(set(forces), key=lambda f: f.encode())
    keys: dict[str, Any] = con.execute(sql("counts_keys"), [type_names, force_names]).fetchnumpy()
    fast = not any(
        isinstance(keys[c], np.ma.MaskedArray) and bool(np.ma.getmaskarray(keys[c]).any()) for c in keys
    )
    study_mi = np.array([i for i, m in enumerate(want) if m in study], dtype=np.int64)
    if fast:
        keys = {c: np.asarray(keys[c]) for c in keys}
        con.execute(sql("crime_type_names"), [type_names, type_names])
        type_arrow = con.sql(sql("type_names_ordered")).to_arrow_table().column(0)
        in_study = np.isin(keys["mi"], study_mi)
        found = [force_names[int(i)] for i in np.unique(keys["fi"][in_study])]
    else:
        con.execute(sql("counts_grouped"))
        con.execute(sql("counts_grouped_types"))
        keys = con.sql(sql("counts_grouped_keys")).fetchnumpy()
        type_arrow = con.sql(sql("grouped_types_ordered")).to_arrow_table().column(0)
        found = [r[0] for r in con.execute(sql("counts_grouped_forces"), [list(study_months)]).fetchall()]
    lsoa_arrow = con.sql(sql("area_lsoas_ordered")).to_arrow_table().column(0)
    table = ordered_counts(
        keys, con.sql(sql("want_months_ordered")).to_arrow_table().column(0), type_arrow, lsoa_arrow
    )
    # roll-ups from the integer keys: (month, type) totals, and crime excluding ASB by LSOA over the
    # study months (NULL types count in neither the ASB test nor by LSOA, as in SQL)
    names = type_arrow.to_pylist()
    mi, ci, li, n = (np.asarray(keys[c], dtype=np.int64) for c in ("mi", "ci", "li", "n"))
    k_types = len(names)
    by_mt = np.bincount(mi * k_types + ci, weights=n, minlength=len(want) * k_types).astype(np.int64)
    has = np.bincount(mi * k_types + ci, minlength=len(want) * k_types) > 0
    monthly = {(str(want[i // k_types]), str(names[i % k_types])): int(by_mt[i]) for i in np.flatnonzero(has)}
    crime_ci = np.array([nm is not None and nm != asb for nm in names], dtype=bool)
    use = np.isin(mi, study_mi) & crime_ci[ci]
    lsoa_names = lsoa_arrow.to_pylist()
    by_l = np.bincount(li[use], weights=n[use], minlength=len(lsoa_names)).astype(np.int64)
    seen = np.bincount(li[use], minlength=len(lsoa_names)) > 0
    by_lsoa = {str(lsoa_names[i]): int(by_l[i]) for i in np.flatnonzero(seen)}
    return Counts(table, found, monthly, by_lsoa)


def _int64_arrow(a: np.ndarray) -> pa.Array:
    """A NumPy int64 array as an Arrow array, zero-copy (``pa.array`` would import pandas)."""
    a = np.ascontiguousarray(a, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(a), [None, pa.py_buffer(a)])


def ordered_counts(
    keys: dict[str, Any],
    month_names: pa.ChunkedArray,
    crime_type_names: pa.ChunkedArray,
    lsoa_names: pa.ChunkedArray,
) -> pa.Table:
    """``month, crime_type, lsoa_code, count`` from integer-keyed groups (NumPy ``mi, ci, li, n``: ranks
    of month, crime type and LSOA code in their sorted name lists; one row per force), summed over
    forces and ordered as ``ORDER BY month, crime_type, lsoa_code`` (byte order, NULL crime type last)."""
    mi = np.asarray(keys["mi"], dtype=np.int64)
    ci = np.asarray(keys["ci"], dtype=np.int64)
    li = np.asarray(keys["li"], dtype=np.int64)
    n = np.asarray(keys["n"], dtype=np.int64)
    key = (mi * (len(crime_type_names) + 1) + ci) * (len(lsoa_names) + 1) + li
    order = np.argsort(key, kind="stable")
    sk = key[order]
    starts = np.flatnonzero(np.concatenate([[True], sk[1:] != sk[:-1]])) if len(sk) else np.zeros(0, np.int64)
    total = np.add.reduceat(n[order], starts) if len(sk) else np.zeros(0, np.int64)
    first = order[starts]
    return pa.Table.from_arrays(
        [
            month_names.take(_int64_arrow(mi[first])),
            crime_type_names.take(_int64_arrow(ci[first])),
            lsoa_names.take(_int64_arrow(li[first])),
            _int64_arrow(total),
        ],
        names=["month", "crime_type", "lsoa_code", "count"],
    )


def _float_array(a: Any) -> np.ndarray:
    """A float64 NumPy array from a DuckDB result column (masked arrays: NaN where null)."""
    if isinstance(a, np.ma.MaskedArray):
        return np.asarray(a.filled(np.nan), dtype=np.float64)
    return np.asarray(a, dtype=np.float64)


def _districts_of(codes: pa.ChunkedArray | pa.Array, geography: Geography) -> list[str]:
    """The LAD codes of the distinct LSOA codes in ``codes`` ("?" for codes not in the reference)."""
    import pyarrow.compute as pc

    out: set[str] = set()
    for code in pc.unique(codes).to_pylist():
        if code is None:
            continue
        lsoa = geography.lsoas.get(code)
        out.add(lsoa.lad_code if lsoa is not None else "?")
    return sorted(out)


def comparator_counts(
    con: Cursor, *, lsoa_codes: Sequence[str], lad_codes: Sequence[str], asb: str
) -> dict[str, tuple[int, int]]:
    """Per district code: (crime excluding ASB, ASB) over the study months, for the LSOAs given (a
    force area's), in one grouped scan of ``street``."""
    out: dict[str, list[int]] = {}
    for lad, is_asb, n in con.execute(
        sql("comparator_counts"), [list(lsoa_codes), list(lad_codes), asb]
    ).fetchall():
        acc = out.setdefault(str(lad), [0, 0])
        acc[1 if is_asb else 0] += int(n)
    return {k: (v[0], v[1]) for k, v in out.items()}


def grid_cell_month_counts(
    con: Cursor,
    *,
    x_min_m: float,
    y_min_m: float,
    cell_size_m: float,
    n_cols: int,
    n_rows: int,
    months: Sequence[str],
    crime_types: Sequence[str],
) -> dict[tuple[int, int], dict[str, int]]:
    """Crimes of ``crime_types`` per hot-spot grid cell ``(col, row)`` and month, for ``months``;
    cells and months with none are absent. The grid is the assessment's (origin, size, extent)."""
    x_max, y_max = x_min_m + n_cols * cell_size_m, y_min_m + n_rows * cell_size_m
    rows = con.execute(
        sql("grid_cell_month_counts"),
        [x_min_m, cell_size_m, y_min_m, cell_size_m, list(months), list(crime_types),
         x_min_m, x_max, y_min_m, y_max],
    ).fetchall()  # fmt: skip
    out: dict[tuple[int, int], dict[str, int]] = {}
    for col, row, month, n in rows:
        out.setdefault((int(col), int(row)), {})[str(month)] = int(n)
    return out
