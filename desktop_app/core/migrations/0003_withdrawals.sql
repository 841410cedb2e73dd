-- The lead office can take an accepted package back (a hostile or mistaken office's
-- data): the package stays in history with why, and leaves the consolidation.
ALTER TABLE received_packages ADD COLUMN withdrawn_at TEXT;
ALTER TABLE received_packages ADD COLUMN withdrawn_reason TEXT;
ALTER TABLE received_packages ADD COLUMN withdrawn_by TEXT;
