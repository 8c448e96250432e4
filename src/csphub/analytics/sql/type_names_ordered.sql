-- The fast path's crime-type names in rank order.
SELECT crime_type FROM type_names ORDER BY ci
