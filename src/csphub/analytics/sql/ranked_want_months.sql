-- Every month the counts need (study, comparison and rolling history) with its rank (params: months, months).
CREATE TABLE want_months AS
SELECT unnest(?::VARCHAR[]) AS month, (generate_subscripts(?::VARCHAR[], 1) - 1)::BIGINT AS mi
