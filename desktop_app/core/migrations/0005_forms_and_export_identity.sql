-- Each office's own form, and exports that know what they carried.

-- Where an assignment came from: 'plan' (the catalog's form for the office, replaced when
-- a plan update changes it) or 'office' (an indicator the clerk chose to report too,
-- kept across plan updates).
ALTER TABLE assignments ADD COLUMN origin TEXT NOT NULL DEFAULT 'plan' CHECK (origin IN ('plan', 'office'));

-- What an export carried, so exporting the same data again gives the same revision (and
-- the same package, which the lead office recognises as one it already has), and whether
-- it was a signed submission or a draft shared for comment.
ALTER TABLE exports ADD COLUMN content_fingerprint TEXT;
ALTER TABLE exports ADD COLUMN created_at TEXT;
ALTER TABLE exports ADD COLUMN submission TEXT NOT NULL DEFAULT 'final' CHECK (submission IN ('final', 'draft'));
