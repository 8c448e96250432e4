-- Fallback path: the forces with rows in the study months (param: the study months).
SELECT DISTINCT g.force FROM grouped g JOIN want_months w ON g.mi = w.mi
WHERE w.month IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1
