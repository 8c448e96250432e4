-- The area's LSOA codes in rank order.
SELECT lsoa_code FROM area_lsoas ORDER BY li
