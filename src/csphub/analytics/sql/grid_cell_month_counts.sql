-- Crimes per (grid cell, month) inside a rectangle of BNG metres, for a problem-solving plan's
-- difference in differences (params: x0, cell size, y0, cell size, months, crime types, x0, x1, y0, y1).
-- A cell is (col, row) = floor((x - x0) / size), floor((y - y0) / size), as in the hot-spot grid.
SELECT floor((s.x_m - ?) / ?)::BIGINT AS col, floor((s.y_m - ?) / ?)::BIGINT AS row, s.month, count(*)::BIGINT AS n
FROM street s
WHERE s.month IN (SELECT unnest(?::VARCHAR[]))
  AND s.crime_type IN (SELECT unnest(?::VARCHAR[]))
  AND s.x_m IS NOT NULL AND s.x_m >= ? AND s.x_m < ? AND s.y_m >= ? AND s.y_m < ?
GROUP BY ALL
ORDER BY col, row, s.month
