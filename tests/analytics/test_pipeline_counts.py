"""The integer-keyed counts roll-up equals DuckDB's GROUP BY month, crime_type, lsoa_code ORDER BY 1, 2, 3."""

import duckdb

from csphub.analytics.pipeline import _ordered_counts


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
    got = _ordered_counts(keys, *names)
    assert got.to_pylist() == expected.to_pylist()
    assert got.schema == expected.schema
    empty = _ordered_counts({k: v[:0] for k, v in keys.items()}, *names)
    assert empty.num_rows == 0 and empty.column_names == ["month", "crime_type", "lsoa_code", "count"]
