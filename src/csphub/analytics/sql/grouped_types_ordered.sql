-- The fallback path's crime-type names in rank order.
SELECT crime_type FROM crime_types ORDER BY ci
