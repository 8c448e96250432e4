-- The study area's LSOA codes with their rank in sorted order (params: codes, codes).
-- Not TEMP: the other cursors of this in-memory database must see it.
CREATE TABLE area_lsoas AS
SELECT unnest(?::VARCHAR[]) AS lsoa_code, (generate_subscripts(?::VARCHAR[], 1) - 1)::BIGINT AS li
