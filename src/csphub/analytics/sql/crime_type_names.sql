-- The crime-type names of the fast path, in rank order (params: types, types).
CREATE TEMP TABLE type_names AS
SELECT unnest(?::VARCHAR[]) AS crime_type, generate_subscripts(?::VARCHAR[], 1) AS ci
