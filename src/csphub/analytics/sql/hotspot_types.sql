-- The crime types counted for hot spots and repeat places (param: types).
CREATE TABLE hs_types AS SELECT unnest(?::VARCHAR[]) AS crime_type
