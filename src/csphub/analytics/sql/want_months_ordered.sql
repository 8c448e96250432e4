-- The counted months in rank order.
SELECT month FROM want_months ORDER BY mi
