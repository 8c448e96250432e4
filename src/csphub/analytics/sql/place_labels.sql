-- Location labels of the study points near some places: {fx} and {fy} are lists of integers (the
-- floor of x and y can only be k-1 or k for a coordinate that rounds to k: a cheap superset, checked
-- exactly in Python). "First" = in store order (force, month, line in the source file), stated
-- explicitly: DuckDB does not keep scan order through the join.
SELECT s.x_m, s.y_m, s.location
FROM street s SEMI JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
WHERE s.month IN (SELECT month FROM study_months) AND s.x_m IS NOT NULL
  AND s.crime_type IN (SELECT crime_type FROM hs_types)
  AND (floor(s.x_m)::BIGINT IN ({fx}) AND floor(s.y_m)::BIGINT IN ({fy}))
ORDER BY s.force, s.month, s.line
