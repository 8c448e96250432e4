"""Ingest: validation, quarantine, idempotence, atomic replacement, clear errors on bad input."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csphub.analytics import pipeline
from csphub.analytics.sources.police_uk import CRIME_TYPES, STREET_HEADER
from csphub.analytics.sources.reference import load_reference
from csphub.analytics.store import IngestError, Store

HEADER = ",".join(STREET_HEADER)
CID = "a" * 64


def row(
    month: str = "2024-01",
    lon: str = "-1.40",
    lat: str = "53.02",
    lsoa: str = "E01019400",
    crime: str = "Burglary",
    cid: str = CID,
    location: str = "On or near High Street",
) -> str:
    return (
        f"{cid},{month},Derbyshire Constabulary,Derbyshire Constabulary,{lon},{lat},{location},{lsoa},"
        f"Amber Valley 001A,{crime},Under investigation,"
    )


def write(path: Path, lines: list[str], *, newline: str = "\n", header: str = HEADER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((newline.join([header, *lines]) + newline).encode("utf-8"))
    return path


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the store with its content hash (to prove 'store unchanged')."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def stored_rows(store: Store) -> int:
    con = store.connect()
    try:
        return int(con.execute("SELECT count(*) FROM street").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def test_sample_ingest_accounts_for_every_row(sample_store: Path) -> None:
    store = pipeline.store_for(sample_store)
    manifest = store.manifest()
    assert len(manifest) == 24
    assert sum(int(v["rows_input"]) for v in manifest.values()) == 23157  # data/sample/PROVENANCE.md
    assert sum(int(v["rows_stored"]) + int(v["rows_quarantined"]) for v in manifest.values()) == 23157
    assert stored_rows(store) == sum(int(v["rows_stored"]) for v in manifest.values())


def test_2011_lsoa_codes_are_mapped_to_2021(sample_store: Path) -> None:
    con = pipeline.store_for(sample_store).connect()
    try:
        got = con.execute("""SELECT lsoa_code_published, lsoa_code, count(*) FROM street
                             WHERE lsoa_code_published <> lsoa_code GROUP BY ALL""").fetchall()
    finally:
        con.close()
    assert got, "early-2023 files carry 2011 codes that must be mapped"
    assert {r[0] for r in got} == {"E01019472"}  # Amber Valley 016D, split in 2021
    assert {r[1] for r in got} <= {"E01034254", "E01034255"}


def test_second_ingest_changes_nothing(tmp_path: Path, sample_dir: Path) -> None:
    first = pipeline.ingest_paths([sample_dir / "police_uk" / "2024-01"], data_dir=tmp_path)
    assert first.count("ingested") == 1
    before = snapshot(tmp_path / "analytics")
    again = pipeline.ingest_paths([sample_dir / "police_uk" / "2024-01"], data_dir=tmp_path)
    assert again.count("unchanged") == 1 and again.count("ingested") == 0
    assert snapshot(tmp_path / "analytics") == before


def test_reissued_month_replaces_that_force_month(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src / "a" / "2024-01-derbyshire-street.csv", [row() for _ in range(5)])
    write(src / "a" / "2024-02-derbyshire-street.csv", [row(month="2024-02") for _ in range(3)])
    pipeline.ingest_paths([src / "a"], data_dir=tmp_path / "d")
    write(src / "b" / "2024-01-derbyshire-street.csv", [row() for _ in range(2)])
    res = pipeline.ingest_paths([src / "b"], data_dir=tmp_path / "d")
    assert res.count("replaced") == 1
    store = pipeline.store_for(tmp_path / "d")
    con = store.connect()
    assert dict(con.execute("SELECT month, count(*) FROM street GROUP BY 1").fetchall()) == {
        "2024-01": 2,
        "2024-02": 3,
    }


def test_invalid_rows_are_quarantined_with_file_and_line(tmp_path: Path) -> None:
    f = write(
        tmp_path / "2024-01-derbyshire-street.csv",
        [
            row(),  # line 2 ok
            row(lon="-1.4", lat=""),  # line 3 lon without lat
            row(lon="181", lat="53"),  # line 4 out of range
            row(crime="Jaywalking"),  # line 5 unknown type
            row(lsoa="X123"),  # line 6 bad LSOA
            row(month="2024-13"),  # line 7 bad month
            row(month="2024-02"),  # line 8 wrong month for the file
            row(lon="", lat="", lsoa="", location="No Location"),  # line 9 ok (police.uk "No Location")
            "only,three,fields",  # line 10 wrong field count
            row(lon="abc", lat="53"),  # line 11 not a number
        ],
    )
    res = pipeline.ingest_paths([f], data_dir=tmp_path / "d")
    assert res.rows_input == 10 and res.rows_stored == 2 and res.rows_quarantined == 8
    q = tmp_path / "d" / "analytics" / "quarantine" / "street" / "force=derbyshire" / "month=2024-01.csv"
    rows = duckdb.sql(f"SELECT line, reason, file FROM read_csv('{q}', header=true)").fetchall()
    by_line = {r[0]: r[1] for r in rows}
    assert set(by_line) == {3, 4, 5, 6, 7, 8, 10, 11}
    assert "both" in by_line[3] and "out of range" in by_line[4] and "14 police.uk" in by_line[5]
    assert "LSOA" in by_line[6] and "invalid month" in by_line[7] and "differs" in by_line[8]
    assert "fields" in by_line[10] and "not a number" in by_line[11]
    assert all(r[2] == str(f) for r in rows)
    assert any("line 3" in m for m in res.files[0].first_quarantined)


def test_crlf_and_gzip_files_are_read(tmp_path: Path) -> None:
    f = write(tmp_path / "p" / "2024-01-derbyshire-street.csv", [row(), row()], newline="\r\n")
    g = tmp_path / "p" / "2024-02-derbyshire-street.csv.gz"
    g.write_bytes(gzip.compress(f"{HEADER}\n{row(month='2024-02')}\n".encode()))
    res = pipeline.ingest_paths([f, g], data_dir=tmp_path / "d")
    assert res.rows_stored == 3 and res.rows_quarantined == 0


def _assert_refused(tmp_path: Path, paths: list[Path], *needles: str) -> None:
    data = tmp_path / "d"
    pipeline.ingest_paths([_good_file(tmp_path)], data_dir=data)
    before = snapshot(data / "analytics")
    with pytest.raises(IngestError) as exc:
        pipeline.ingest_paths(paths, data_dir=data)
    msg = str(exc.value)
    for n in needles:
        assert n in msg, msg
    assert snapshot(data / "analytics") == before, "store must be unchanged"


def _good_file(tmp_path: Path) -> Path:
    return write(tmp_path / "good" / "2023-12-derbyshire-street.csv", [row(month="2023-12")] * 3)


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    f = write(tmp_path / "2024-01-derbyshire-street.csv", [row(), row()])
    f.write_bytes(f.read_bytes()[:-30])
    _assert_refused(tmp_path, [f], str(f), "line 3", "truncated")


def test_truncated_gzip_is_refused(tmp_path: Path) -> None:
    g = tmp_path / "2024-01-derbyshire-street.csv.gz"
    g.write_bytes(gzip.compress(f"{HEADER}\n{row()}\n".encode() * 50)[:-40])
    _assert_refused(tmp_path, [g], str(g), "truncated")


def test_wrong_header_is_refused(tmp_path: Path) -> None:
    f = write(
        tmp_path / "2024-01-derbyshire-street.csv", [row()], header=HEADER.replace("Crime type", "Kind")
    )
    _assert_refused(tmp_path, [f], str(f), "line 1", "Crime type")


def test_missing_header_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "2024-01-derbyshire-street.csv"
    f.write_text(row() + "\n", encoding="utf-8")
    _assert_refused(tmp_path, [f], str(f), "line 1", "header")


def test_non_utf8_bytes_are_refused(tmp_path: Path) -> None:
    f = write(tmp_path / "2024-01-derbyshire-street.csv", [row(), row(), row()])
    lines = f.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"High", b"H\xe9gh")
    f.write_bytes(b"\n".join(lines))
    _assert_refused(tmp_path, [f], str(f), "line 4", "UTF-8")


def test_out_of_range_coordinates_refused_in_strict_mode(tmp_path: Path) -> None:
    f = write(tmp_path / "2024-01-derbyshire-street.csv", [row(), row(lon="-1.4", lat="95.0")])
    data = tmp_path / "d"
    pipeline.ingest_paths([_good_file(tmp_path)], data_dir=data)
    before = snapshot(data / "analytics")
    with pytest.raises(IngestError) as exc:
        pipeline.ingest_paths([f], data_dir=data, strict=True)
    assert str(f) in str(exc.value) and "line 3" in str(exc.value) and "out of range" in str(exc.value)
    assert snapshot(data / "analytics") == before


def test_same_month_twice_with_different_content_is_refused(tmp_path: Path) -> None:
    a = write(tmp_path / "x" / "2024-01-derbyshire-street.csv", [row()])
    b = write(tmp_path / "y" / "2024-01-derbyshire-street.csv", [row(), row()])
    _assert_refused(tmp_path, [a, b], str(a), str(b), "2024-01")


def test_unknown_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        pipeline.ingest_paths([tmp_path / "nope"], data_dir=tmp_path)


def test_the_14_categories() -> None:
    assert len(CRIME_TYPES) == 14 and "Violence and sexual offences" in CRIME_TYPES


# ---------- property tests ----------
good_rows = st.builds(
    row,
    crime=st.sampled_from(CRIME_TYPES),
    lon=st.floats(-3, 0).map(lambda v: f"{v:.6f}"),
    lat=st.floats(51, 54).map(lambda v: f"{v:.6f}"),
)
bad_rows = st.one_of(
    st.builds(row, lat=st.just("")),
    st.builds(row, lon=st.floats(10, 200).map(str)),
    st.builds(row, crime=st.text(alphabet="abcxyz ", min_size=1, max_size=8)),
    st.builds(row, lsoa=st.text(alphabet="ABC123", min_size=1, max_size=6)),
    st.just("a,b"),
    st.just(""),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(good_rows, bad_rows), min_size=1, max_size=40))
def test_no_row_lost_and_ingest_is_idempotent(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    f = write(tmp / "2024-01-derbyshire-street.csv", lines)
    res = pipeline.ingest_paths([f], data_dir=tmp / "d")
    assert res.rows_input == len(lines)
    assert res.rows_stored + res.rows_quarantined == len(lines)
    store = pipeline.store_for(tmp / "d")
    assert stored_rows(store) == res.rows_stored
    qfiles = store.quarantine_files()
    n_q = sum(
        len(duckdb.sql(f"SELECT * FROM read_csv('{q}', header=true, all_varchar=true)").fetchall())
        for q in qfiles
    )
    assert n_q == res.rows_quarantined
    before = snapshot(tmp / "d" / "analytics")
    again = pipeline.ingest_paths([f], data_dir=tmp / "d")
    assert again.count("unchanged") == 1
    assert snapshot(tmp / "d" / "analytics") == before


@pytest.mark.shared_data
def test_two_real_forces_with_no_location_rows(tmp_path: Path, shared_data: Path) -> None:
    files = [
        shared_data / "police_uk_street_leicestershire_2023_2024" / "2023-01-leicestershire-street.csv.gz",
        shared_data / "police_uk_street_derbyshire_2023_2024" / "2023-01-derbyshire-street.csv.gz",
    ]
    res = pipeline.ingest_paths(files, data_dir=tmp_path)
    assert res.rows_input == 8676 + 8884  # the folders' PROVENANCE.md
    assert res.rows_quarantined == 0
    con = pipeline.store_for(tmp_path).connect()
    no_loc = con.execute(
        "SELECT count(*) FROM street WHERE location = 'No Location' AND x_m IS NULL"
    ).fetchone()
    assert no_loc is not None and no_loc[0] > 0
    geo = load_reference()
    assert len(geo.lsoas) == 35_672  # the national reference loads
