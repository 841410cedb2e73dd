-- Placeholder so this branch's migrations number 1..n; the integrator drops it when
-- another branch's 0003 lands (issue 12 core owns 0005 only).
SELECT 1;
