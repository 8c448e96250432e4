-- Crime (excluding ASB) and ASB per district of the force area over the study months
-- (params: the force area's LSOA codes, their district codes in the same order, the ASB category).
-- Uses study_months.
WITH pfa AS (SELECT unnest(?::VARCHAR[]) AS lsoa_code, unnest(?::VARCHAR[]) AS lad_code)
SELECT p.lad_code, (s.crime_type = ?) AS is_asb, count(*)::BIGINT AS n
FROM street s JOIN pfa p ON s.lsoa_code = p.lsoa_code
WHERE s.month IN (SELECT month FROM study_months)
GROUP BY ALL
