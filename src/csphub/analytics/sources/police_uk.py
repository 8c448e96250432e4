"""Read and validate data.police.uk monthly CSVs (street, outcomes, stop-and-search) → Arrow.

Contract
- ``parse_file(path)`` reads one CSV (plain or ``.csv.gz``), checks the file as a whole (readable,
  UTF-8, complete last line, the expected header) and raises :class:`PoliceUkFileError` naming the file
  and line when it is not usable. Row checks are vectorised (DuckDB SQL over Arrow); a row that fails
  goes to the ``quarantine`` table with its file, 1-based physical line number and reason.
  ``len(valid) + len(quarantine) == number of data lines`` always holds: nothing is dropped silently.
- Columns are mapped to snake_case once, here (``STREET_COLUMNS``).
- Coordinates are WGS84 lon/lat in the source; ``x_m``/``y_m`` are British National Grid metres
  (EPSG:27700), computed with one vectorised pyproj call.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import pyarrow as pa

from csphub.analytics.sources.crs import wgs84_to_bng

# pyarrow.compute / .csv / .parquet load in the functions that use them: the web apps import this
# module for the store (board packs, the uploads page) and most of their processes never parse a file.
if TYPE_CHECKING:
    import pyarrow.csv as pacsv

# The 14 police.uk street-level categories, spelt as in the CSVs.
CRIME_TYPES: tuple[str, ...] = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
    "Other crime",
)
ASB = "Anti-social behaviour"
# What hot spots count by default: crime, not ASB.
CRIME_ONLY = tuple(t for t in CRIME_TYPES if t != ASB)

STREET_HEADER: tuple[str, ...] = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
OUTCOMES_HEADER: tuple[str, ...] = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)
STOP_SEARCH_HEADER: tuple[str, ...] = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)


def _snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


HEADERS: dict[str, tuple[str, ...]] = {
    "street": STREET_HEADER,
    "outcomes": OUTCOMES_HEADER,
    "stop_and_search": STOP_SEARCH_HEADER,
}
STREET_COLUMNS: dict[str, str] = {h: _snake(h) for h in STREET_HEADER}

# Great Britain and Northern Ireland with a margin; anything outside is a bad coordinate.
LON_RANGE = (-8.7, 2.1)
LAT_RANGE = (49.8, 61.0)
LSOA_PATTERN = r"^[EW]01[0-9]{6}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

_FILENAME = re.compile(
    r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9-]+?)-(?P<kind>street|outcomes|stop-and-search)\.csv(\.gz)?$"
)


class PoliceUkFileError(ValueError):
    """A file that cannot be ingested at all; the message names the file and line."""

    def __init__(self, path: object, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


@dataclass
class ParsedFile:
    path: str
    sha256: str
    kind: str  # street | outcomes | stop_and_search
    force: str  # slug, e.g. "derbyshire"
    month: str  # YYYY-MM
    n_lines: int  # data lines (header excluded)
    valid: pa.Table
    quarantine: pa.Table  # columns: file, line, reason, raw
    notes: list[str] = field(default_factory=list)


def kind_of(path: Path | NamedSource) -> str | None:
    """``street`` / ``outcomes`` / ``stop_and_search`` from a police.uk file name, else None."""
    name = path.name.lower()
    for suffix, kind in (
        ("-street.csv", "street"),
        ("-outcomes.csv", "outcomes"),
        ("-stop-and-search.csv", "stop_and_search"),
    ):
        if name.endswith(suffix) or name.endswith(suffix + ".gz"):
            return kind
    return None


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


class NamedSource(Protocol):
    """A file to read: a Path, or a member of a zip (``sources.archive.ZipMember``)."""

    @property
    def name(self) -> str: ...

    def read_bytes(self) -> bytes: ...


def parse_file(path: Path | str | NamedSource, *, raw: bytes | None = None) -> ParsedFile:
    """Read, check and type one police.uk CSV. Raises PoliceUkFileError for unusable files.

    Row checks are vectorised Arrow compute expressions (no Python loop over rows).
    """
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    path = Path(path) if isinstance(path, str) else path
    kind = kind_of(path)
    if kind is None:
        raise PoliceUkFileError(
            path,
            None,
            "not a police.uk file name (…-street.csv, …-outcomes.csv or "
            "…-stop-and-search.csv, optionally .gz)",
        )
    if raw is None:
        raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    data = _decompress(path, raw) if path.name.lower().endswith(".gz") else raw
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data[:4096].strip() and not data.strip():  # (only scan a whole file that starts blank)
        raise PoliceUkFileError(path, 1, "file is empty (no header)")
    if not data.endswith(b"\n"):
        raise PoliceUkFileError(
            path, _line_of_offset(data, len(data)), "file ends in the middle of a line: it looks truncated"
        )
    first_nl = data.index(b"\n")
    try:
        header = tuple(h.strip().strip('"') for h in data[:first_nl].decode("utf-8").rstrip("\r").split(","))
    except UnicodeDecodeError as exc:
        raise PoliceUkFileError(path, 1, "header bytes are not valid UTF-8") from exc
    expected = HEADERS[kind]
    if header != expected:
        missing = [h for h in expected if h not in header]
        extra = [h for h in header if h not in expected]
        detail = f"missing {missing}" if missing else ""
        detail += (", " if detail and extra else "") + (f"unexpected {extra}" if extra else "")
        raise PoliceUkFileError(
            path, 1, f"header is not the police.uk {kind} layout ({detail or 'columns out of order'})"
        )
    n_lines = data.count(b"\n") - 1

    bad_rows: list[tuple[int, str]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad_rows.append((int(row.number) if row.number is not None else -1, row.text))
        return "skip"

    names = [_snake(h) for h in expected]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(
                use_threads=False, column_names=names, skip_rows=1, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as uexc:
            raise PoliceUkFileError(
                path,
                _line_of_offset(data, uexc.start),
                f"bytes are not valid UTF-8 (byte 0x{data[uexc.start]:02x})",
            ) from exc
        raise PoliceUkFileError(path, None, f"cannot be parsed as CSV ({exc})") from exc

    # Physical line numbers of the parsed rows: every data line except the skipped ones.
    # (Rows are one line each: police.uk values contain no newlines, and pyarrow is told so.)
    all_lines = np.arange(2, n_lines + 2, dtype=np.int64)
    skipped = np.array([ln for ln, _ in bad_rows if ln > 0], dtype=np.int64)
    lines = np.setdiff1d(all_lines, skipped, assume_unique=True) if len(skipped) else all_lines
    if len(lines) != table.num_rows:  # line numbers unknown (should not happen single-threaded)
        lines = np.full(table.num_rows, -1, dtype=np.int64)
    table = table.append_column("line", pa.array(lines))

    m = _FILENAME.match(path.name.lower())
    month = m.group("month") if m else None
    force = m.group("force") if m else None
    if kind == "stop_and_search":
        date = table.column("date")
        table = table.append_column("month", pc.utf8_slice_codeunits(date, 0, 7))
    month_col = table.column("month")
    if month is None:
        ok = pc.match_substring_regex(month_col, MONTH_PATTERN).fill_null(False)
        vc = pc.value_counts(month_col.filter(ok))
        if len(vc):
            month = vc[int(np.argmax(vc.field("counts").to_numpy()))]["values"].as_py()
    if force is None and "falls_within" in table.column_names:
        vc = pc.value_counts(table.column("falls_within").drop_null())
        if len(vc):
            force = force_slug(vc[int(np.argmax(vc.field("counts").to_numpy()))]["values"].as_py())
    if month is None:
        raise PoliceUkFileError(path, None, "no valid month found in file name or rows")
    if force is None:
        raise PoliceUkFileError(path, None, "no force found in file name or 'Falls within'")

    valid, quarantine = _validate(table, path, kind, month)
    if bad_rows:
        extra_q = pa.table(
            {
                "file": pa.array([str(path)] * len(bad_rows), pa.string()),
                "line": pa.array([ln for ln, _ in bad_rows], pa.int64()),
                "reason": pa.array(
                    [f"expected {len(expected)} fields, found {t.count(',') + 1}" for _, t in bad_rows],
                    pa.string(),
                ),
                "raw": pa.array([t for _, t in bad_rows], pa.string()),
            }
        )
        quarantine = pa.concat_tables([quarantine, extra_q]).sort_by("line")
    return ParsedFile(
        path=str(path),
        sha256=digest,
        kind=kind,
        force=force,
        month=month,
        n_lines=n_lines,
        valid=valid,
        quarantine=quarantine,
    )


def _decompress(path: object, raw: bytes) -> bytes:
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as exc:
        raise PoliceUkFileError(path, None, f"compressed file is damaged or truncated ({exc})") from exc


_NUMBER = r"^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$"


@functools.cache
def _crime_type_set() -> pa.Array:
    # built on first use: pa.array() of a Python list makes pyarrow import pandas (~0.3 s), which the
    # assessment (it only needs CRIME_TYPES) should not pay for
    return pa.array(CRIME_TYPES, pa.string())


QUARANTINE_SCHEMA = pa.schema(
    [("file", pa.string()), ("line", pa.int64()), ("reason", pa.string()), ("raw", pa.string())]
)


def _number(col: pa.ChunkedArray) -> pa.ChunkedArray:
    import pyarrow.compute as pc

    ok = pc.match_substring_regex(col, _NUMBER).fill_null(False)
    return pc.cast(pc.if_else(ok, col, pa.scalar(None, pa.string())), pa.float64())


def _validate(table: pa.Table, path: object, kind: str, month: str) -> tuple[pa.Table, pa.Table]:
    """Split rows into valid (typed, with BNG metres) and quarantined (file, line, reason, raw)."""
    import pyarrow.compute as pc

    lon_s, lat_s = table.column("longitude"), table.column("latitude")
    lon, lat = _number(lon_s), _number(lat_s)
    month_col = table.column("month")
    month_bad = pc.invert(pc.equal(month_col, month).fill_null(False))
    if pc.any(month_bad).as_py():
        month_fmt_bad = pc.invert(pc.match_substring_regex(month_col, MONTH_PATTERN).fill_null(False))
    else:  # every row has the file's month: the format check cannot fail (saves a regex pass)
        month_fmt_bad = month_bad
    one_coord = pc.not_equal(pc.is_null(lon_s), pc.is_null(lat_s))
    not_number = pc.and_(pc.is_valid(lon_s), pc.or_(pc.is_null(lon), pc.is_null(lat)))
    out_range = pc.or_(
        pc.or_(pc.less(lon, LON_RANGE[0]), pc.greater(lon, LON_RANGE[1])),
        pc.or_(pc.less(lat, LAT_RANGE[0]), pc.greater(lat, LAT_RANGE[1])),
    ).fill_null(False)
    rules: list[tuple[pa.ChunkedArray, str]] = [
        (pc.and_(month_bad, month_fmt_bad), "invalid month" if kind != "stop_and_search" else "invalid date"),
        (month_bad, f"month differs from the file's month {month}"),
    ]
    if kind == "street":
        ct = table.column("crime_type")
        rules.append(
            (
                pc.invert(pc.is_in(ct, value_set=_crime_type_set()).fill_null(False)),
                "crime type is not one of the 14 police.uk categories",
            )
        )
    elif kind == "outcomes":
        rules.append((pc.is_null(table.column("outcome_type")), "missing outcome type"))
    rules += [
        (one_coord, "longitude and latitude must both be given or both be empty"),
        (not_number, "coordinate is not a number"),
        (out_range, "coordinates out of range for the UK"),
    ]
    if "lsoa_code" in table.column_names:
        code = table.column("lsoa_code")
        rules.append(
            (
                pc.and_(
                    pc.is_valid(code),
                    pc.invert(pc.match_substring_regex(code, LSOA_PATTERN).fill_null(False)),
                ),
                "invalid LSOA code",
            )
        )
    conds = [(cond.fill_null(False), text) for cond, text in rules]
    any_bad = conds[0][0]
    for cond, _ in conds[1:]:
        any_bad = pc.or_(any_bad, cond)
    raw_cols = [
        c
        for c in table.column_names
        if c not in ("line",) and not (kind == "stop_and_search" and c == "month")
    ]
    n_bad = pc.sum(any_bad).as_py() or 0
    if n_bad:
        # the first rule (in the order above) that a row breaks is its reason; computed for bad rows only
        reason = pa.nulls(n_bad, pa.string())
        for cond, text in reversed(conds):
            reason = pc.if_else(cond.filter(any_bad), pa.scalar(text), reason)
        bad = table.filter(any_bad)
        raw = pc.binary_join_element_wise(*[pc.fill_null(bad.column(c), "") for c in raw_cols], ",")
        quarantine = pa.table(
            {
                "file": pa.array([str(path)] * n_bad, pa.string()),
                "line": bad.column("line"),
                "reason": reason,
                "raw": raw,
            },
            schema=QUARANTINE_SCHEMA,
        )
    else:
        quarantine = QUARANTINE_SCHEMA.empty_table()
    good = pc.invert(any_bad)
    keep = [c for c in table.column_names if c not in ("longitude", "latitude")]
    valid = table.select(keep).filter(good)
    lon_v = lon.filter(good).to_numpy(zero_copy_only=False).astype(np.float64)
    lat_v = lat.filter(good).to_numpy(zero_copy_only=False).astype(np.float64)
    nan = np.isnan(lon_v)
    x, y = to_bng(lon_v, lat_v)
    valid = (
        valid.append_column("longitude", pa.array(lon_v, mask=nan))
        .append_column("latitude", pa.array(lat_v, mask=nan))
        .append_column("x_m", pa.array(np.asarray(x, dtype=np.float64), mask=nan))
        .append_column("y_m", pa.array(np.asarray(y, dtype=np.float64), mask=nan))
    )
    return valid, quarantine


def to_bng(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat → BNG metres: pyproj's EPSG:4326 → EPSG:27700 (Helmert + transverse Mercator)
    computed in NumPy (≈2.5 ms per 12.6k-row file instead of pyproj's ≈4.6 ms; within 1e-8 m of
    pyproj; points outside the Helmert's area of use go to pyproj itself)."""
    return wgs84_to_bng(lon, lat)


def force_slug(name: str) -> str:
    """'Derbyshire Constabulary' → 'derbyshire' (the slug police.uk uses in file names)."""
    s = name.lower()
    for suffix in (" constabulary", " police service", " police", " service"):
        s = s.removesuffix(suffix)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")
