-- Hot-spot points of the study period: BNG metres and the month's index in the study period
-- (param: the study months in order). Uses area_lsoas, study_months and hs_types.
SELECT s.x_m, s.y_m, (list_position(?::VARCHAR[], s.month) - 1)::BIGINT AS pm
FROM street s SEMI JOIN area_lsoas a ON s.lsoa_code = a.lsoa_code
WHERE s.month IN (SELECT month FROM study_months) AND s.x_m IS NOT NULL
  AND s.crime_type IN (SELECT crime_type FROM hs_types)
