-- The roster: which offices the lead office expects a report from, per plan.  An
-- office's own dates (offices.valid_from / valid_to / successor_id) say when it exists;
-- this table says which plan it reports on.  A workspace may hold several plans (the
-- two legacy plans of a merged province), each with its own roster.
CREATE TABLE roster (
    plan_code TEXT NOT NULL REFERENCES plans(code),
    office_id TEXT NOT NULL REFERENCES offices(id),
    origin    TEXT NOT NULL CHECK (origin IN ('plan', 'user')),
    added_at  TEXT NOT NULL,
    PRIMARY KEY (plan_code, office_id)
) WITHOUT ROWID;

CREATE INDEX received_by_plan_year ON received_packages (plan_code, year, office_id, revision);
