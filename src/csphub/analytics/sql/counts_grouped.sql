-- Fallback path of the counts: group on the crime type and force as strings.
CREATE TEMP TABLE grouped AS
SELECT w.mi, s.crime_type, a.li, s.force, count(*)::BIGINT AS n
FROM street s JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
     JOIN want_months w ON s.month = w.month
GROUP BY ALL
