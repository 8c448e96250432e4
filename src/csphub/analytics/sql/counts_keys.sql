-- Fast path of the counts: (month, crime type, LSOA, force) groups on integer ranks only
-- (params: crime types sorted by bytes, forces sorted by bytes). A type or force outside the lists,
-- or NULL, gives a NULL rank (and the caller falls back to counts_grouped.sql).
SELECT w.mi, (list_position(?::VARCHAR[], s.crime_type) - 1)::BIGINT AS ci, a.li,
       (list_position(?::VARCHAR[], s.force) - 1)::BIGINT AS fi, count(*)::BIGINT AS n
FROM street s JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
     JOIN want_months w ON s.month = w.month
GROUP BY ALL
