-- Fallback path: the groups with the crime type as its rank.
SELECT g.mi, c.ci, g.li, g.n
FROM grouped g JOIN crime_types c ON g.crime_type IS NOT DISTINCT FROM c.crime_type
