-- The study months (param: months).
CREATE TABLE study_months AS SELECT unnest(?::VARCHAR[]) AS month
