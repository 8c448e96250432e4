"""The integer-keyed counts roll-up equals DuckDB's GROUP BY month, crime_type, lsoa_code ORDER BY 1, 2, 3."""

import duckdb

from csphub.analytics.store import ordered_counts


def test_ordered_counts_matches_sql_order_and_sums_over_forces():
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE street AS SELECT * FROM (VALUES
          ('2024-02', 'Burglary', 'E01000002', 'a'), ('2024-01', 'Drugs', 'E01000001', 'a'),
          ('2024-01', 'Drugs', 'E01000001', 'b'), ('2024-01', 'Anti-social behaviour', 'E01000003', 'a'),
          ('2024-01', NULL, 'E01000001', 'a'), ('2024-02', 'Burglary', 'E01000002', 'a'),
          ('2024-01', 'Bicycle theft', 'E01000009', 'a'), ('2023-12', 'Drugs', 'E01000002', 'b'),
          ('2024-02', 'Zzz', 'E01000001', 'b'), ('2024-02', 'Burglary', 'E01000001', 'b')
        ) t(month, crime_type, lsoa_code, force)""")
    area = ["E01000003", "E01000001", "E01000002"]
    want = ["2024-01", "2024-02"]
    con.execute("CREATE TABLE area AS SELECT unnest(?::VARCHAR[]) lsoa_code", [area])
    con.execute(
        "CREATE TABLE area_lsoas AS SELECT unnest(?::VARCHAR[]) AS lsoa_code, "
        "(generate_subscripts(?::VARCHAR[], 1) - 1)::BIGINT AS li",
        [sorted(area), sorted(area)],
    )
    con.execute(
        "CREATE TABLE want_months AS SELECT unnest(?::VARCHAR[]) AS month, "
        "(generate_subscripts(?::VARCHAR[], 1) - 1)::BIGINT AS mi",
        [want, want],
    )
    expected = con.sql("""
        SELECT s.month, s.crime_type, s.lsoa_code, count(*)::BIGINT AS count
        FROM street s SEMI JOIN area a ON s.lsoa_code = a.lsoa_code
        WHERE s.month IN (SELECT month FROM want_months) GROUP BY ALL ORDER BY 1, 2, 3""").to_arrow_table()
    con.execute("""
        CREATE TABLE grouped AS SELECT w.mi, s.crime_type, a.li, s.force, count(*)::BIGINT AS n
        FROM street s JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code JOIN want_months w ON s.month = w.month
        GROUP BY ALL""")
    con.execute("""
        CREATE TABLE crime_types AS
        SELECT crime_type, (row_number() OVER (ORDER BY crime_type NULLS LAST) - 1)::BIGINT AS ci
        FROM (SELECT DISTINCT crime_type FROM grouped)""")
    keys = con.sql("""
        SELECT g.mi, c.ci, g.li, g.n
        FROM grouped g JOIN crime_types c ON g.crime_type IS NOT DISTINCT FROM c.crime_type""").fetchnumpy()
    names = (
        con.sql("SELECT month FROM want_months ORDER BY mi").to_arrow_table().column(0),
        con.sql("SELECT crime_type FROM crime_types ORDER BY ci").to_arrow_table().column(0),
        con.sql("SELECT lsoa_code FROM area_lsoas ORDER BY li").to_arrow_table().column(0),
    )
    got = ordered_counts(keys, *names)
    assert got.to_pylist() == expected.to_pylist()
    assert got.schema == expected.schema
    empty = ordered_counts({k: v[:0] for k, v in keys.items()}, *names)
    assert empty.num_rows == 0 and empty.column_names == ["month", "crime_type", "lsoa_code", "count"]


def test_vectorised_repeat_summary_matches_repeat_locations():
    import numpy as np

    from csphub.analytics.repeats import repeat_locations
    from csphub.analytics.sections import place_key, repeats_section

    rng = np.random.default_rng(5)
    snaps = rng.uniform(400_000, 420_000, (500, 2))
    pick = rng.integers(0, 500, 5_000) ** 2 % 500
    x, y = snaps[pick, 0], snaps[pick, 1]
    got = repeats_section(x, y, lambda keys: {k: f"place {k}" for k in keys})
    assert got is not None
    _, inverse = np.unique(place_key(x, y), return_inverse=True)
    ref = repeat_locations(list(inverse.tolist()), min_count=2)
    assert got.n_events == ref.n_events and got.n_places == ref.n_places
    assert got.n_events_at_repeat_places == ref.n_events_at_repeat_places
    assert got.share_events_at_repeat_places == ref.share_events_at_repeat_places
    assert list(got.notes) == ref.notes
    uniq = np.unique(place_key(x, y))
    assert [(p.x_m * 10_000_000 + p.y_m, p.count) for p in got.top_places] == [
        (int(uniq[p.key]), p.count) for p in ref.places[:20]
    ]


def test_counts_fallback_path_when_a_force_is_not_in_the_manifest(sample_store, tmp_path):
    """Rows whose force is not among the manifest's partitions are ranked in SQL instead: same table."""
    import json
    import shutil

    from csphub.analytics import pipeline

    copy = tmp_path / "data"
    shutil.copytree(sample_store, copy)
    manifest = copy / "analytics" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["partitions"] = {
        "/".join([k.split("/")[0], "zz-other", k.split("/")[2]]): v for k, v in data["partitions"].items()
    }
    manifest.write_text(json.dumps(data), encoding="utf-8")
    kw = {"date_from": "2023-06", "date_to": "2024-12"}
    fast = pipeline.run_assessment("Amber Valley", data_dir=sample_store, **kw)
    slow = pipeline.run_assessment("Amber Valley", data_dir=copy, **kw)
    assert slow.counts.equals(fast.counts)
    assert slow.data.forces == fast.data.forces == ("derbyshire",)
    assert slow.by_crime_type == fast.by_crime_type
