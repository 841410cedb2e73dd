-- Reserved for the schema change of another piece of work merged before the roster
-- (0004).  Migrations must be numbered 1..n; if main already has a 0003, this file
-- goes and main's stays.
SELECT 1;
