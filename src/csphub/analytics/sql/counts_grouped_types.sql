-- Fallback path: the crime types found, ranked in sorted order (NULL last).
CREATE TEMP TABLE crime_types AS
SELECT crime_type, (row_number() OVER (ORDER BY crime_type NULLS LAST) - 1)::BIGINT AS ci
FROM (SELECT DISTINCT crime_type FROM grouped)
